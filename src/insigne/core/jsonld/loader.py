"""Offline document loading: the pinned contexts shipped with Insigne, and nothing else.

A context is looked up by URL in ``contexts/manifest.json``; the file's SHA-256 must match the
manifest before the context is used. Any other URL is refused unless the caller hands its
document over explicitly (``with_contexts``), so no JSON-LD processing ever touches the network.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from .errors import ContextLoadError

_PACKAGE = "insigne.core.jsonld"


@cache
def _manifest() -> dict[str, dict[str, str]]:
    raw = resources.files(_PACKAGE).joinpath("contexts/manifest.json").read_text("utf-8")
    return {entry["url"]: entry for entry in json.loads(raw)["contexts"]}


@cache
def _pinned(url: str) -> Any:
    entry = _manifest()[url]
    data = resources.files(_PACKAGE).joinpath("contexts", entry["file"]).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        raise ContextLoadError(url, f"pinned context file {entry['file']} has SHA-256 {digest}")
    return json.loads(data)


def pinned_urls() -> frozenset[str]:
    """The context URLs Insigne resolves without being told anything."""
    return frozenset(_manifest())


class ContextStore:
    """Resolves context URLs to parsed documents: pinned files first, then explicit additions."""

    def __init__(self, extra: Mapping[str, Any] | None = None) -> None:
        self._extra: dict[str, Any] = dict(extra or {})

    def __call__(self, url: str) -> Any:
        if url in self._extra:
            return self._extra[url]
        if url in _manifest():
            return _pinned(url)
        raise ContextLoadError(
            url, f"context {url!r} is not pinned in Insigne and was not supplied by the caller"
        )

    def with_contexts(self, extra: Mapping[str, Any]) -> ContextStore:
        """A new store that also resolves ``extra`` (URL to parsed context document)."""
        return ContextStore({**self._extra, **extra})

    def key(self) -> tuple[tuple[str, str], ...]:
        """Identifies what this store resolves, for caches shared between stores."""
        return tuple(
            sorted((url, json.dumps(doc, sort_keys=True)) for url, doc in self._extra.items())
        )
