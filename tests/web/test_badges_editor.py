"""The badge editor: who may use it, what it saves, what it refuses, and versions."""

from __future__ import annotations

import html
import io
import re
import secrets
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from insigne.web.awards.models import Award, AwardImport
from insigne.web.badges import rasterise
from insigne.web.badges.achievement import achievement_json
from insigne.web.badges.models import Badge, BadgeVersion
from insigne.web.issuers.models import Unit

from .conftest import Cast, make_badge
from .images import png
from .test_badges_support import (
    badge_data,
    competence_rows,
    create_url,
    edit_data,
    edit_url,
)


def award(version: BadgeVersion) -> Award:
    return Award.objects.create(
        organisation=version.badge.organisation,
        version=version,
        recipient_email="camille@apprenant.example",
        recipient_name="Camille Roux",
        awarded_at=timezone.now(),
        claim_token=secrets.token_urlsafe(16),
    )


def errors_of(content: bytes) -> str:
    """The text of the page's error summary ('' when there is none)."""
    match = re.search(rb'<div class="error-summary".*?</div>', content, re.S)
    return match.group(0).decode() if match else ""


def only_version(**filters: Any) -> BadgeVersion:
    return BadgeVersion.objects.select_related("badge").get(**filters)


# Who may design ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owner_and_editor_can_open_the_editor(cast: Cast, role: str) -> None:
    response = cast.client(getattr(cast, role)).get(create_url(cast.organisation.slug))
    assert response.status_code == 200
    assert b"Atelier de conception" in response.content


def test_awarder_cannot_create_a_badge(cast: Cast) -> None:
    client = cast.client(cast.awarder)
    assert client.get(create_url(cast.organisation.slug)).status_code == 403
    assert client.post(create_url(cast.organisation.slug), badge_data()).status_code == 403
    assert not Badge.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_people_outside_the_organisation_get_not_found(cast: Cast, who: str) -> None:
    client = cast.client(getattr(cast, who))
    assert client.get(create_url(cast.organisation.slug)).status_code == 404
    assert client.post(create_url(cast.organisation.slug), badge_data()).status_code == 404
    assert not Badge.objects.exists()


def test_anonymous_visitor_is_sent_to_login(cast: Cast) -> None:
    response = cast.client(None).get(create_url(cast.organisation.slug))
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]


def test_outsider_cannot_edit_another_organisations_badge(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    client = cast.client(cast.outsider)
    assert client.get(edit_url(version.badge)).status_code == 404
    response = client.post(edit_url(version.badge), edit_data(version, name="Piraté"))
    assert response.status_code == 404
    version.refresh_from_db()
    assert version.name == "Compétences relationnelles"


def test_awarder_cannot_edit_a_badge(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    response = cast.client(cast.awarder).post(
        edit_url(version.badge), edit_data(version, name="Autre")
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.name == "Compétences relationnelles"


def test_badge_of_one_organisation_is_not_found_under_another(cast: Cast) -> None:
    version = make_badge(cast.other)
    url = edit_url(version.badge).replace(cast.other.slug, cast.organisation.slug)
    assert cast.client(cast.owner).get(url).status_code == 404


# Creating -----------------------------------------------------------------------------------------


def test_editor_creates_a_grouped_badge_with_certification_and_designed_image(cast: Cast) -> None:
    response = cast.client(cast.editor).post(create_url(cast.organisation.slug), badge_data())
    version = only_version()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/badges/{version.badge.public_id}/")
    assert version.number == 1
    assert version.badge.organisation == cast.organisation
    assert version.badge.created_by == cast.editor
    assert version.name == "Travailler en équipe"
    assert version.tags == ["soft skills", "coopération"]
    assert version.certification_code == "RS5476"  # "rs 5476" normalised
    assert version.certification_url == ""  # the fiche URL is derived, not stored
    competences = list(version.competences.order_by("position"))
    assert [c.name for c in competences] == ["Coopérer", "Communiquer", "S'organiser"]
    assert competences[0].levels == ["Découverte", "Application"]
    assert competences[2].url == "https://exemple.fr/organiser"
    assert version.design["shape"] == "hexagone"
    assert version.design["background"] == "#1d6b2f"  # from the "vert" palette
    with Image.open(io.BytesIO(bytes(version.image_png))) as image:
        assert image.size == (512, 512)
    assert version.image_svg.startswith("<svg")


def test_created_badge_gives_an_achievement_with_competences_and_rs_alignment(cast: Cast) -> None:
    cast.client(cast.owner).post(create_url(cast.organisation.slug), badge_data())
    achievement = achievement_json(only_version())
    targets = {a["targetName"]: a for a in achievement["alignment"]}
    assert set(targets) == {"Coopérer", "Communiquer", "S'organiser", "Certification d'exemple"}
    rs = targets["Certification d'exemple"]
    assert rs["targetCode"] == "RS5476"
    assert rs["targetUrl"] == "https://www.francecompetences.fr/recherche/rs/5476/"
    assert [r["name"] for r in achievement["resultDescription"]] == ["Coopérer"]


def test_badge_can_be_filed_under_a_unit_of_the_organisation(cast: Cast) -> None:
    unit = Unit.objects.create(organisation=cast.organisation, name="Site de Villeurbanne")
    cast.client(cast.owner).post(create_url(cast.organisation.slug), badge_data(unit=str(unit.pk)))
    assert only_version().badge.unit == unit


def test_unit_of_another_organisation_is_refused(cast: Cast) -> None:
    foreign = Unit.objects.create(organisation=cast.other, name="Ailleurs")
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(unit=str(foreign.pk))
    )
    assert response.status_code == 200
    assert "Service ou site" in errors_of(response.content)
    assert not Badge.objects.exists()


def test_uploaded_png_becomes_the_badge_image(cast: Cast) -> None:
    upload = SimpleUploadedFile("badge.png", png(300, 300), content_type="image/png")
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(source="fichier", file=upload)
    )
    assert response.status_code == 302
    version = only_version()
    with Image.open(io.BytesIO(bytes(version.image_png))) as image:
        assert image.size == (300, 300)
    assert version.image_svg == ""
    assert version.design == {}


@pytest.mark.skipif(not rasterise.AVAILABLE, reason="resvg-py is not installed")
def test_malicious_svg_upload_is_cleaned_and_the_page_says_what_was_removed(cast: Cast) -> None:
    malicious = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)">'
        b"<script>alert(2)</script>"
        b'<circle cx="50" cy="50" r="45" fill="#5b2a86"/></svg>'
    )
    upload = SimpleUploadedFile("badge.svg", malicious, content_type="image/svg+xml")
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(source="fichier", file=upload),
        follow=True,
    )
    version = only_version()
    assert "script" not in version.image_svg and "onload" not in version.image_svg
    assert "<circle" in version.image_svg
    assert "retirés de l'image" in html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
            "DTD",
        ),
        (b"GIF89a" + b"\x00" * 64, "PNG ou SVG"),
        (png(40, 40), "au moins"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024 + 10), "2 Mo"),
        (b"<svg", "SVG lisible"),
    ],
    ids=["xxe", "gif", "too-small", "too-big", "broken-svg"],
)
def test_bad_image_files_get_a_clear_message(cast: Cast, content: bytes, expected: str) -> None:
    upload = SimpleUploadedFile("image.svg", content)
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(source="fichier", file=upload)
    )
    assert response.status_code == 200
    assert expected in errors_of(response.content)
    assert not Badge.objects.exists()


def test_upload_choice_without_a_file_asks_for_one(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(source="fichier")
    )
    assert "Choisissez le fichier" in errors_of(response.content)


# Refusing bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["RS", "RNCP12345BC1", "ABC123", "RS1234567", "RNCP-37173"])
def test_wrong_certification_codes_are_refused(cast: Cast, code: str) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(certification_code=code)
    )
    assert response.status_code == 200
    summary = errors_of(response.content)
    assert "Code de la certification" in summary
    assert "RNCP38436BC01" in summary  # the message shows the expected forms
    assert not Badge.objects.exists()


@pytest.mark.parametrize("code", ["RNCP37173", "RNCP38436BC01", "rncp 521"])
def test_rncp_fiches_and_blocs_are_accepted(cast: Cast, code: str) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(certification_code=code)
    )
    assert response.status_code == 302
    assert only_version().certification_code == code.replace(" ", "").upper()


def test_certification_code_needs_a_title(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(certification_title="")
    )
    assert "Indiquez l&#x27;intitulé de la certification" in errors_of(response.content)


def test_certification_title_without_a_code_is_refused(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(certification_code="")
    )
    assert "Indiquez le code de la certification" in errors_of(response.content)


def test_certification_can_be_left_out(cast: Cast) -> None:
    data = badge_data(certification_code="", certification_title="", certification_url="")
    assert cast.client(cast.owner).post(create_url(cast.organisation.slug), data).status_code == 302


def test_expiry_date_must_be_in_the_future(cast: Cast) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(expiry="date", expiry_date=yesterday)
    )
    assert "doit être à venir" in errors_of(response.content)


def test_expiry_choices_need_their_value(cast: Cast) -> None:
    client = cast.client(cast.owner)
    response = client.post(create_url(cast.organisation.slug), badge_data(expiry="date"))
    assert "Indiquez la date de fin de validité" in errors_of(response.content)
    response = client.post(create_url(cast.organisation.slug), badge_data(expiry="duration"))
    assert "Indiquez la durée de validité" in errors_of(response.content)


def test_expiry_duration_is_stored_and_a_stray_date_is_dropped(cast: Cast) -> None:
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(expiry="duration", expiry_days="365", expiry_date=later),
    )
    version = only_version()
    assert (version.expiry, version.expiry_days, version.expiry_date) == ("duration", 365, None)


def test_more_than_20_competences_are_refused(cast: Cast) -> None:
    rows = [{"name": f"Compétence {i}"} for i in range(21)]
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(**competence_rows(*rows))
    )
    assert response.status_code == 200
    assert "20 compétences au plus" in errors_of(response.content)
    assert not Badge.objects.exists()


def test_tampered_form_count_is_refused_without_error_500(cast: Cast) -> None:
    data = badge_data()
    data["competences-TOTAL_FORMS"] = "100000"
    response = cast.client(cast.owner).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 200
    assert "compétences au plus" in errors_of(response.content)


def test_missing_formset_management_data_is_refused_without_error_500(cast: Cast) -> None:
    data = {k: v for k, v in badge_data().items() if "FORMS" not in k}
    response = cast.client(cast.owner).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 200
    assert errors_of(response.content)
    assert not Badge.objects.exists()


def test_more_than_10_levels_are_refused(cast: Cast) -> None:
    levels = "\n".join(f"Niveau {i}" for i in range(11))
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(**competence_rows({"name": "Coopérer", "levels": levels})),
    )
    assert "10 niveaux au plus" in errors_of(response.content)


def test_duplicate_levels_are_refused(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(**competence_rows({"name": "Coopérer", "levels": "Maîtrise\nmaîtrise "})),
    )
    assert "est en double" in errors_of(response.content)


def test_duplicate_competence_names_are_refused(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(**competence_rows({"name": "Coopérer"}, {"name": " coopérer"})),
    )
    summary = errors_of(response.content)
    assert "Compétence 2" in summary and "figure deux fois" in summary


def test_blank_competence_entries_are_ignored(cast: Cast) -> None:
    cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(**competence_rows({"name": "Coopérer"}, {"name": "", "levels": ""})),
    )
    assert list(only_version().competences.values_list("name", flat=True)) == ["Coopérer"]


def test_low_contrast_design_is_refused_with_the_ratio(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(
            **{
                "design-palette": "perso",
                "design-background": "#ffffff",
                "design-foreground": "#dddddd",
            }
        ),
    )
    summary = errors_of(response.content)
    assert "Atelier" in summary and "4,5:1" in summary


def test_tampered_design_choices_are_refused(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(**{"design-shape": "<script>", "design-pictogram": "licorne"}),
    )
    assert response.status_code == 200
    assert "Forme" in errors_of(response.content)
    assert "<script>" not in response.content.decode().split("error-summary")[1][:2000]


def test_error_summary_links_to_fields_that_exist(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(name="", expiry="date", **competence_rows({"name": "A", "levels": "x\nx"})),
    )
    page = response.content.decode()
    anchors = re.findall(r'<a href="#([^"]+)">', errors_of(response.content))
    assert {"id_name", "id_expiry_date", "id_competences-0-levels"} <= set(anchors)
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    assert 'aria-invalid="true"' in page
    assert "<title>Erreur" in page


# Competences without JavaScript -----------------------------------------------------------------


def test_add_button_adds_a_blank_competence_without_saving_or_errors(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(name="", competence_action="add")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="competences-TOTAL_FORMS" value="4"' in page
    assert 'id="id_competences-3-name"' in page
    assert errors_of(response.content) == ""
    assert not Badge.objects.exists()


def test_move_buttons_reorder_competences_and_save_keeps_the_order(cast: Cast) -> None:
    client = cast.client(cast.owner)
    moved = client.post(create_url(cast.organisation.slug), badge_data(competence_action="up-2"))
    page = moved.content.decode()
    assert page.index('value="S&#x27;organiser"') < page.index('value="Communiquer"')
    data = badge_data(
        **competence_rows({"name": "Coopérer"}, {"name": "S'organiser"}, {"name": "Communiquer"})
    )
    client.post(create_url(cast.organisation.slug), data)
    names = list(only_version().competences.order_by("position").values_list("name", flat=True))
    assert names == ["Coopérer", "S'organiser", "Communiquer"]


def test_remove_button_drops_that_competence(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(competence_action="remove-0")
    )
    page = response.content.decode()
    assert 'name="competences-TOTAL_FORMS" value="2"' in page
    assert 'value="Coopérer"' not in page
    assert 'value="Communiquer"' in page


def test_tampered_competence_action_is_ignored(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug), badge_data(competence_action="down-99")
    )
    assert response.status_code == 200
    assert not Badge.objects.exists()


# Previews -----------------------------------------------------------------------------------------


def test_preview_shows_sanitised_criteria_and_saves_nothing(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(criteria="**Projet** mené <script>alert(1)</script>", preview="1"),
    )
    page = response.content.decode()
    assert "<strong>Projet</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "design_preview" not in page  # the preview image is a real URL...
    assert "/badges/apercu/image.svg?" in page  # ...of the designer preview
    assert not Badge.objects.exists()


def test_preview_with_a_chosen_file_says_to_choose_it_again(cast: Cast) -> None:
    upload = SimpleUploadedFile("badge.png", png(200, 200))
    response = cast.client(cast.owner).post(
        create_url(cast.organisation.slug),
        badge_data(source="fichier", file=upload, preview="1"),
    )
    assert "choisissez-le encore une fois" in response.content.decode()


# Editing and versions -----------------------------------------------------------------------------


def test_editing_a_badge_nobody_received_changes_version_1_in_place(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    rows = competence_rows({"name": "Coopérer", "levels": "Un\nDeux"})
    response = cast.client(cast.editor).post(
        edit_url(version.badge), edit_data(version, name="Coopérer en projet", **rows)
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.number == 1
    assert version.name == "Coopérer en projet"
    assert list(version.competences.values_list("name", "levels")) == [("Coopérer", ["Un", "Deux"])]
    assert version.badge.versions.count() == 1


def test_editor_page_says_an_awarded_badge_will_get_a_new_version(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    page = cast.client(cast.editor).get(edit_url(version.badge)).content.decode()
    assert (
        "Ce badge a déjà été attribué : vos modifications créeront la version 2 ; "
        "les badges déjà délivrés ne changent pas."
    ) in page


def test_editing_an_awarded_badge_creates_version_2_and_leaves_version_1_untouched(
    cast: Cast,
) -> None:
    version = make_badge(cast.organisation)
    award(version)
    before_png = bytes(version.image_png)
    response = cast.client(cast.owner).post(
        edit_url(version.badge),
        edit_data(
            version,
            name="Compétences relationnelles 2026",
            certification_code="",
            certification_title="",
        ),
        follow=True,
    )
    assert "Version 2 enregistrée" in response.content.decode()
    version.refresh_from_db()
    assert version.name == "Compétences relationnelles"
    assert version.certification_code == "RS5476"
    assert version.competences.count() == 3
    newer = version.badge.versions.get(number=2)
    assert newer.name == "Compétences relationnelles 2026"
    assert newer.certification_code == ""
    assert list(newer.competences.order_by("position").values_list("name", flat=True)) == [
        "Travailler en équipe",
        "Communiquer",
        "Apprendre à apprendre",
    ]
    assert bytes(newer.image_png) == before_png  # the image was kept
    assert version.badge.current_version == newer


def test_badge_with_an_import_under_way_is_frozen_too(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    AwardImport.objects.create(
        organisation=cast.organisation,
        version=version,
        file_name="liste.csv",
        file_sha256="0" * 64,
        state=AwardImport.State.RUNNING,
    )
    cast.client(cast.owner).post(edit_url(version.badge), edit_data(version, name="Autre nom"))
    assert version.badge.versions.count() == 2


def test_unchanged_submission_writes_no_new_version(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    response = cast.client(cast.owner).post(
        edit_url(version.badge), edit_data(version), follow=True
    )
    assert "Aucune modification" in response.content.decode()
    assert version.badge.versions.count() == 1


def test_new_image_alone_makes_a_new_version_of_an_awarded_badge(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    upload = SimpleUploadedFile("nouveau.png", png(256, 256, rgb=b"\x0b\x5c\xad"))
    cast.client(cast.owner).post(
        edit_url(version.badge), edit_data(version, source="fichier", file=upload)
    )
    newer = version.badge.versions.get(number=2)
    assert bytes(newer.image_png) != bytes(version.image_png)


def test_designed_badge_reopens_with_its_design(cast: Cast) -> None:
    client = cast.client(cast.owner)
    client.post(create_url(cast.organisation.slug), badge_data())
    version = only_version()
    page = client.get(edit_url(version.badge)).content.decode()
    assert re.search(r'value="hexagone"[^>]*checked', page)
    assert 'value="Travail en équipe"' in page


def test_editing_only_the_unit_files_the_badge_without_a_new_version(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    unit = Unit.objects.create(organisation=cast.organisation, name="Antenne")
    cast.client(cast.owner).post(edit_url(version.badge), edit_data(version, unit=str(unit.pk)))
    badge = Badge.objects.get(pk=version.badge.pk)
    assert badge.unit == unit
    assert badge.versions.count() == 1


def test_edit_form_shows_the_default_fiche_address(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    page = cast.client(cast.owner).get(edit_url(version.badge)).content.decode()
    assert "https://www.francecompetences.fr/recherche/rs/5476/" in page
