"""How the platform's verifier obtains documents.

URLs on the platform's own host (including the https form a did:web resolves to, whatever
scheme the platform is served with) are answered from the database without any network
request; anything else goes to the injected external fetcher (by default: nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

from ...core.fetch import Fetcher, FetchError, Response, no_network
from ..awards.models import StatusList
from ..awards.status import signed_document
from ..issuers.models import Organisation
from .documents import did_document, profile_document

_ROUTES: list[tuple[re.Pattern[str], Callable[..., bytes | None]]] = []


def _route(pattern: str) -> Callable[[Callable[..., bytes | None]], Callable[..., bytes | None]]:
    def register(view: Callable[..., bytes | None]) -> Callable[..., bytes | None]:
        _ROUTES.append((re.compile(pattern), view))
        return view

    return register


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


@_route(r"/issuers/(?P<slug>[-\w]+)/did\.json")
def _did(slug: str) -> bytes | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    return _json(did_document(organisation)) if organisation else None


@_route(r"/issuers/(?P<slug>[-\w]+)")
def _profile(slug: str) -> bytes | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    return _json(profile_document(organisation)) if organisation else None


@_route(r"/issuers/(?P<slug>[-\w]+)/status/(?P<list_id>[0-9a-f-]{32,36})")
def _status(slug: str, list_id: str) -> bytes | None:
    status_list = (
        StatusList.objects.select_related("organisation")
        .filter(public_id=list_id, organisation__slug=slug)
        .first()
    )
    return signed_document(status_list).encode("utf-8") if status_list else None


def own_document(url: str) -> Response | None:
    """The platform's own document at ``url``, or None when the URL is not the platform's."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != settings.PUBLIC_HOST:
        return None
    for pattern, view in _ROUTES:
        match = pattern.fullmatch(parts.path)
        if match:
            body = view(**match.groupdict())
            if body is None:
                raise FetchError(f"{url} does not exist")
            return Response(url, 200, body)
    raise FetchError(f"{url} is not a document of this platform")


def platform_fetcher(external: Fetcher = no_network) -> Fetcher:
    """A fetcher for the verifier: own documents from the database, others via ``external``."""

    def fetch(url: str) -> Response:
        own = own_document(url)
        return own if own is not None else external(url)

    return fetch
