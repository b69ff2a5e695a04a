"""Text as the search compares it: lower-case, without accents, one space between words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'"})


def folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def search_text(parts: Iterable[str]) -> str:
    return folded(" | ".join(part for part in parts if part))


def one_line(text: str) -> str:
    return " ".join(str(text or "").split())
