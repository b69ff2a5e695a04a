"""Downloads: the signed credential, and badge images with the credential baked in that any
verifier accepts."""

from __future__ import annotations

import base64
import json
import re

import pytest
from django.core.cache import cache

from insigne.core.baking import unbake
from insigne.core.verify import verify
from insigne.web.awards.actions import change_state
from insigne.web.badges.models import BadgeVersion
from insigne.web.issuers.actions import active_key, rotate_key
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast
from .images import SVG
from .test_public_support import CAMILLE, award_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def download(cast: Cast, award_id: object, name: str, viewer: str | None = "learner") -> bytes:
    response = cast.client(getattr(cast, viewer) if viewer else None).get(
        f"/b/{award_id}/telecharger/{name}"
    )
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def test_the_json_download_is_the_signed_credential(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    assert download(cast, award.public_id, "ob3.json") == award.credential.encode()


def test_the_baked_png_verifies(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    png = download(cast, award.public_id, "badge.png")
    assert png.startswith(b"\x89PNG")
    assert unbake(png).payload == award.credential
    result = verify(png, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert (result.kind, result.container) == ("ob3", "png")


def test_the_baked_svg_verifies(cast: Cast, grouped_badge: BadgeVersion) -> None:
    grouped_badge.image_svg = SVG.decode()
    grouped_badge.save(update_fields=["image_svg"])
    award = award_for(cast, grouped_badge, public=True)
    svg = download(cast, award.public_id, "badge.svg", viewer=None)
    result = verify(svg, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert result.container == "svg"
    html = cast.client(None).get(f"/b/{award.public_id}").content.decode()
    assert f"/b/{award.public_id}/telecharger/badge.svg" in html


def test_a_badge_drawn_only_in_png_downloads_as_an_svg_holding_the_png(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    html = cast.client(None).get(f"/b/{award.public_id}").content.decode()
    assert f"/b/{award.public_id}/telecharger/badge.svg" in html
    svg = download(cast, award.public_id, "badge.svg", viewer=None)
    assert unbake(svg).payload == award.credential
    embedded = re.search(rb'href="data:image/png;base64,([^"]+)"', svg)
    assert embedded and base64.b64decode(embedded[1]) == bytes(grouped_badge.image_png)
    assert b"<title>Comp\xc3\xa9tences relationnelles</title>" in svg
    assert b'width="64" height="64"' in svg
    result = verify(svg, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert (result.kind, result.container) == ("ob3", "svg")


def test_the_jwt_is_signed_on_first_download_and_the_same_afterwards(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    assert award.credential_jwt == ""
    token = download(cast, award.public_id, "ob3.jwt", viewer=None)
    award.refresh_from_db()
    assert award.credential_jwt.encode() == token
    assert download(cast, award.public_id, "ob3.jwt", viewer=None) == token
    result = verify(token, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert result.format == "jwt"
    payload = json.loads(base64.urlsafe_b64decode(token.split(b".")[1] + b"=="))
    assert "proof" not in payload
    assert payload["id"] == f"urn:uuid:{award.public_id}"


def test_a_jwt_given_at_issuance_is_the_one_downloaded(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True, with_jwt=True)
    token = download(cast, award.public_id, "ob3.jwt", viewer=None)
    assert token == award.credential_jwt.encode()
    result = verify(token, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_the_jwt_of_an_award_is_signed_with_the_current_key_after_rotation(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    rotate_key(cast.organisation)
    token = download(cast, award.public_id, "ob3.jwt", viewer=None)
    record, _key = active_key(cast.organisation)
    header = json.loads(base64.urlsafe_b64decode(token.split(b".")[0] + b"=="))
    assert header["kid"].endswith(f"#{record.public_multibase}")
    assert header["kid"] != json.loads(award.credential)["proof"]["verificationMethod"]
    result = verify(token, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_every_format_is_listed_on_the_page(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    html = cast.client(None).get(f"/b/{award.public_id}").content.decode()
    for name in ("badge.png", "badge.svg", "ob3.json", "ob3.jwt", "ob2.png"):
        assert f'href="/b/{award.public_id}/telecharger/{name}" download' in html


def test_the_ob2_png_carries_the_hosted_assertion(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    png = download(cast, award.public_id, "ob2.png")
    baked = unbake(png)
    assertion = json.loads(baked.payload)
    assert baked.container == "openbadges"
    assert assertion["id"] == f"https://insigne.test/ob2/assertions/{award.public_id}"
    result = verify(png, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert result.kind == "ob2"


def test_a_revoked_award_downloads_still_but_no_longer_verify(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    change_state([award], "revoked", "Erreur d'attribution")
    for name in ("badge.png", "ob2.png"):
        result = verify(download(cast, award.public_id, name), fetcher=platform_fetcher())
        assert not result.verified and result.revoked


@pytest.mark.parametrize("name", ["ob3.xml", "badge.gif", "..", "ob3.json.exe"])
def test_an_unknown_format_is_not_found(cast: Cast, grouped_badge: BadgeVersion, name: str) -> None:
    award = award_for(cast, grouped_badge, public=True)
    assert cast.client(None).get(f"/b/{award.public_id}/telecharger/{name}").status_code == 404


def test_downloads_of_a_private_badge_follow_its_visibility(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    for viewer in (None, cast.outsider, cast.learner):
        response = cast.client(viewer).get(f"/b/{award.public_id}/telecharger/ob3.json")
        assert response.status_code == 404
    response = cast.client(cast.awarder).get(f"/b/{award.public_id}/telecharger/ob3.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
