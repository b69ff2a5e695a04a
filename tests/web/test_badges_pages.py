"""Badge list, badge page, archiving, image endpoints and editor previews."""

from __future__ import annotations

import io
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from insigne.web.awards.models import Award
from insigne.web.badges.models import Badge, BadgeVersion

from .conftest import Cast, make_badge
from .test_badges_support import detail_url, edit_data, edit_url, list_url


def award(version: BadgeVersion) -> Award:
    return Award.objects.create(
        organisation=version.badge.organisation,
        version=version,
        recipient_email="camille@apprenant.example",
        recipient_name="Camille Roux",
        awarded_at=timezone.now(),
        claim_token=secrets.token_urlsafe(16),
    )


def url(name: str, badge: Badge, **extra: object) -> str:
    return reverse(
        f"badges:{name}",
        kwargs={"slug": badge.organisation.slug, "public_id": badge.public_id, **extra},
    )


# List ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor", "awarder"])
def test_every_member_sees_the_badge_list(cast: Cast, role: str) -> None:
    make_badge(cast.organisation, name="Coopérer")
    page = cast.client(getattr(cast, role)).get(list_url(cast.organisation.slug))
    assert page.status_code == 200
    assert "Coopérer" in page.content.decode()
    assert ("Créer un badge" in page.content.decode()) == (role != "awarder")


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_outsiders_do_not_see_the_badge_list(cast: Cast, who: str) -> None:
    assert cast.client(getattr(cast, who)).get(list_url(cast.organisation.slug)).status_code == 404


def test_list_shows_only_this_organisations_badges(cast: Cast) -> None:
    make_badge(cast.other, name="Badge d'ailleurs")
    page = cast.client(cast.owner).get(list_url(cast.organisation.slug)).content.decode()
    assert "Badge d&#x27;ailleurs" not in page


def test_list_query_count_does_not_grow_with_badges(cast: Cast) -> None:
    client = cast.client(cast.owner)
    for i in range(2):
        award(make_badge(cast.organisation, name=f"Badge {i}"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(list_url(cast.organisation.slug)).status_code == 200
    for i in range(2, 22):
        version = make_badge(cast.organisation, name=f"Badge {i}")
        award(version)
        award(version)
    with CaptureQueriesContext(connection) as many:
        assert client.get(list_url(cast.organisation.slug)).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 8  # session, user, organisation, membership x2, count, page


def test_list_shows_current_version_name_and_award_count(cast: Cast) -> None:
    version = make_badge(cast.organisation, name="Ancien nom")
    award(version)
    award(version)
    cast.client(cast.owner).post(edit_url(version.badge), edit_data(version, name="Nouveau nom"))
    page = cast.client(cast.owner).get(list_url(cast.organisation.slug)).content.decode()
    assert "Nouveau nom" in page and "Ancien nom" not in page
    assert "Version 2" in page
    assert "2 attributions" in page


def test_search_finds_badges_by_current_name(cast: Cast) -> None:
    make_badge(cast.organisation, name="Travailler en équipe")
    make_badge(cast.organisation, name="Communiquer à l'oral")
    for query in ("ÉQUIPE", "equipe", "en  équipe"):
        page = cast.client(cast.owner).get(list_url(cast.organisation.slug), {"q": query})
        text = page.content.decode()
        assert "Communiquer" not in text
        assert "Travailler en équipe" in text
        assert "1 badge" in text


def test_archived_badges_are_listed_apart(cast: Cast) -> None:
    active = make_badge(cast.organisation, name="Toujours actif")
    archived = make_badge(cast.organisation, name="Plus attribué")
    Badge.objects.filter(pk=archived.badge.pk).update(archived=True)
    client = cast.client(cast.owner)
    main = client.get(list_url(cast.organisation.slug)).content.decode()
    past = client.get(list_url(cast.organisation.slug), {"etat": "archives"}).content.decode()
    assert active.name in main and archived.name not in main
    assert archived.name in past and active.name not in past


def test_list_images_have_name_and_issuer_as_alt_text(cast: Cast) -> None:
    make_badge(cast.organisation, name="Coopérer")
    page = cast.client(cast.owner).get(list_url(cast.organisation.slug)).content.decode()
    assert 'alt="Coopérer — Atelier de Lyon"' in page


def test_list_pages_by_24(cast: Cast) -> None:
    for i in range(30):
        make_badge(cast.organisation, name=f"Badge {i:02}")
    client = cast.client(cast.owner)
    first = client.get(list_url(cast.organisation.slug)).content.decode()
    second = client.get(list_url(cast.organisation.slug), {"page": "2"}).content.decode()
    assert first.count('class="card-title"') == 24
    assert second.count('class="card-title"') == 6
    assert client.get(list_url(cast.organisation.slug), {"page": "x"}).status_code == 200


# Badge page ---------------------------------------------------------------------------------------


def test_badge_page_shows_competences_levels_certification_and_alt_text(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    page = cast.client(cast.awarder).get(detail_url(version.badge)).content.decode()
    assert 'alt="Compétences relationnelles — Atelier de Lyon"' in page
    assert "Travailler en équipe" in page and "Maîtrise" in page
    assert "Sans niveaux." in page  # "Apprendre à apprendre" has none
    assert "<strong>projet collectif</strong>" in page
    assert "https://www.francecompetences.fr/recherche/rs/5476/" in page
    assert "Certification d&#x27;exemple" in page


def test_badge_page_lists_versions_with_their_award_counts(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    award(version)
    cast.client(cast.owner).post(edit_url(version.badge), edit_data(version, name="Renommé"))
    page = cast.client(cast.owner).get(detail_url(version.badge)).content.decode()
    assert "<td>Renommé</td>" in page
    assert "<td>Compétences relationnelles</td>" in page
    assert "<td>2</td>" in page and "<td>0</td>" in page


def test_badge_page_can_show_an_older_version(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    cast.client(cast.owner).post(edit_url(version.badge), edit_data(version, name="Renommé"))
    page = cast.client(cast.owner).get(detail_url(version.badge), {"version": "1"})
    text = page.content.decode()
    assert "Vous consultez la version 1" in text
    assert '<h1 lang="fr">Compétences relationnelles</h1>' in text


def test_badge_page_links_to_awarding_pages_when_they_exist(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    page = cast.client(cast.owner).get(detail_url(version.badge)).content.decode()
    assert f"/badges/{version.badge.public_id}/attribuer/" in page
    assert f"/badges/{version.badge.public_id}/importer/" in page


def test_awarder_sees_no_edit_or_archive_button(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    page = cast.client(cast.awarder).get(detail_url(version.badge)).content.decode()
    assert "Modifier le badge" not in page
    assert "Archiver" not in page


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_outsiders_do_not_see_a_badge(cast: Cast, who: str) -> None:
    version = make_badge(cast.organisation)
    client = cast.client(getattr(cast, who))
    assert client.get(detail_url(version.badge)).status_code == 404
    assert client.get(url("image_png", version.badge)).status_code == 404


# Archiving ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_designers_can_archive_and_unarchive(cast: Cast, role: str) -> None:
    version = make_badge(cast.organisation)
    client = cast.client(getattr(cast, role))
    assert client.post(url("archive", version.badge)).status_code == 302
    assert Badge.objects.get(pk=version.badge.pk).archived
    assert client.post(url("unarchive", version.badge)).status_code == 302
    assert not Badge.objects.get(pk=version.badge.pk).archived


def test_archived_badge_page_offers_no_awarding(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    Badge.objects.filter(pk=version.badge.pk).update(archived=True)
    page = cast.client(cast.owner).get(detail_url(version.badge)).content.decode()
    assert "Archivé" in page and "Désarchiver" in page
    assert "/attribuer/" not in page


@pytest.mark.parametrize(("who", "status"), [("awarder", 403), ("outsider", 404)])
def test_others_cannot_archive(cast: Cast, who: str, status: int) -> None:
    version = make_badge(cast.organisation)
    assert cast.client(getattr(cast, who)).post(url("archive", version.badge)).status_code == status
    assert not Badge.objects.get(pk=version.badge.pk).archived


def test_archiving_needs_a_post(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    assert cast.client(cast.owner).get(url("archive", version.badge)).status_code == 405
    assert not Badge.objects.get(pk=version.badge.pk).archived


# Images ------------------------------------------------------------------------------------------


def test_png_endpoint_serves_the_current_image_with_a_validator(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    client = cast.client(cast.awarder)
    response = client.get(url("image_png", version.badge))
    assert response["Content-Type"] == "image/png"
    assert response.content == bytes(version.image_png)
    again = client.get(url("image_png", version.badge), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_older_versions_keep_their_image(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    client = cast.client(cast.owner)
    client.post(edit_url(version.badge), edit_data(version, source="atelier", **_design()))
    old = client.get(url("version_png", version.badge, number=1)).content
    new = client.get(url("version_png", version.badge, number=2)).content
    assert old == bytes(version.image_png)
    with Image.open(io.BytesIO(new)) as image:
        assert image.size == (512, 512)
    assert client.get(url("version_png", version.badge, number=9)).status_code == 404


def test_svg_endpoint_forbids_scripts_by_policy(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    client = cast.client(cast.owner)
    assert client.get(url("image_svg", version.badge)).status_code == 404  # PNG only
    client.post(edit_url(version.badge), edit_data(version, source="atelier", **_design()))
    response = client.get(url("image_svg", version.badge))
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response.content.startswith(b"<svg")


def _design() -> dict[str, str]:
    return {
        "design-shape": "blason",
        "design-pictogram": "livre",
        "design-palette": "bordeaux",
        "design-background": "",
        "design-foreground": "",
        "design-line1": "Lecture",
        "design-line2": "",
    }


def test_design_preview_draws_the_parameters(cast: Cast) -> None:
    preview = reverse("badges:design_preview", kwargs={"slug": cast.organisation.slug})
    response = cast.client(cast.editor).get(
        preview, {"shape": "sceau", "pictogram": "coeur", "palette": "nuit", "line1": "Merci"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"#1b2a4a" in response.content and b"Merci" in response.content


def test_design_preview_explains_what_cannot_be_drawn(cast: Cast) -> None:
    preview = reverse("badges:design_preview", kwargs={"slug": cast.organisation.slug})
    response = cast.client(cast.editor).get(
        preview,
        {
            "shape": "cercle",
            "pictogram": "coeur",
            "palette": "perso",
            "background": "#ffffff",
            "foreground": "#eeeeee",
        },
    )
    assert response.status_code == 400
    assert "4,5:1" in response.json()["errors"]["foreground"][0]


@pytest.mark.parametrize(("who", "status"), [("awarder", 403), ("outsider", 404)])
def test_previews_are_for_designers(cast: Cast, who: str, status: int) -> None:
    slug = cast.organisation.slug
    client = cast.client(getattr(cast, who))
    assert client.get(reverse("badges:design_preview", kwargs={"slug": slug})).status_code == (
        status
    )
    criteria = reverse("badges:criteria_preview", kwargs={"slug": slug})
    assert client.post(criteria, {"criteria": "x"}).status_code == status


def test_criteria_preview_returns_sanitised_html(cast: Cast) -> None:
    criteria = reverse("badges:criteria_preview", kwargs={"slug": cast.organisation.slug})
    response = cast.client(cast.editor).post(
        criteria, {"criteria": "- *un*\n- [lien](javascript:alert(1))\n\n<img src=x onerror=y>"}
    )
    html = response.content.decode()
    assert "<em>un</em>" in html
    assert "javascript" not in html and "onerror" not in html and "<img" not in html


# Languages ---------------------------------------------------------------------------------------


def test_editor_speaks_english_when_asked(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    award(version)
    client = cast.client(cast.owner)
    client.cookies["django_language"] = "en"
    with translation.override("fr"):  # the middleware's "en" must not outlive this test
        page = client.get(edit_url(version.badge)).content.decode()
    assert "This badge has already been awarded" in page
    assert "Competences" in page
    assert "Critères d" not in page
