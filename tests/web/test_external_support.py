"""Shared pieces of the external-badge tests (no tests here): badges from other platforms (the
published vectors), Insigne's own baked badge, and an issuer's web reachable or not.

No test goes online: the app's outside fetcher is replaced by ``Outside``, which serves the
documents a test gives it (the 1EdTech OB 2.0 assets at their example.org addresses, for
instance) and fails like an unreachable site for anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from insigne.core.fetch import FetchError, Response
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.external import fetching
from insigne.web.public import downloads

from .conftest import Cast
from .test_public_support import award_for

ADD = "/sac/externes/ajouter"
STATUS_LIST = (  # where the 1EdTech revoked credential's status list is published
    "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/"
    "main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
)
OB2_PREFIXES = ("https://www.example.org/", "https://example.org/", "http://example.org/")


class Outside:
    """The issuers' web as a test sees it: fixed documents, the rest unreachable."""

    def __init__(self) -> None:
        self.documents: dict[str, bytes] = {}
        self.asked: list[str] = []
        self.online = True

    def __call__(self, url: str) -> Response:
        self.asked.append(url)
        if not self.online or url not in self.documents:
            raise FetchError(f"{url} is unreachable in tests")
        return Response(url, 200, self.documents[url])

    def fetcher(self, budget: float) -> Outside:
        return self

    def serve_ob2_assets(self, vectors: Path) -> None:
        """The 1EdTech OB 2.0 fixtures' documents, where their ids say they are."""
        folder = vectors / "1edtech-validator" / "ob20"
        for path in (folder / "assets").iterdir():
            for prefix in OB2_PREFIXES:
                self.documents[prefix + path.name] = path.read_bytes()
        self.documents["https://example.org/beths-robotics-badge.json"] = (
            folder / "basic-assertion.json"
        ).read_bytes()


@pytest.fixture(name="outside")
def outside_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[Outside]:
    web = Outside()
    monkeypatch.setattr(fetching, "outside_fetcher", web.fetcher)
    cache.clear()  # re-checks are kept a minute
    yield web
    cache.clear()


def vector(vectors: Path, name: str) -> bytes:
    return (vectors / name).read_bytes()


def ob30(vectors: Path, name: str) -> bytes:
    return vector(vectors, f"1edtech-validator/ob30/{name}")


def dcc(vectors: Path, name: str) -> bytes:
    return vector(vectors, f"dcc-vc-test-fixtures/verifiableCredentials/v2/{name}")


def insigne_png(cast: Cast, version: BadgeVersion, **options: Any) -> tuple[Award, bytes]:
    """An award of Insigne's own, baked in its PNG, as its learner downloads it."""
    award = award_for(cast, version, **options)
    download = downloads.build(award, "badge.png")
    assert download is not None
    return award, download.body


def post_file(client: Client, content: bytes, name: str = "badge.png") -> Any:
    return client.post(ADD, {"file": SimpleUploadedFile(name, content)})


def text_of(response: Any) -> str:
    return str(response.content.decode())
