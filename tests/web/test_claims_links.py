"""Issuer side of claim links: listing, creating, the address and its QR code, turning off."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from typing import Any

import pytest
import qrcode
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from insigne.web.badges.models import BadgeVersion
from insigne.web.claims.links import event_url as full_event_url
from insigne.web.claims.models import ClaimLink

from .conftest import Cast, make_badge
from .test_claims_support import claim, link_url, links_url, make_link

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
BORDER = 4  # the quiet zone the standard asks for, in modules


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def create_url(cast: Cast, version: BadgeVersion) -> str:
    return reverse("claims:link-create", args=[cast.organisation.slug, version.badge.public_id])


def qr_url(cast: Cast, link: ClaimLink, format_name: str) -> str:
    return reverse("claims:link-qr", args=[cast.organisation.slug, link.public_id, format_name])


def test_the_badge_page_leads_to_its_claim_links(cast: Cast, grouped_badge: BadgeVersion) -> None:
    url = reverse("badges:detail", args=[cast.organisation.slug, grouped_badge.badge.public_id])
    assert links_url(cast, grouped_badge) in text(cast.client(cast.awarder).get(url))
    assert links_url(cast, grouped_badge) not in text(cast.client(cast.editor).get(url))


def test_an_awarder_creates_a_link_with_a_limit_a_code_and_an_expiry(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    later = timezone.localtime() + timedelta(days=2)
    response = cast.client(cast.awarder).post(
        create_url(cast, grouped_badge),
        {
            "label": " Forum des métiers ",
            "code": "LYON",
            "max_uses": "30",
            "expires_at": later.strftime("%Y-%m-%dT%H:%M"),
            "requires_approval": "on",
        },
    )
    link = ClaimLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == link_url(cast, link)
    assert (link.label, link.code, link.max_uses, link.requires_approval) == (
        "Forum des métiers",
        "LYON",
        30,
        True,
    )
    assert link.expires_at is not None
    assert abs(link.expires_at - later.replace(second=0, microsecond=0)) < timedelta(seconds=1)
    assert link.created_by == cast.awarder
    assert len(link.token) >= 22


def test_the_link_form_explains_its_mistakes(cast: Cast, grouped_badge: BadgeVersion) -> None:
    client = cast.client(cast.owner)
    earlier = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    cases = [
        ({"label": ""}, "label"),
        ({"label": "Forum", "max_uses": "0"}, "max_uses"),
        ({"label": "Forum", "max_uses": "beaucoup"}, "max_uses"),
        ({"label": "Forum", "max_uses": "99999999999"}, "max_uses"),
        ({"label": "Forum", "expires_at": earlier}, "expires_at"),
        ({"label": "Forum", "expires_at": "demain"}, "expires_at"),
        ({"label": "x" * 201}, "label"),
    ]
    for data, field in cases:
        response = client.post(create_url(cast, grouped_badge), data)
        assert response.status_code == 400, data
        assert field in response.context["form"].errors, data
    assert "Choisissez une date et une heure à venir." in text(
        client.post(create_url(cast, grouped_badge), {"label": "F", "expires_at": earlier})
    )
    assert not ClaimLink.objects.exists()


def test_the_list_shows_uses_limits_expiry_and_state_in_words(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    open_link = make_link(cast, grouped_badge, label="Salon", max_uses=30)
    full = make_link(cast, grouped_badge, label="Atelier complet", max_uses=1)
    claim(cast.client(None), full)
    expired = make_link(cast, grouped_badge, label="Ancien forum")
    ClaimLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    off = make_link(cast, grouped_badge, label="Retiré")
    ClaimLink.objects.filter(pk=off.pk).update(active=False)
    page = text(cast.client(cast.awarder).get(links_url(cast, grouped_badge)))
    for words in ("0 sur 30", "1 sur 1", "Actif", "Complet", "Expiré", "Désactivé"):
        assert words in page, words
    assert full_event_url(open_link) in page


def test_the_list_takes_the_same_queries_for_many_links(
    cast: Cast, grouped_badge: BadgeVersion, django_assert_num_queries: Any
) -> None:
    client = cast.client(cast.awarder)
    make_link(cast, grouped_badge)
    with django_assert_num_queries(8) as few:
        client.get(links_url(cast, grouped_badge))
    expected = len(few.captured_queries)
    for number in range(12):
        make_link(cast, grouped_badge, label=f"Séance {number}", requires_approval=True)
    with django_assert_num_queries(expected):
        response = client.get(links_url(cast, grouped_badge))
    assert len(response.context["rows"]) == 13


def test_the_link_page_shows_the_address_with_a_copy_button_and_a_qr_code(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, code="LYON")
    page = text(cast.client(cast.awarder).get(link_url(cast, link)))
    url = full_event_url(link)
    assert url == f"https://insigne.test/evenement/{link.token}"
    assert f'value="{url}"' in page
    assert 'data-copy="link-url"' in page
    assert "LYON" in page
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    assert f'aria-label="QR code du lien {url}"' in svg.group(0)
    assert qr_url(cast, link, "svg") in page
    assert qr_url(cast, link, "png") in page


def modules_of(svg_text: str) -> list[list[bool]]:
    """The dark modules an SVG of ``qr.svg`` draws, read back from its path."""
    root = ET.fromstring(svg_text)
    size = int(root.get("viewBox", "").split()[2])
    grid = [[False] * size for _ in range(size)]
    path = root.find(f"{SVG}path")
    assert path is not None
    runs = re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", path.get("d", ""))
    assert runs
    for x, y, width in runs:
        for column in range(int(x), int(x) + int(width)):
            grid[int(y)][column] = True
    return grid


def reference(url: str) -> list[list[bool]]:
    """The modules ``qrcode`` computes for ``url`` (medium correction, 4-module quiet zone)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(url)
    code.make(fit=True)
    assert code.version == 4  # a ~54-character address: version 4 at medium correction
    return [[bool(c) for c in row] for row in code.get_matrix()]


def finder_at(grid: list[list[bool]], top: int, left: int) -> bool:
    """A 7×7 finder pattern: dark ring, light ring, dark 3×3 centre."""
    for dy in range(7):
        for dx in range(7):
            ring = max(abs(dy - 3), abs(dx - 3))
            if grid[top + dy][left + dx] != (ring != 2):
                return False
    return True


def test_the_qr_code_is_a_valid_svg_that_encodes_the_link(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge)
    response = cast.client(cast.awarder).get(qr_url(cast, link, "svg"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="qr-forum-des-metiers.svg"'
    body = response.content.decode()
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    grid = modules_of(body.split("\n", 1)[1])
    url = full_event_url(link)
    # A ~54-character address fits version 4 at medium correction: 33 modules + 2×4 quiet zone.
    size = len(grid)
    assert (size - 2 * BORDER - 17) % 4 == 0
    assert (size - 2 * BORDER - 17) // 4 == 4  # version 4: 33 modules, quiet zone apart
    assert all(not any(row) for row in grid[:BORDER] + grid[-BORDER:])
    assert all(not any(row[:BORDER] + row[-BORDER:]) for row in grid)
    inner = size - 2 * BORDER
    for top, left in ((0, 0), (0, inner - 7), (inner - 7, 0)):
        assert finder_at(grid, BORDER + top, BORDER + left)
    assert not finder_at(grid, BORDER + inner - 7, BORDER + inner - 7)
    assert grid == reference(url)
    assert grid != reference(url.replace("/evenement/", "/evenemenT/"))


def test_the_png_qr_code_draws_the_same_modules(cast: Cast, grouped_badge: BadgeVersion) -> None:
    link = make_link(cast, grouped_badge)
    response = cast.client(cast.awarder).get(qr_url(cast, link, "png"))
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("L")
    grid = reference(full_event_url(link))
    assert image.size == (len(grid) * 12, len(grid) * 12)
    for y, row in enumerate(grid):
        for x, dark in enumerate(row):
            assert (image.getpixel((x * 12 + 6, y * 12 + 6)) < 128) == dark
    assert cast.client(cast.awarder).get(qr_url(cast, link, "gif")).status_code == 404


def test_a_deactivated_link_can_be_turned_on_again(cast: Cast, grouped_badge: BadgeVersion) -> None:
    link = make_link(cast, grouped_badge)
    client = cast.client(cast.awarder)
    url = reverse("claims:link-active", args=[cast.organisation.slug, link.public_id])
    assert client.post(url, {"active": "0"}).status_code == 302
    link.refresh_from_db()
    assert not link.active
    assert claim(cast.client(None), link).status_code == 410
    client.post(url, {"active": "1"})
    link.refresh_from_db()
    assert link.active
    assert claim(cast.client(None), link).status_code == 302
    assert client.get(url).status_code == 405


def test_an_archived_badge_offers_no_new_link(cast: Cast) -> None:
    version = make_badge(cast.organisation, name="Ancien badge")
    version.badge.archived = True
    version.badge.save()
    client = cast.client(cast.owner)
    assert client.get(create_url(cast, version)).status_code == 404
    assert client.post(create_url(cast, version), {"label": "Forum"}).status_code == 404
    page = text(client.get(links_url(cast, version)))
    assert "Ce badge est archivé" in page
    assert create_url(cast, version) not in page


def test_the_link_page_lists_who_came_through_it(cast: Cast, grouped_badge: BadgeVersion) -> None:
    link = make_link(cast, grouped_badge, requires_approval=True)
    claim(cast.client(None), link)
    page = text(cast.client(cast.awarder).get(link_url(cast, link)))
    assert "Sacha Leroy" in page
    assert "En attente" in page
