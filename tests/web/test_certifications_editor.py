"""Linking a badge to an imported fiche or bloc in the editor: picking by code fills the
title and links the version; the credential's certification alignment verifies."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insigne.core.ob3 import validate_credential
from insigne.core.verify import verify
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.badges.models import BadgeVersion
from insigne.web.certifications.actions import load_sample
from insigne.web.certifications.registry import entry_for
from insigne.web.issuers.models import Membership, Role
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast, make_user
from .test_badges_support import badge_data, create_url, edit_data, edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample() -> None:
    load_sample()


def created(cast: Cast, **fields: str) -> BadgeVersion:
    response = cast.client(cast.editor).post(
        create_url(cast.organisation.slug), badge_data(**fields)
    )
    assert response.status_code == 302, response.content.decode().replace("\xa0", " ")[:3000]
    return BadgeVersion.objects.get()


def certification_alignment(version: BadgeVersion, cast: Cast) -> dict[str, object]:
    [award] = issue(version, [Recipient("camille@apprenant.example", "Camille Roux")],
                    by=cast.awarder)  # fmt: skip
    result = verify(award.credential.encode(), fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    credential = json.loads(award.credential)
    assert [i for i in validate_credential(credential) if i.severity == "error"] == []
    alignments = credential["credentialSubject"]["achievement"]["alignment"]
    [found] = [a for a in alignments if a.get("targetCode") == version.certification_code]
    return dict(found)


def test_picking_an_rs_fiche_by_code_fills_its_title_and_links_the_version(
    cast: Cast, sample: None
) -> None:
    version = created(cast, certification_code="rs 0000", certification_title="")
    assert version.certification_code == "RS0000"
    assert version.certification_title == "Certification de démonstration (code fictif)"
    assert version.certification_url == ""
    entry = entry_for(version.certification_code)
    assert entry is not None and entry.fiche.code == "RS0000" and entry.bloc is None


def test_the_credential_of_a_picked_fiche_carries_the_rs_alignment_and_verifies(
    cast: Cast, sample: None
) -> None:
    version = created(cast, certification_code="RS0000", certification_title="")
    assert certification_alignment(version, cast) == {
        "type": ["Alignment"],
        "targetName": "Certification de démonstration (code fictif)",
        "targetUrl": "https://www.francecompetences.fr/recherche/rs/0/",
        "targetCode": "RS0000",
        "targetFramework": "Répertoire spécifique – France compétences",
        "targetType": "ext:FranceCompetencesRS",
    }


def test_picking_an_rncp_bloc_gives_the_bloc_alignment_that_verifies(
    cast: Cast, sample: None
) -> None:
    version = created(cast, certification_code="RNCP0000BC02", certification_title="")
    assert (
        version.certification_title == "Exemple : organiser ; planifier son activité (bloc fictif)"
    )
    entry = entry_for(version.certification_code)
    assert entry is not None and entry.bloc is not None and entry.fiche.code == "RNCP0000"
    alignment = certification_alignment(version, cast)
    assert alignment["targetType"] == "ext:BlocDeCompetences"
    assert alignment["targetUrl"] == "https://www.francecompetences.fr/recherche/rncp/0/"


def test_a_title_typed_by_the_designer_is_kept(cast: Cast, sample: None) -> None:
    version = created(cast, certification_code="RS0000", certification_title="Mon intitulé")
    assert version.certification_title == "Mon intitulé"


def test_a_code_typed_by_hand_that_was_not_imported_still_needs_and_keeps_its_title(
    cast: Cast, sample: None
) -> None:
    client = cast.client(cast.editor)
    response = client.post(
        create_url(cast.organisation.slug),
        badge_data(certification_code="RS5476", certification_title=""),
    )
    html = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 200
    assert "le code RS5476 ne figure pas dans les fiches importées de France compétences" in html
    assert "La fiche RS5476 ne figure pas dans les données importées" in html
    version = created(
        cast, certification_code="RS5476", certification_title="Certification d'exemple"
    )
    assert version.certification_title == "Certification d'exemple"
    assert entry_for(version.certification_code) is None


def test_words_in_the_code_field_list_the_fiches_they_find_without_javascript(
    cast: Cast, sample: None
) -> None:
    response = cast.client(cast.editor).post(
        create_url(cast.organisation.slug),
        badge_data(certification_code="médiation numérique", certification_title="", preview="1"),
    )
    html = response.content.decode().replace("\xa0", " ")
    assert "Fiches trouvées pour « médiation numérique »" in html
    assert "<strong>RNCP000000</strong> — Exemple : diplôme de niveau 6" in html
    assert "<strong>RNCP000000BC01</strong> — Exemple : conduire une médiation numérique" in html
    assert "Recopiez le code de la fiche choisie" in html
    assert not BadgeVersion.objects.exists()


def test_editor_warns_that_the_linked_fiche_ended_and_suggests_its_replacement(
    cast: Cast, sample: None
) -> None:
    version = created(cast, certification_code="RS00000", certification_title="")
    html = (
        cast.client(cast.editor).get(edit_url(version.badge)).content.decode().replace("\xa0", " ")
    )
    assert "Cette certification n'est plus active depuis le 31 décembre 2023." in html
    assert "RS0000 — Certification de démonstration (code fictif)" in html
    assert "saisissez RS0000 comme code de la certification" in html


def test_switching_to_the_replacement_makes_a_new_version_once_awarded(
    cast: Cast, sample: None
) -> None:
    version = created(cast, certification_code="RS00000", certification_title="")
    issue(version, [Recipient("camille@apprenant.example")], by=cast.awarder)
    response = cast.client(cast.editor).post(
        edit_url(version.badge),
        edit_data(version, certification_code="RS0000", certification_title=""),
    )
    assert response.status_code == 302
    newer = version.badge.versions.order_by("-number").first()
    assert newer is not None and newer.number == 2
    assert (newer.certification_code, newer.certification_title) == (
        "RS0000", "Certification de démonstration (code fictif)",
    )  # fmt: skip
    version.refresh_from_db()
    assert version.certification_code == "RS00000"  # the awarded version is unchanged


def test_editor_says_when_no_fiche_is_imported_and_offers_the_import_to_staff(
    cast: Cast,
) -> None:
    html = (
        cast.client(cast.editor)
        .get(create_url(cast.organisation.slug))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert "Aucune fiche de France compétences n'est encore importée sur cette plateforme" in html
    assert "/certifications/imports/" not in html
    staff = make_user("plateforme@insigne.example", is_staff=True)
    Membership.objects.create(organisation=cast.organisation, user=staff, role=Role.EDITOR)
    html = (
        cast.client(staff)
        .get(create_url(cast.organisation.slug))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert "/certifications/imports/" in html


def test_the_picker_is_wired_for_the_script(cast: Cast, sample: None) -> None:
    html = (
        cast.client(cast.editor)
        .get(create_url(cast.organisation.slug))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert 'data-search-url="/certifications/recherche.json"' in html
    assert 'data-code="id_certification_code"' in html
    assert 'data-title="id_certification_title"' in html
    assert "/static/insigne/certifications.js" in html


def test_the_editor_page_reads_the_linked_fiche_in_one_query(cast: Cast, sample: None) -> None:
    version = created(cast, certification_code="RS0000", certification_title="")
    client = cast.client(cast.editor)
    client.get(edit_url(version.badge))
    with CaptureQueriesContext(connection) as queries:
        client.get(edit_url(version.badge))
    reads = [q["sql"] for q in queries if "certifications_" in q["sql"]]
    assert len(reads) == 1, reads
