"""One entry point for every status method a credential may name in ``credentialStatus``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..fetch import Fetcher
from .list_entry import FLAVORS, ListVerifier, check_list_entry
from .outcome import BAD_ENTRY, TOO_MANY_ENTRIES, UNSUPPORTED, StatusOutcome, UndecidedError, quote
from .revocation_list import REVOCATION_LIST_TYPE, check_revocation_list

# Each entry costs a fetch and a proof verification: a credential naming hundreds of
# lists must not turn a verifier into a crawler.
MAX_ENTRIES = 8


def check_status(
    credential: dict[str, Any],
    *,
    fetcher: Fetcher,
    verify_list: ListVerifier,
    now: datetime,
) -> list[StatusOutcome]:
    """Check each ``credentialStatus`` entry of ``credential``, in order.

    Returns one outcome per entry (an empty list when the credential has no status).
    Lists are fetched through ``fetcher``; ``verify_list`` receives each Bitstring /
    StatusList2021 list credential and returns None when its proof and issuer are trusted,
    else the problem; ``now`` (timezone-aware) judges the list's validity period. Bad
    input never raises: it gives an "error" outcome. Raises TypeError or ValueError only
    when called with a credential that is not a dict or a naive ``now``.
    """
    if not isinstance(credential, dict):
        raise TypeError("check_status takes the credential as a dict")
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    status = credential.get("credentialStatus")
    if status is None:
        return []
    outcomes = []
    for position, entry in enumerate(status if isinstance(status, list) else [status]):
        if position < MAX_ENTRIES:
            outcomes.append(_check_entry(entry, credential, fetcher, verify_list, now))
        else:
            detail = f"credentialStatus entry {position} not checked: at most {MAX_ENTRIES} are"
            outcomes.append(UndecidedError(TOO_MANY_ENTRIES, detail).outcome(_purpose(entry)))
    return outcomes


def _check_entry(
    entry: object,
    credential: dict[str, Any],
    fetcher: Fetcher,
    verify_list: ListVerifier,
    now: datetime,
) -> StatusOutcome:
    if not isinstance(entry, dict):
        detail = f"a credentialStatus entry is {quote(entry)}, not an object"
        return UndecidedError(BAD_ENTRY, detail).outcome(None)
    kinds = [kind for kind in _as_list(entry.get("type")) if isinstance(kind, str)]
    for kind in kinds:
        if kind in FLAVORS:
            return check_list_entry(
                entry, FLAVORS[kind], fetcher=fetcher, verify_list=verify_list, now=now
            )
        if kind == REVOCATION_LIST_TYPE:
            return check_revocation_list(entry, credential, fetcher=fetcher)
    if not kinds:
        detail = f"a credentialStatus entry has no type: {quote(entry.get('type'))}"
        return UndecidedError(BAD_ENTRY, detail).outcome(_purpose(entry))
    detail = f"status type {quote(entry.get('type'))} is not supported"
    return StatusOutcome("unsupported", _purpose(entry), UNSUPPORTED, detail)


def _purpose(entry: object) -> str | None:
    purpose = entry.get("statusPurpose") if isinstance(entry, dict) else None
    return purpose if isinstance(purpose, str) else None


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]
