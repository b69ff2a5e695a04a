"""One line of a verification report: what was checked, how it went, and why.

Every verifier (Open Badges 3.0 with Data Integrity or VC-JWT, Open Badges 2.0 hosted or
signed) reports with these. ``message`` is for the person looking at a badge (French first,
plain language); ``detail`` is for whoever investigates (English, technical).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .text import Text


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARNING = "warning"
    SKIPPED = "skipped"


PASS, FAIL, WARNING, SKIPPED = Outcome.PASS, Outcome.FAIL, Outcome.WARNING, Outcome.SKIPPED


@dataclass(frozen=True)
class Check:
    """One verification step; ``name`` is stable and machine-readable."""

    name: str
    outcome: Outcome
    message: Text
    detail: str = ""

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"check": self.name, "outcome": self.outcome.value}
        if language is None:
            out["message"] = {"fr": self.message.fr, "en": self.message.en}
        else:
            out["message"] = self.message.get(language)
        if self.detail:
            out["detail"] = self.detail
        return out


Report = Callable[[Check], None]


def check(name: str, outcome: Outcome, message: tuple[str, str], detail: str = "") -> Check:
    """A check whose ``message`` is given as (French, English)."""
    return Check(name, outcome, Text(fr=message[0], en=message[1]), detail)


def all_clear(checks: Iterable[Check]) -> bool:
    """True when at least one check ran and none failed."""
    outcomes = [item.outcome for item in checks]
    return bool(outcomes) and FAIL not in outcomes
