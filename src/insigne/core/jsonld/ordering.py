"""String ordering as JavaScript's ``Array.prototype.sort`` does it: by UTF-16 code units.

jsonld.js and rdf-canonize (and Java implementations) order strings by UTF-16 code units,
which differs from code point order only between characters above U+FFFF and those in
U+E000..U+FFFF. Insigne follows them so that its canonical form matches what the deployed
verifiers compute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16(value: str) -> bytes:
    return value.encode("utf-16-be", "surrogatepass")


def has_astral(values: Iterable[str]) -> bool:
    return any(not v.isascii() and _ASTRAL.search(v) is not None for v in values)


def js_sorted(values: Iterable[str]) -> list[str]:
    """Sort like JavaScript's default sort (a fast path when no astral characters occur)."""
    items = list(values)
    if has_astral(items):
        return sorted(items, key=_utf16)
    return sorted(items)
