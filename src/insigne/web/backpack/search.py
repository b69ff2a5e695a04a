"""Finding badges in a backpack: a text search that ignores case and accents, and filters by
issuer, origin, visibility and state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..folding import folded
from .holdings import Held

PUBLIC = "public"
PRIVATE = "private"


@dataclass(frozen=True)
class Filters:
    query: str = ""
    issuer: str = ""
    origin: str = ""
    visibility: str = ""
    standing: str = ""

    @property
    def active(self) -> bool:
        return any((self.query, self.issuer, self.origin, self.visibility, self.standing))


def _matches(item: Held, filters: Filters, words: list[str]) -> bool:
    if filters.issuer and item.issuer != filters.issuer:
        return False
    if filters.origin and item.origin != filters.origin:
        return False
    if filters.visibility and item.public != (filters.visibility == PUBLIC):
        return False
    if filters.standing and item.standing != filters.standing:
        return False
    if words:
        text = folded(f"{item.name} {item.issuer} {item.description}")
        return all(word in text for word in words)
    return True


def matching(items: Iterable[Held], filters: Filters) -> list[Held]:
    """The items that pass every filter; each word of the query must appear somewhere in the
    badge's name, issuer or description."""
    words = folded(filters.query).split()
    return [item for item in items if _matches(item, filters, words)]


def issuers_of(items: Iterable[Held]) -> list[str]:
    """The issuers' names, once each, in alphabetical order (ignoring accents)."""
    return sorted({item.issuer for item in items if item.issuer}, key=folded)
