"""Text as the frameworks store and show it: the folded text searches compare, one-line labels."""

from __future__ import annotations

from collections.abc import Iterable

from ..folding import folded


def search_text(parts: Iterable[str]) -> str:
    return folded(" | ".join(part for part in parts if part))


def one_line(text: str) -> str:
    return " ".join(str(text or "").split())
