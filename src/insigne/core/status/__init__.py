"""Credential status: W3C Bitstring Status List (writing and checking), the legacy
StatusList2021, and 1EdTech Revocation Lists (checking)."""

from __future__ import annotations

from .bitstring import (
    MAX_LIST_BYTES,
    MIN_ENTRIES,
    StatusList,
    StatusListError,
    StatusListSizeError,
)
from .check import check_status
from .documents import list_credential, status_entry
from .list_entry import ListVerifier
from .outcome import StatusOutcome

__all__ = [
    "MAX_LIST_BYTES",
    "MIN_ENTRIES",
    "ListVerifier",
    "StatusList",
    "StatusListError",
    "StatusListSizeError",
    "StatusOutcome",
    "check_status",
    "list_credential",
    "status_entry",
]
