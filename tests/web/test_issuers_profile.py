"""Organisations: creation, home page, profile and logo."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from insigne.web.badges.models import BadgeVersion
from insigne.web.claims.models import BadgeRequest
from insigne.web.issuers.actions import unique_slug
from insigne.web.issuers.logos import MAX_SIDE
from insigne.web.issuers.models import Membership, Organisation, Role, SigningKey

from .conftest import Cast
from .images import PNG_64, SVG, png

pytestmark = pytest.mark.django_db

VALID_SIRET = "73282932000074"  # passes the Luhn check


def _profile(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Centre de formation du Rhône",
        "description": "Formations aux métiers du numérique.",
        "website": "cfr.example",
        "contact_email": "contact@cfr.example",
        "kind": Organisation.Kind.TRAINING_BODY,
        "region": Organisation.Region.ARA,
        "siret": "",
        "linkedin_organization_id": "",
    }
    data.update(changes)
    return data


def _errors(response: Any) -> str:
    page: str = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    return page.replace("&#x27;", "'").replace("&nbsp;", "\u00a0")


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, format="JPEG")
    return out.getvalue()


# Creation


def test_anyone_signed_in_creates_an_organisation_and_becomes_its_owner(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("issuers:create"), _profile(siret="732 829 320 00074")
    )
    organisation = Organisation.objects.get(name="Centre de formation du Rhône")
    assert response.status_code == 302
    assert response["Location"] == reverse("issuers:detail", kwargs={"slug": organisation.slug})
    assert organisation.slug == "centre-de-formation-du-rhone"
    assert organisation.website == "https://cfr.example"
    assert organisation.siret == VALID_SIRET
    assert Membership.objects.get(organisation=organisation).user == cast.learner
    assert Membership.objects.get(organisation=organisation).role == Role.OWNER
    assert SigningKey.objects.filter(organisation=organisation, retired_at=None).count() == 1


def test_anonymous_visitor_is_asked_to_sign_in_before_creating() -> None:
    response = Client().get(reverse("issuers:create"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_invalid_siret_is_refused_with_a_clear_message(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("issuers:create"), _profile(siret="73282932000075")
    )
    assert "Ce SIRET n'est pas valide (clé incorrecte)." in _errors(response)
    response = cast.client(cast.learner).post(reverse("issuers:create"), _profile(siret="1234"))
    assert "Un SIRET comporte 14 chiffres." in _errors(response)
    assert not Organisation.objects.filter(name="Centre de formation du Rhône").exists()


def test_an_invalid_linkedin_id_is_refused_with_a_clear_message(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("issuers:create"), _profile(linkedin_organization_id="atelier-lyon")
    )
    assert "Un identifiant LinkedIn est un nombre." in _errors(response)


def test_a_linkedin_page_address_gives_its_number(cast: Cast) -> None:
    cast.client(cast.learner).post(
        reverse("issuers:create"),
        _profile(linkedin_organization_id="https://www.linkedin.com/company/10429158/admin/"),
    )
    organisation = Organisation.objects.get(name="Centre de formation du Rhône")
    assert organisation.linkedin_organization_id == "10429158"


def test_missing_name_and_contact_are_pointed_out_field_by_field(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("issuers:create"), _profile(name="", contact_email="pas-une-adresse")
    )
    page = _errors(response)
    assert 'href="#id_name"' in page and 'href="#id_contact_email"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_name_error"' in page


def test_a_png_logo_is_stored_as_a_png_within_the_size_cap(cast: Cast) -> None:
    upload = SimpleUploadedFile("logo.png", png(1600, 900), content_type="image/png")
    cast.client(cast.learner).post(reverse("issuers:create"), {**_profile(), "logo": upload})
    organisation = Organisation.objects.get(name="Centre de formation du Rhône")
    assert organisation.logo_png is not None
    stored = Image.open(io.BytesIO(bytes(organisation.logo_png)))
    assert stored.format == "PNG"
    assert stored.size == (MAX_SIDE, 288)


def test_a_jpeg_logo_is_re_encoded_as_png(cast: Cast) -> None:
    upload = SimpleUploadedFile("logo.jpg", _jpeg(200, 200), content_type="image/jpeg")
    cast.client(cast.learner).post(reverse("issuers:create"), {**_profile(), "logo": upload})
    organisation = Organisation.objects.get(name="Centre de formation du Rhône")
    assert bytes(organisation.logo_png or b"").startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.png",
            b"\0" * (30 * 1024 * 1024),
            "Le logo pèse 30\u00a0Mo\u00a0; la taille maximale est de 2\u00a0Mo.",
        ),
        ("logo.png", b"ceci n'est pas une image", "n'est pas une image PNG ou JPEG lisible"),
        ("logo.svg", SVG, "Les logos SVG ne sont pas acceptés"),
        ("logo.png", SVG, "Les logos SVG ne sont pas acceptés"),
        ("logo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "n'est pas une image PNG ou JPEG"),
        ("logo.png", PNG_64[:60], "n'est pas une image PNG ou JPEG lisible"),
        ("logo.png", png(8, 8), "Le logo est trop petit"),
    ],
    ids=["30-MB", "text", "svg-by-name", "svg-by-content", "gif", "truncated", "tiny"],
)
def test_a_bad_logo_is_refused_with_a_clear_message(
    cast: Cast, name: str, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = cast.client(cast.learner).post(
        reverse("issuers:create"), {**_profile(), "logo": upload}
    )
    assert message in _errors(response)
    assert not Organisation.objects.filter(name="Centre de formation du Rhône").exists()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that announces ``width`` × ``height`` pixels but carries almost none."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [7000, 20000])
def test_an_image_too_large_to_decode_is_refused_before_decoding(cast: Cast, side: int) -> None:
    upload = SimpleUploadedFile("logo.png", _png_header(side, side), content_type="image/png")
    response = cast.client(cast.learner).post(
        reverse("issuers:create"), {**_profile(), "logo": upload}
    )
    assert "L'image est trop grande" in _errors(response)


def test_slugs_never_take_the_fixed_words_of_the_addresses(db: None) -> None:
    assert unique_slug("Nouvelle") == "nouvelle-2"
    assert unique_slug("Invitations") == "invitations-2"


# Home page


def _detail(client: Client, cast: Cast) -> Any:
    return client.get(reverse("issuers:detail", kwargs={"slug": cast.organisation.slug}))


def test_owner_home_page_offers_every_part_of_the_organisation(cast: Cast) -> None:
    page = _detail(cast.client(cast.owner), cast).content.decode()
    slug = cast.organisation.slug
    for name in ("edit", "units", "keys", "staff"):
        assert reverse(f"issuers:{name}", kwargs={"slug": slug}) in page
    assert reverse("insights:dashboard", kwargs={"slug": slug}) in page
    assert reverse("badges:list", kwargs={"slug": slug}) in page
    assert reverse("awards:list", kwargs={"slug": slug}) in page


def test_editor_home_page_offers_badges_but_not_what_an_owner_or_awarder_does(cast: Cast) -> None:
    page = _detail(cast.client(cast.editor), cast).content.decode()
    slug = cast.organisation.slug
    assert reverse("badges:list", kwargs={"slug": slug}) in page
    assert reverse("insights:dashboard", kwargs={"slug": slug}) in page
    assert reverse("awards:list", kwargs={"slug": slug}) not in page
    for name in ("edit", "units", "keys"):
        assert reverse(f"issuers:{name}", kwargs={"slug": slug}) not in page


def test_awarder_home_page_offers_awards_but_not_management(cast: Cast) -> None:
    page = _detail(cast.client(cast.awarder), cast).content.decode()
    slug = cast.organisation.slug
    assert reverse("awards:list", kwargs={"slug": slug}) in page
    for name in ("edit", "units", "keys"):
        assert reverse(f"issuers:{name}", kwargs={"slug": slug}) not in page


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_do_not_learn_the_organisation_exists(cast: Cast, person: str) -> None:
    assert _detail(cast.client(getattr(cast, person)), cast).status_code == 404
    missing = cast.client(cast.owner).get(reverse("issuers:detail", kwargs={"slug": "absente"}))
    assert missing.status_code == 404


def test_anonymous_visitor_is_asked_to_sign_in_for_the_home_page(cast: Cast) -> None:
    response = _detail(Client(), cast)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_home_page_shows_the_logo_with_a_text_alternative(cast: Cast) -> None:
    cast.organisation.logo_png = PNG_64
    cast.organisation.save()
    page = _detail(cast.client(cast.awarder), cast).content.decode()
    assert 'alt="Logo de Atelier de Lyon"' in page


def test_home_page_queries_stay_few(cast: Cast, django_assert_max_num_queries: Any) -> None:
    client = cast.client(cast.owner)
    with django_assert_max_num_queries(9):
        assert _detail(client, cast).status_code == 200


# Profile


def _edit(client: Client, cast: Cast, data: dict[str, Any] | None = None) -> Any:
    url = reverse("issuers:edit", kwargs={"slug": cast.organisation.slug})
    return client.post(url, data) if data is not None else client.get(url)


def test_owner_changes_the_profile(cast: Cast) -> None:
    response = _edit(
        cast.client(cast.owner),
        cast,
        _profile(name="Atelier de Lyon et Villeurbanne", siret=VALID_SIRET, region=""),
    )
    assert response.status_code == 302
    cast.organisation.refresh_from_db()
    assert cast.organisation.name == "Atelier de Lyon et Villeurbanne"
    assert cast.organisation.slug == "atelier-de-lyon"  # addresses in issued badges stay put
    assert cast.organisation.siret == VALID_SIRET
    assert cast.organisation.region == ""


def test_a_refused_profile_change_saves_nothing(cast: Cast) -> None:
    response = _edit(cast.client(cast.owner), cast, _profile(name="Nouveau nom", siret="1"))
    page = _errors(response)
    assert "<title>Erreur" in page
    assert "<h1>Profil de l'organisation</h1>" in page
    cast.organisation.refresh_from_db()
    assert cast.organisation.name == "Atelier de Lyon"


def test_owner_replaces_then_removes_the_logo(cast: Cast) -> None:
    client = cast.client(cast.owner)
    upload = SimpleUploadedFile("logo.png", PNG_64, content_type="image/png")
    _edit(client, cast, {**_profile(), "logo": upload})
    cast.organisation.refresh_from_db()
    assert cast.organisation.logo_png
    page = _edit(client, cast).content.decode()
    assert 'name="remove_logo"' in page
    _edit(client, cast, {**_profile(), "remove_logo": "on"})
    cast.organisation.refresh_from_db()
    assert not cast.organisation.logo_png


def test_a_profile_change_without_a_new_logo_keeps_the_logo(cast: Cast) -> None:
    cast.organisation.logo_png = PNG_64
    cast.organisation.save()
    _edit(cast.client(cast.owner), cast, _profile())
    cast.organisation.refresh_from_db()
    assert bytes(cast.organisation.logo_png or b"") == PNG_64


@pytest.mark.parametrize("person", ["editor", "awarder"])
def test_staff_without_the_owner_role_cannot_change_the_profile(cast: Cast, person: str) -> None:
    client = cast.client(getattr(cast, person))
    assert _edit(client, cast).status_code == 403
    assert _edit(client, cast, _profile(name="Piraté")).status_code == 403
    cast.organisation.refresh_from_db()
    assert cast.organisation.name == "Atelier de Lyon"


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_change_the_profile(cast: Cast, person: str) -> None:
    response = _edit(cast.client(getattr(cast, person)), cast, _profile(name="Piraté"))
    assert response.status_code == 404
    cast.organisation.refresh_from_db()
    assert cast.organisation.name == "Atelier de Lyon"


def test_profile_pages_speak_english_when_asked(cast: Cast) -> None:
    client = cast.client(cast.owner)
    page = client.get(
        reverse("issuers:edit", kwargs={"slug": cast.organisation.slug}),
        headers={"accept-language": "en"},
    ).content.decode()
    assert "Organisation profile" in page
    assert "Profil de l" not in page


def test_the_organisation_page_leads_awarders_to_the_requests_waiting_for_a_decision(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    for number in range(2):
        BadgeRequest.objects.create(
            badge=grouped_badge.badge, email=f"personne{number}@exemple.fr", name="Une personne"
        )
    BadgeRequest.objects.create(
        badge=grouped_badge.badge,
        email="decidee@exemple.fr",
        name="Décidée",
        state=BadgeRequest.State.DECLINED,
        decided_at=timezone.now(),
    )
    page = cast.client(cast.awarder).get(f"/organisations/{cast.organisation.slug}/")
    html = page.content.decode().replace("\u00a0", " ")
    assert f'href="/organisations/{cast.organisation.slug}/demandes/"' in html
    assert "2 demandes en attente de décision." in html
    editor_page = cast.client(cast.editor).get(f"/organisations/{cast.organisation.slug}/")
    assert "/demandes/" not in editor_page.content.decode()


def test_the_organisation_page_leads_to_the_pathways(cast: Cast) -> None:
    html = cast.client(cast.editor).get(f"/organisations/{cast.organisation.slug}/")
    assert f'href="/organisations/{cast.organisation.slug}/parcours/"' in html.content.decode()
