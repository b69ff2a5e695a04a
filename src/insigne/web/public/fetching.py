"""How the platform's verifier obtains documents.

URLs on the platform's own host (including the https form a did:web resolves to, whatever
scheme the platform is served with) are answered from the database without any network
request; anything else goes to the injected external fetcher (by default: nothing). Every
JSON document the platform publishes is routed here (see ``published.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

from ...core.fetch import Fetcher, FetchError, Response, no_network
from . import published
from .published import Published

_UUID = r"[0-9A-Fa-f-]{32,36}"
_SLUG = r"[-\w]+"
_ROUTES: list[tuple[re.Pattern[str], Callable[..., Published | None]]] = [
    (re.compile(rf"/issuers/(?P<slug>{_SLUG})/did\.json"), published.did),
    (re.compile(rf"/issuers/(?P<slug>{_SLUG})"), published.profile),
    (
        re.compile(rf"/issuers/(?P<slug>{_SLUG})/status/(?P<list_id>{_UUID})"),
        published.status_list,
    ),
    (re.compile(rf"/badges/(?P<badge_id>{_UUID})/v(?P<number>\d{{1,9}})"), published.achievement),
    (re.compile(rf"/ob2/issuers/(?P<slug>{_SLUG})"), published.ob2_issuer),
    (
        re.compile(rf"/ob2/badges/(?P<badge_id>{_UUID})/v(?P<number>\d{{1,9}})"),
        published.ob2_badge_class,
    ),
    (re.compile(rf"/ob2/assertions/(?P<award_id>{_UUID})"), published.ob2_assertion),
    (re.compile(rf"/b/(?P<award_id>{_UUID})"), published.public_credential),
]


def own_document(url: str) -> Response | None:
    """The platform's own document at ``url``, or None when the URL is not the platform's.

    Raises FetchError for a URL of the platform that names no public document.
    """
    parts = urlsplit(url)
    own_host = parts.netloc.lower() == settings.PUBLIC_HOST.lower()
    if parts.scheme not in ("http", "https") or not own_host:
        return None
    for pattern, view in _ROUTES:
        match = pattern.fullmatch(parts.path)
        if match:
            document = view(**match.groupdict())
            if document is None:
                raise FetchError(f"{url} does not exist")
            return Response(url, document.status, document.body, document.content_type)
    raise FetchError(f"{url} is not a document of this platform")


def platform_fetcher(external: Fetcher = no_network) -> Fetcher:
    """A fetcher for the verifier: own documents from the database, others via ``external``."""

    def fetch(url: str) -> Response:
        own = own_document(url)
        return own if own is not None else external(url)

    return fetch
