"""Fetching the documents an Open Badges 2.0 assertion links to.

Each URL is fetched at most once per verification. A document should declare the id it was
fetched from. Like the OB 2.0 reference validator, a different id on the same host (a
redirect, a renamed file) or an id that is not a URL (``urn:uuid:...``) is accepted with a
warning; a document claiming an id on another host is refused, since it would let any site
speak for an issuer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..fetch import Fetcher, FetchError, Response
from ..outcome import FAIL, PASS, WARNING, Report, check

# What each kind of document is called in messages, (French, English).
LABELS = {
    "assertion": ("le badge attribué", "the awarded badge"),
    "badge": ("la description du badge", "the badge description"),
    "issuer": ("le profil de l'émetteur", "the issuer's profile"),
    "key": ("la clé publique de l'émetteur", "the issuer's public key"),
    "revocation-list": ("la liste des badges révoqués", "the list of revoked badges"),
}


class Documents:
    """The fetcher of one verification, remembering what it already fetched."""

    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self._seen: dict[str, Response | FetchError] = {}

    def response(self, url: str) -> Response:
        """The response for ``url``; raises FetchError (remembered too)."""
        if url not in self._seen:
            try:
                self._seen[url] = self._fetcher(url)
            except FetchError as error:
                self._seen[url] = error
        outcome = self._seen[url]
        if isinstance(outcome, FetchError):
            raise outcome
        return outcome

    def node(self, url: str, kind: str, report: Report) -> dict[str, Any] | None:
        """The JSON object at ``url``, or None after reporting why it cannot be used."""
        fr, en = LABELS[kind]
        name = f"{kind}-document"
        loaded = self._json_object(url)
        if isinstance(loaded, str):
            message = (f"Impossible d'obtenir {fr}.", f"Could not obtain {en}.")
            report(check(name, FAIL, message, loaded))
            return None
        final_url, document = loaded
        declared = document.get("id")
        if declared in (url, final_url) or not isinstance(declared, str):
            message = (f"{fr.capitalize()} est disponible.", f"{en.capitalize()} is available.")
            report(check(name, PASS, message, url))
        elif host_of(declared) is None:
            detail = f"{url} declares the id {declared}, which is not a web address"
            report(check(name, WARNING, _MOVED, detail))
        elif host_of(declared) == host_of(final_url):
            detail = f"{url} declares the id {declared}, on the same host"
            report(check(name, WARNING, _MOVED, detail))
        else:
            detail = f"{url} claims to be {declared}, which is on another host"
            report(check(name, FAIL, _FOREIGN, detail))
        return document

    def _json_object(self, url: str) -> tuple[str, dict[str, Any]] | str:
        """(URL finally fetched, document), or why there is none."""
        if host_of(url) is None:
            return f"{url!r} is not an http(s) URL"
        try:
            response = self.response(url)
        except FetchError as error:
            return f"{url} could not be fetched: {error}"
        if response.status != 200:
            return f"{url} answered HTTP {response.status}"
        try:
            document = response.json()
        except (ValueError, UnicodeDecodeError, RecursionError):
            document = None
        if not isinstance(document, dict):
            return f"{url} did not return a JSON object"
        return response.url, document


_MOVED = (
    "Un document est publié à une autre adresse que celle qu'il déclare.",
    "A document is published at another address than the one it declares.",
)
_FOREIGN = (
    "Un document prétend provenir d'un autre site que celui qui le publie.",
    "A document claims to come from another site than the one publishing it.",
)


def host_of(url: object) -> str | None:
    """The lower-cased host (and port, if given) of an http(s) URL, None for anything else."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname if port is None else f"{parts.hostname}:{port}"
