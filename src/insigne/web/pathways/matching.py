"""When two badges name the same competence, and how levels compare.

Badges name a competence by what every one of them has: a name, a framework, a code and an
address. Two namings are the same competence when their addresses are equal (both given),
else when their codes are equal in the same framework (both given), else when their names
are equal in the same framework; case and accents never matter. A level is compared by its
rank in the scale the competence was chosen with ("Découverte" < "Application" < "Maîtrise").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..folding import folded


@dataclass(frozen=True)
class Named:
    """How one badge names a competence."""

    name: str
    framework: str = ""
    code: str = ""
    url: str = ""

    @property
    def label(self) -> str:
        """The name, with its framework for people: "Travailler en équipe (RECTEC)"."""
        return f"{self.name} ({self.framework})" if self.framework else self.name


def same_competence(one: Named, other: Named) -> bool:
    if one.url.strip() and other.url.strip():
        return one.url.strip().rstrip("/") == other.url.strip().rstrip("/")
    if folded(one.framework) != folded(other.framework):
        return False
    if one.code.strip() and other.code.strip():
        return folded(one.code) == folded(other.code)
    return folded(one.name) == folded(other.name)


def rank(level: str, scale: Sequence[str]) -> int | None:
    """The position of ``level`` in ``scale`` (0 for the first), None when it is not there."""
    wanted = folded(level)
    if not wanted:
        return None
    for position, name in enumerate(scale):
        if folded(name) == wanted:
            return position
    return None


def reaches(level: str, minimum: str, scale: Sequence[str]) -> bool:
    """Whether ``level`` is ``minimum`` or above it in ``scale``; no minimum is always reached.
    A level missing from the scale reaches nothing but "no minimum"."""
    if not minimum:
        return True
    wanted = rank(minimum, scale)
    reached = rank(level, scale)
    return wanted is not None and reached is not None and reached >= wanted


def best_level(levels: Sequence[str], scale: Sequence[str]) -> str:
    """The highest of ``levels`` in ``scale``; a level outside the scale counts as lowest."""

    def position(level: str) -> int:
        found = rank(level, scale)
        return -1 if found is None else found

    return max(levels, key=position, default="")
