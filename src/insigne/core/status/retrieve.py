"""Fetching a status document through the injected fetcher, turning every failure into
``UndecidedError`` with a reason the user can read.

Every failure to obtain the document has a detail starting ``STATUS_RETRIEVAL_ERROR`` (the
W3C name), so a caller can tell "unreachable" apart from "present but wrong".
"""

from __future__ import annotations

from typing import Any

from ..fetch import Fetcher, FetchError
from .outcome import LIST_NOT_FOUND, LIST_UNREADABLE, UndecidedError


def fetch_object(url: str, fetcher: Fetcher) -> dict[str, Any]:
    """The JSON object served at ``url``; raises UndecidedError when there is none."""
    try:
        response = fetcher(url)
    except FetchError as error:
        raise _unavailable(url, str(error)) from error
    if response.status != 200:
        raise _unavailable(url, f"{url} answered HTTP {response.status}")
    try:
        document = response.json()
    # UnicodeDecodeError is a ValueError; absurd nesting makes the parser recurse too deep.
    except (ValueError, RecursionError) as error:
        raise UndecidedError(LIST_UNREADABLE, f"{url} did not return JSON ({error})") from error
    if not isinstance(document, dict):
        raise UndecidedError(LIST_UNREADABLE, f"{url} returned JSON that is not an object")
    return document


def _unavailable(url: str, why: str) -> UndecidedError:
    # Fetchers usually name the URL in their error already.
    where = why if url in why else f"{url}: {why}"
    return UndecidedError(LIST_NOT_FOUND, f"STATUS_RETRIEVAL_ERROR: {where}")
