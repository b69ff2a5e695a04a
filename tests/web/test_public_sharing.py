"""Sharing a public badge: LinkedIn behind short addresses on the platform, the page's link,
a QR code, an HTML card to embed, and the share card image."""

from __future__ import annotations

import html
import io
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from PIL import Image

from insigne.web.awards.actions import change_state
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.public import qr

from .conftest import Cast
from .test_public_support import award_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def page_url(award: Award) -> str:
    return f"https://insigne.test/b/{award.public_id}"


def redirect_target(client: Client, path: str) -> tuple[str, dict[str, list[str]]]:
    response = client.get(path)
    assert response.status_code == 302, response.status_code
    parts = urlsplit(response["Location"])
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(
        parts.query, strict_parsing=True
    )


def test_the_linkedin_address_opens_the_filled_in_certification_form(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    awarded = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
    award = award_for(cast, grouped_badge, public=True, awarded_at=awarded)
    Award.objects.filter(pk=award.pk).update(valid_until=datetime(2028, 9, 30, 12, tzinfo=UTC))
    target, params = redirect_target(cast.client(None), f"/b/{award.public_id}/linkedin")
    assert target == "https://www.linkedin.com/profile/add"
    assert params == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Compétences relationnelles"],
        "organizationName": ["Atelier de Lyon"],
        "issueYear": ["2025"],
        "issueMonth": ["3"],
        "expirationYear": ["2028"],
        "expirationMonth": ["9"],
        "certUrl": [page_url(award)],
        "certId": [str(award.public_id)],
    }


def test_the_linkedin_form_names_the_issuer_by_its_linkedin_page_when_it_has_one(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    cast.organisation.linkedin_organization_id = "4821337"
    cast.organisation.save(update_fields=["linkedin_organization_id"])
    awarded = datetime(2024, 11, 5, 10, 0, tzinfo=UTC)
    award = award_for(cast, grouped_badge, public=True, awarded_at=awarded)
    _target, params = redirect_target(cast.client(None), f"/b/{award.public_id}/linkedin")
    assert params["organizationId"] == ["4821337"]
    assert "organizationName" not in params
    # No expiry: LinkedIn shows "no expiration date".
    assert "expirationYear" not in params and "expirationMonth" not in params
    assert (params["issueYear"], params["issueMonth"]) == (["2024"], ["11"])


def test_the_linkedin_months_are_those_of_the_platform_time_zone(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    # 23:30 UTC on 31 December is already New Year's Day in Paris.
    awarded = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)
    award = award_for(cast, grouped_badge, public=True, awarded_at=awarded)
    Award.objects.filter(pk=award.pk).update(valid_until=datetime(2026, 5, 31, 22, 30, tzinfo=UTC))
    _target, params = redirect_target(cast.client(None), f"/b/{award.public_id}/linkedin")
    assert (params["issueYear"], params["issueMonth"]) == (["2025"], ["1"])
    assert (params["expirationYear"], params["expirationMonth"]) == (["2026"], ["6"])


def test_the_linkedin_share_address_posts_the_badge_page(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    response = cast.client(None).get(f"/b/{award.public_id}/linkedin/partager")
    assert response["Cache-Control"] == "no-cache"
    target, params = redirect_target(cast.client(None), f"/b/{award.public_id}/linkedin/partager")
    assert target == "https://www.linkedin.com/sharing/share-offsite/"
    assert params == {"url": [page_url(award)]}


@pytest.mark.parametrize("suffix", ["linkedin", "linkedin/partager"])
@pytest.mark.parametrize("viewer", [None, "learner", "awarder"])
def test_linkedin_addresses_of_a_private_badge_are_not_found_even_for_its_people(
    cast: Cast, grouped_badge: BadgeVersion, suffix: str, viewer: str | None
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    client = cast.client(getattr(cast, viewer) if viewer else None)
    assert client.get(f"/b/{award.public_id}/{suffix}").status_code == 404
    assert client.get(f"/b/6f1c1d2e-0000-4000-8000-000000000000/{suffix}").status_code == 404


def holder_page(cast: Cast, award: Award) -> str:
    response = cast.client(cast.learner).get(f"/b/{award.public_id}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_holder_of_a_public_badge_gets_the_sharing_panel(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    text = holder_page(cast, award)
    base = f"/b/{award.public_id}"
    assert f'href="https://insigne.test{base}/linkedin"' in text
    assert f'href="https://insigne.test{base}/linkedin/partager"' in text
    assert "Ajouter à mon profil LinkedIn" in text and "Partager sur LinkedIn" in text
    assert text.count("(nouvelle fenêtre)") == 2
    # The address is in a labelled field, readable and selectable without the script.
    field = f'id="share-link-{award.public_id}"'
    assert f'<label for="share-link-{award.public_id}">' in text
    assert re.search(
        rf'<input type="text" {field} class="copy-source" value="{page_url(award)}"', text
    )
    # Copy buttons appear only with the script, which announces the copy in a live region.
    assert text.count('class="secondary copy-button"') == 2
    assert re.search(r'<button type="button" class="secondary copy-button"[^>]*\shidden>', text)
    assert text.count('role="status" aria-live="polite"') == 2
    assert "insigne/sharing.js" in text
    assert f'href="{base}/qr.svg" download' in text and f'href="{base}/qr.png" download' in text
    assert f'href="{base}/partage.png?telecharger=1" download' in text


def test_visitors_do_not_get_the_sharing_panel(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    for viewer in (None, cast.outsider, cast.awarder):
        text = cast.client(viewer).get(f"/b/{award.public_id}").content.decode()
        assert "Partager ce badge" not in text
        assert "/linkedin" not in text


def test_the_sharing_panel_of_a_private_badge_asks_to_make_it_public_first(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    from django.template.loader import render_to_string

    from insigne.web.public.award_details import AwardDetails

    award = award_for(cast, grouped_badge, linked=True)
    text = render_to_string("public/_share.html", {"sharing": AwardDetails(award)})
    assert "Partager ce badge" in text
    assert "rendez-le public pour le partager" in text
    assert "linkedin" not in text.lower()
    assert "qr.svg" not in text and "<textarea" not in text


def embed_snippet(text: str) -> str:
    found = re.search(r'<textarea id="share-embed-[^"]+"[^>]*>(.*?)</textarea>', text, re.S)
    assert found, "no embed code on the page"
    return html.unescape(found[1])


def test_the_embed_code_is_a_self_contained_card_linking_to_the_badge_page(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    awarded = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
    award = award_for(cast, grouped_badge, public=True, linked=True, awarded_at=awarded)
    text = holder_page(cast, award)
    snippet = embed_snippet(text)
    assert snippet.startswith("<div style=") and snippet.endswith("</div>")
    assert f'<a href="{page_url(award)}"' in snippet
    image = f"https://insigne.test/badges/{grouped_badge.badge.public_id}/v1/image.png"
    assert f'<img src="{image}" alt=""' in snippet
    assert "Compétences relationnelles" in snippet
    assert "Délivré par Atelier de Lyon le 12 mars 2025" in snippet
    # Nothing that depends on the platform's stylesheet or runs code in the host page.
    assert "<script" not in snippet and "class=" not in snippet and " on" not in snippet
    assert not re.search(r'(src|href)="/', snippet)
    assert "\n" not in snippet
    # The page shows a preview of the very same card.
    assert snippet in text


def test_the_embed_code_escapes_what_the_issuer_wrote(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    grouped_badge.name = 'Atelier <script>alert("x")</script>'
    grouped_badge.save(update_fields=["name"])
    award = award_for(cast, grouped_badge, public=True, linked=True)
    text = holder_page(cast, award)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in embed_snippet(text)


def modules_of_path(svg: str) -> set[tuple[int, int]]:
    """The dark modules an SVG made by ``qr.svg`` draws (runs ``M x y h w v1 h-w z``)."""
    path = re.search(r'<path fill="#000" d="([^"]+)"', svg)
    assert path
    dark = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", path[1]):
        dark |= {(int(x) + i, int(y)) for i in range(int(width))}
    return dark


def expected_modules(text: str) -> set[tuple[int, int]]:
    matrix = qr._code(text).get_matrix()
    return {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}


def test_the_page_shows_a_qr_code_of_the_badge_address_with_a_text_alternative(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    text = holder_page(cast, award)
    found = re.search(r'<div class="share-qr">(<svg .*?</svg>)</div>', text, re.S)
    assert found
    svg = found[1]
    label = "Code QR menant à la page du badge «\u00a0Compétences relationnelles\u00a0»"
    assert f'role="img" aria-label="{label}"' in svg
    assert f"<title>{label}</title>" in svg
    assert modules_of_path(svg) == expected_modules(page_url(award))


def test_the_qr_code_downloads_as_svg_and_png(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    client = cast.client(None)
    response = client.get(f"/b/{award.public_id}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith('attachment; filename="qr-competences')
    assert "script-src" not in response["Content-Security-Policy"]
    svg = response.content.decode()
    assert 'width="400" height="400"' in svg
    expected = expected_modules(page_url(award))
    assert modules_of_path(svg) == expected
    response = client.get(f"/b/{award.public_id}/qr.png")
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        grey = image.convert("L")
        size = grey.width // qr.PNG_MODULE_PIXELS
        half = qr.PNG_MODULE_PIXELS // 2
        drawn = {
            (x, y)
            for y in range(size)
            for x in range(size)
            if grey.getpixel((x * qr.PNG_MODULE_PIXELS + half, y * qr.PNG_MODULE_PIXELS + half))
            == 0
        }
    assert drawn == expected


def test_the_qr_code_of_a_private_badge_follows_its_visibility(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    assert cast.client(None).get(f"/b/{award.public_id}/qr.svg").status_code == 404
    response = cast.client(cast.learner).get(f"/b/{award.public_id}/qr.png")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_share_card_can_be_downloaded(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    client = cast.client(None)
    shown = client.get(f"/b/{award.public_id}/partage.png")
    assert shown["Content-Disposition"] == 'inline; filename="partage.png"'
    saved = client.get(f"/b/{award.public_id}/partage.png?telecharger=1")
    assert saved["Content-Disposition"] == (
        'attachment; filename="competences-relationnelles-partage.png"'
    )
    assert saved.content == shown.content
    with Image.open(io.BytesIO(saved.content)) as card:
        assert (card.format, card.size) == ("PNG", (1200, 627))


def test_the_sharing_panel_speaks_english(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    client = cast.client(cast.learner)
    text = client.get(f"/b/{award.public_id}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Share this badge" in text
    assert "Add to my LinkedIn profile" in text
    assert "Copy link" in text
    assert "Awarded by Atelier de Lyon on" in embed_snippet(text)


def test_the_holder_of_a_private_badge_is_sent_to_their_backpack_to_share_it(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    text = holder_page(cast, award)
    assert "bientôt" not in text
    assert (
        f'<a href="/sac/badges/{award.public_id}">'
        "Gérer ce badge\u00a0: le rendre public, le partager</a>"
    ) in text
    assert "Partager ce badge" not in text


def test_the_holder_of_a_public_badge_can_reach_it_in_their_backpack(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    assert f'<a href="/sac/badges/{award.public_id}">' in holder_page(cast, award)


@pytest.mark.parametrize(
    ("state", "warning"),
    [("revoked", "Ce badge a été révoqué"), ("suspended", "Ce badge est suspendu")],
)
def test_the_sharing_panel_warns_that_a_revoked_or_suspended_badge_says_so(
    cast: Cast, grouped_badge: BadgeVersion, state: str, warning: str
) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    assert "sa page l'indique" not in holder_page(cast, award)
    change_state([award], state, "Erreur de saisie")
    text = holder_page(cast, award)
    assert f"{warning} par son émetteur\u00a0: sa page l'indique à quiconque l'ouvre." in text
