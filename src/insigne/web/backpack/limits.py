"""How much a holder may add: sizes and counts, stated in the forms' help texts."""

from __future__ import annotations

from ..awards.forms import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES

__all__ = [
    "EVIDENCE_TYPES",
    "MAX_COLLECTIONS",
    "MAX_EVIDENCE_BYTES",
    "MAX_EVIDENCE_ITEMS",
    "REFLECTION_LENGTH",
    "evidence_type",
]

REFLECTION_LENGTH = 5000
MAX_EVIDENCE_ITEMS = 20
MAX_COLLECTIONS = 100


def evidence_type(name: str) -> str | None:
    """The content type of an accepted evidence file, from its extension; None if refused
    (the same files an issuer may give: no HTML or SVG, which could run scripts)."""
    if "." not in name:
        return None
    return EVIDENCE_TYPES.get("." + name.rsplit(".", 1)[-1].lower())
