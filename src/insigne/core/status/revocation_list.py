"""Reading a 1EdTech Revocation List (VCRL 1.0): ``{"id": <list URL>, "type":
"1EdTechRevocationList"}`` in the credential, a plain JSON list at that URL.

The credential is revoked when its ``id`` appears among the list's revoked entries with
``revoked`` true or absent. Entries are objects (``id``, ``revoked``,
``revocationReason``) or, as Open Badges 2.0 lists allow, bare id strings.
"""

from __future__ import annotations

from typing import Any

from ..fetch import Fetcher
from ..text import Text
from .outcome import (
    BAD_ENTRY,
    LIST_UNREADABLE,
    NO_CREDENTIAL_ID,
    NOT_REVOKED,
    REVOKED,
    StatusOutcome,
    UndecidedError,
    quote,
)
from .retrieve import fetch_object

REVOCATION_LIST_TYPE = "1EdTechRevocationList"
# VCRL 1.0's prose names the array revokedCredentials; 1EdTech's validator reads
# revokedCredential. A list using either is understood.
_LIST_KEYS = ("revokedCredential", "revokedCredentials")
_MAX_REASON = 500  # the reason is shown to the user: keep an absurd one from flooding the page


def check_revocation_list(
    entry: dict[str, Any], credential: dict[str, Any], *, fetcher: Fetcher
) -> StatusOutcome:
    """The outcome of a ``1EdTechRevocationList`` entry. Never raises on bad input.

    A list that cannot be fetched gives an "error" outcome (1EdTech's validator reports it
    as a warning; the caller decides how much it weighs).
    """
    try:
        url = entry.get("id")
        if not isinstance(url, str) or not url:
            raise UndecidedError(BAD_ENTRY, f"the revocation list URL (id) is {quote(url)}")
        credential_id = credential.get("id")
        if not isinstance(credential_id, str) or not credential_id:
            raise UndecidedError(
                NO_CREDENTIAL_ID, "the credential has no id to look up in the list"
            )
        revoked, reason = _lookup(fetch_object(url, fetcher), credential_id, url)
    except UndecidedError as undecided:
        return undecided.outcome("revocation")
    if not revoked:
        detail = f"{credential_id} is not revoked in {url}"
        return StatusOutcome("ok", "revocation", NOT_REVOKED, detail)
    message = REVOKED
    if reason is not None:
        message = Text(
            fr=f"{REVOKED.fr} Motif indiqué : {reason}", en=f"{REVOKED.en} Reason given: {reason}"
        )
    return StatusOutcome("revoked", "revocation", message, f"{credential_id} is revoked in {url}")


def _lookup(document: dict[str, Any], credential_id: str, url: str) -> tuple[bool, str | None]:
    """Whether ``credential_id`` is revoked, and the reason given if any."""
    for item in _entries(document, url):
        if isinstance(item, str):
            if item == credential_id:
                return True, None
        elif not isinstance(item, dict):
            raise UndecidedError(LIST_UNREADABLE, f"{url} lists {quote(item)}, not an id or object")
        # A missing "revoked" means revoked; false (or the text "false") lifts the entry.
        elif item.get("id") == credential_id and item.get("revoked", True) not in (False, "false"):
            return True, _reason(item.get("revocationReason"))
    return False, None


def _entries(document: dict[str, Any], url: str) -> list[Any]:
    present = [key for key in _LIST_KEYS if key in document]
    if not present:
        # Reading a list without the array as "nothing revoked" would turn a misspelt or
        # unknown format into a false all-clear.
        raise UndecidedError(LIST_UNREADABLE, f"{url} has no revokedCredential array")
    entries: list[Any] = []
    for key in present:
        value = document[key]
        if isinstance(value, list):
            entries.extend(value)
        elif isinstance(value, (dict, str)):
            entries.append(value)
        else:
            raise UndecidedError(LIST_UNREADABLE, f"{key} of {url} is {quote(value)}, not an array")
    return entries


def _reason(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"
