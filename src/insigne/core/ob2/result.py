"""The outcome of verifying an Open Badges 2.0 assertion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..outcome import Check, all_clear


@dataclass(frozen=True)
class Ob2Verification:
    """``verified`` when at least one check ran and none failed.

    ``assertion``, ``badge`` and ``issuer`` are the documents as verified (for a hosted badge,
    the copies fetched from their URLs), None when they could not be obtained.
    """

    revoked: bool
    assertion: dict[str, Any] | None
    badge: dict[str, Any] | None
    issuer: dict[str, Any] | None
    checks: tuple[Check, ...]
    revocation_reason: str | None = None

    @property
    def verified(self) -> bool:
        return all_clear(self.checks)
