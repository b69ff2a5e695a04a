"""What the badge pages (public award page, the badge's own page, the holder's page) say about
the linked certification, from the imported France Compétences data."""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from insigne.web.badges.models import BadgeVersion
from insigne.web.certifications.actions import load_sample

from .conftest import Cast, make_badge
from .test_backpack_support import held
from .test_backpack_support import page as holder_page
from .test_public_support import award_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


@pytest.fixture
def sample() -> None:
    load_sample()


def linked(cast: Cast, code: str, title: str = "Titre saisi par l'émetteur") -> BadgeVersion:
    return make_badge(cast.organisation, certification=(code, title))


def public_page(cast: Cast, version: BadgeVersion) -> str:
    award = award_for(cast, version, public=True)
    response = cast.client(None).get(f"/b/{award.public_id}")
    assert response.status_code == 200
    return text_of(response.content.decode())


def text_of(page: str) -> str:
    return html_module.unescape(page).replace("\u00a0", " ")


def words(page: str) -> str:
    """The page's text without its tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(page)).split())


def test_the_badge_page_shows_the_fiche_its_certifier_status_and_end_date(
    cast: Cast, sample: None
) -> None:
    page = public_page(cast, linked(cast, "RS0000"))
    assert "<dt>Code</dt><dd>RS0000</dd>" in page
    assert "<dt>Intitulé</dt><dd>Titre saisi par l'émetteur</dd>" in page
    assert "<dt>Répertoire</dt><dd>Répertoire spécifique</dd>" in page
    assert "<dt>Certificateur</dt><dd>Organisme certificateur d'exemple (fictif)</dd>" in page
    assert "<dt>Statut</dt><dd>Active, enregistrée jusqu'au 31 décembre 2099" in page
    assert "<dt>Fin d'enregistrement</dt><dd>31 décembre 2099</dd>" in page
    assert 'href="https://www.francecompetences.fr/recherche/rs/0/"' in page
    assert "Source : Échantillon fictif livré avec Insigne" in page
    assert "export du 6 janvier 2025" in page
    assert "Attention" not in page
    assert "<dt>Niveau</dt>" not in page  # an RS fiche has no level


def test_an_rncp_fiche_shows_its_level_and_every_certifier(cast: Cast, sample: None) -> None:
    page = public_page(cast, linked(cast, "RNCP000000"))
    assert "<dt>Niveau</dt><dd>Niveau 6</dd>" in page
    assert (
        "<dt>Certificateurs</dt><dd>Université d'exemple (fictive), École d'exemple (fictive)"
        in (page)
    )


def test_a_bloc_shows_the_fiche_it_belongs_to(cast: Cast, sample: None) -> None:
    page = public_page(cast, linked(cast, "RNCP0000BC01"))
    assert "<dt>Fiche</dt><dd>RNCP0000 — Exemple : titre professionnel de niveau 5" in page
    assert "<dt>Niveau</dt><dd>Niveau 5</dd>" in page
    assert 'href="https://www.francecompetences.fr/recherche/rncp/0/"' in page


def test_an_inactive_fiche_is_announced_with_its_date_and_replacement(
    cast: Cast, sample: None
) -> None:
    page = public_page(cast, linked(cast, "RS00000"))
    assert "Attention : Cette certification n'est plus active depuis le 31 décembre 2023." in (
        words(page)
    )
    assert "Elle est remplacée par :" in page
    assert ">RS0000 — Certification de démonstration (code fictif)</a>" in page
    assert "<dt>Statut</dt><dd>Plus active depuis le 31 décembre 2023</dd>" in page
    assert "saisissez" not in page  # the editor's advice is for the editor only


def test_a_fiche_still_marked_active_but_past_its_end_date_is_announced(
    cast: Cast, sample: None
) -> None:
    page = words(public_page(cast, linked(cast, "RS000000")))
    assert "Attention : Cette certification n'est plus active depuis le 30 juin 2024." in page
    assert "remplacée" not in page  # no replacement is known


def test_a_bloc_of_an_inactive_fiche_is_announced(cast: Cast, sample: None) -> None:
    page = words(public_page(cast, linked(cast, "RNCP00000BC01")))
    assert (
        "Attention : la fiche RNCP00000 dont ce bloc fait partie n'est plus active depuis "
        "le 1 juin 2023." in page
    )
    assert "RNCP0000 — Exemple : titre professionnel de niveau 5 (code fictif)" in page


def test_a_code_that_was_not_imported_shows_as_before(cast: Cast, sample: None) -> None:
    page = public_page(cast, linked(cast, "RS5476", "Certification d'exemple"))
    assert "<dt>Code</dt><dd>RS5476</dd>" in page
    assert "<dt>Statut</dt>" not in page and "Attention" not in page
    assert 'href="https://www.francecompetences.fr/recherche/rs/5476/"' in page


def test_the_badge_own_page_and_the_holder_page_show_the_warning_too(
    cast: Cast, sample: None
) -> None:
    version = linked(cast, "RS00000")
    achievement = cast.client(None).get(
        f"/badges/{version.badge.public_id}/v{version.number}", HTTP_ACCEPT="text/html"
    )
    assert "n'est plus active depuis le 31 décembre 2023" in text_of(achievement.content.decode())
    award = held(cast, version)
    mine = cast.client(cast.learner).get(holder_page(award)).content.decode()
    assert "n'est plus active depuis le 31 décembre 2023" in text_of(mine)


def test_the_warning_reads_in_english(cast: Cast, sample: None) -> None:
    award = award_for(cast, linked(cast, "RS00000"), public=True)
    with translation.override("en"):
        response = cast.client(None).get(f"/b/{award.public_id}", HTTP_ACCEPT_LANGUAGE="en")
    page = words(response.content.decode())
    assert "This certification has no longer been active since 31 December 2023." in page
    assert "It is replaced by:" in page


def test_the_registry_facts_cost_one_query_for_a_fiche_without_replacement(
    cast: Cast, sample: None
) -> None:
    award = award_for(cast, linked(cast, "RNCP000000"), public=True)
    with CaptureQueriesContext(connection) as queries:
        cast.client(None).get(f"/b/{award.public_id}")
    reads = [q["sql"] for q in queries if "certifications_" in q["sql"]]
    assert len(reads) == 1, reads
