"""The verifier page: anyone checks a badge file, pasted text or URL, and reads the verdict."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from insigne.web.awards.actions import change_state
from insigne.web.badges.models import BadgeVersion
from insigne.web.public import verification
from insigne.web.public.fetching import own_document
from insigne.web.public.safe_fetch import GuardedFetcher

from .conftest import Cast
from .test_public_support import (  # noqa: F401
    CAMILLE,
    LocalServer,
    Route,
    award_for,
    local_server_fixture,
)

pytestmark = pytest.mark.django_db
URL = "/verifier"


def baked_png(cast: Cast, grouped_badge: BadgeVersion, **options: object) -> tuple[object, bytes]:
    award = award_for(cast, grouped_badge, public=True, **options)  # type: ignore[arg-type]
    png = cast.client(None).get(f"/b/{award.public_id}/telecharger/badge.png").content
    return award, png


def post_file(content: bytes, name: str = "badge.png", **fields: str) -> str:
    response = Client().post(URL, {"file": SimpleUploadedFile(name, content), **fields})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_page_needs_no_account(cast: Cast) -> None:
    response = Client().get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    for name in ("file", "text", "url", "email"):
        assert f'name="{name}"' in html


def test_a_baked_png_is_verified(cast: Cast, grouped_badge: BadgeVersion) -> None:
    _award, png = baked_png(cast, grouped_badge)
    html = post_file(png)
    assert '<div class="verdict pass">' in html
    assert "Badge vérifié." in html
    assert "Compétences relationnelles" in html and "Atelier de Lyon" in html
    assert "adresse masquée" in html
    assert CAMILLE not in html


def test_the_recipient_is_checked_when_an_address_is_given(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    _award, png = baked_png(cast, grouped_badge)
    assert "a bien été délivré à camille@apprenant.example" in post_file(png, email=CAMILLE)
    html = post_file(png, email="quelquun@autre.example")
    assert '<div class="verdict fail">' in html
    assert "Ce que cela signifie" in html


def test_a_revoked_badge_shows_revoked(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award, png = baked_png(cast, grouped_badge)
    change_state([award], "revoked", "Fraude constatée")  # type: ignore[list-item]
    html = post_file(png)
    assert "Badge révoqué par son émetteur." in html
    assert '<div class="verdict fail">' in html


def test_pasted_json_is_verified(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge)
    response = Client().post(URL, {"text": award.credential})
    assert "Badge vérifié." in response.content.decode()


@pytest.mark.parametrize(
    "content", [b"garbage", b"\x89PNG\r\n\x1a\nnot really", b'{"a": 1}', bytes(range(256))]
)
def test_garbage_is_explained_not_crashed_on(cast: Cast, content: bytes) -> None:
    html = post_file(content, name="n'importe-quoi.bin")
    assert '<div class="verdict fail">' in html
    assert "Badge non vérifié." in html


def test_a_50_mb_upload_is_refused_clearly(cast: Cast) -> None:
    big = SimpleUploadedFile("enorme.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (50 * 1024 * 1024))
    response = Client().post(URL, {"file": big})
    assert response.status_code == 413
    html = response.content.decode()
    assert "trop volumineux" in html
    assert "20\u00a0Mo" in html or "20 Mo" in html


def test_a_file_over_the_limit_is_refused_by_the_form(cast: Cast, settings: object) -> None:
    settings.MAX_UPLOAD_BYTES = 1024  # type: ignore[attr-defined]
    response = Client().post(URL, {"file": SimpleUploadedFile("b.png", b"x" * 2048)})
    assert response.status_code in (400, 413)
    assert "trop volumineux" in response.content.decode()


def test_nothing_given_or_two_things_given_are_explained(cast: Cast) -> None:
    empty = Client().post(URL, {})
    assert empty.status_code == 400
    assert "Déposez le fichier du badge" in empty.content.decode()
    both = Client().post(URL, {"text": "{}", "url": "https://example.org/b"})
    assert both.status_code == 400
    assert "un seul badge à la fois" in both.content.decode()


def test_the_form_is_protected_against_cross_site_posts(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"text": "{}"}).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/badge.json",
        "http://10.0.0.1/badge.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/badge.json",
        "http://localhost:8000/badge.json",
    ],
)
def test_a_url_to_a_private_address_is_refused_with_a_clear_message(cast: Cast, url: str) -> None:
    response = Client().post(URL, {"url": url})
    assert response.status_code == 200
    html = response.content.decode()
    assert "réseau privé ou local" in html
    assert "Badge non vérifié." in html


def test_the_url_of_a_public_badge_on_this_platform_is_verified_inside(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    response = Client().post(URL, {"url": f"https://insigne.test/b/{award.public_id}"})
    assert "Badge vérifié." in response.content.decode()


def test_the_url_of_a_private_badge_on_this_platform_finds_nothing(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    response = Client().post(URL, {"url": f"https://insigne.test/b/{award.public_id}"})
    assert "Aucun badge n&#x27;a été trouvé à cette adresse." in response.content.decode()


def test_the_ob2_address_of_a_revoked_badge_shows_revoked(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    change_state([award], "revoked", "Fraude constatée")
    response = Client().post(URL, {"url": f"https://insigne.test/ob2/assertions/{award.public_id}"})
    assert "Badge révoqué par son émetteur." in response.content.decode()


@pytest.fixture
def local_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    """The verifier's fetcher, with the local test server's address let through."""

    def fetcher() -> GuardedFetcher:
        return GuardedFetcher(allowed=("127.0.0.1",), internal=own_document, timeout=2)

    monkeypatch.setattr(verification, "guarded_fetcher", fetcher)


def test_a_badge_at_an_outside_url_is_fetched_and_verified(
    cast: Cast, grouped_badge: BadgeVersion, local_server: LocalServer, local_fetcher: None
) -> None:
    award = award_for(cast, grouped_badge)
    local_server.routes["/badge.json"] = Route(
        body=award.credential.encode(), headers={"Content-Type": "application/json"}
    )
    response = Client().post(URL, {"url": f"{local_server.base}/badge.json"})
    assert "Badge vérifié." in response.content.decode()


def test_a_redirect_to_a_private_address_is_refused(
    cast: Cast, local_server: LocalServer, local_fetcher: None
) -> None:
    local_server.routes["/b"] = Route(302, headers={"Location": "http://169.254.169.254/"})
    response = Client().post(URL, {"url": f"{local_server.base}/b"})
    html = response.content.decode()
    assert "réseau privé ou local" in html


def test_a_web_page_url_is_explained(
    cast: Cast, local_server: LocalServer, local_fetcher: None
) -> None:
    local_server.routes["/page"] = Route(
        body=b"<html></html>", headers={"Content-Type": "text/html"}
    )
    response = Client().post(URL, {"url": f"{local_server.base}/page"})
    assert "mène à une page web, pas à un badge" in response.content.decode()


def test_the_verifier_speaks_english(cast: Cast, grouped_badge: BadgeVersion) -> None:
    _award, png = baked_png(cast, grouped_badge)
    response = Client().post(
        URL, {"file": SimpleUploadedFile("b.png", png)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Badge verified." in html
    assert "Verify a badge" in html
    assert "masked address" in html
