"""Injected access to the outside world. The core never opens a connection itself.

A ``Fetcher`` turns a URL into a ``Response`` or raises ``FetchError``. The default refuses
every URL; the web platform supplies a guarded HTTP fetcher, tests and the command line
supply ``LocalFetcher`` with the documents they want to serve.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    content_type: str = "application/json"

    def json(self) -> Any:
        """The body parsed as JSON (raises ValueError when it is not JSON)."""
        return json.loads(self.body.decode("utf-8"))


class FetchError(Exception):
    """The resource could not be obtained (refused, unreachable, too big, not found...)."""


Fetcher = Callable[[str], Response]


def no_network(url: str) -> Response:
    raise FetchError(f"network access is disabled; {url} was not fetched")


class LocalFetcher:
    """Serves fixed documents by URL (bytes, text or JSON values); 404 for anything else."""

    def __init__(self, documents: Mapping[str, Any], *, gone: frozenset[str] = frozenset()) -> None:
        self._documents = dict(documents)
        self._gone = gone

    def __call__(self, url: str) -> Response:
        if url in self._gone:
            return Response(url, 410, b"")
        if url not in self._documents:
            raise FetchError(f"{url} is not available offline")
        value = self._documents[url]
        if isinstance(value, bytes):
            body = value
        elif isinstance(value, str):
            body = value.encode("utf-8")
        else:
            body = json.dumps(value).encode("utf-8")
        return Response(url, 200, body)
