"""Cheap checks run when a model object is built; each raises ValueError naming the member.

They catch what a writer gets wrong (an id without a scheme, an ``achievementType`` outside the
vocabulary, a date without a time zone) before anything is signed. The full structural rules
live in the ``schema`` modules.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from .. import dates
from .formats import in_vocabulary, is_language_code, is_uri


def require_uri(owner: str, member: str, value: object, *, optional: bool = False) -> None:
    """``value`` must be a URI with a scheme (None allowed when ``optional``)."""
    if optional and value is None:
        return
    if not is_uri(value):
        raise ValueError(
            f"{owner}.{member} must be a URI with a scheme (https:, urn:, did:, data:), "
            f"got {_short(value)}"
        )


def require_text(owner: str, member: str, value: object) -> None:
    """``value`` must be a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{owner}.{member} must be a non-empty string, got {_short(value)}")


def require_vocabulary(
    owner: str, member: str, value: str | None, allowed: frozenset[str], *, extensible: bool
) -> None:
    """``value`` must be in ``allowed`` or, for an extensible vocabulary, ``ext:``-prefixed."""
    if value is None or value in allowed:
        return
    if extensible and in_vocabulary(value, allowed, strict=True):
        return
    hint = " or use the 'ext:' prefix (ext:MyValue)" if extensible else ""
    raise ValueError(f"{owner}.{member} {value!r} is not in the OB 3.0 vocabulary{hint}")


def require_date(owner: str, member: str, value: str | datetime | None) -> None:
    """A date-time with a time zone: a valid XSD dateTimeStamp string or an aware datetime."""
    if value is None:
        return
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"{owner}.{member} must carry a time zone")
        return
    if dates.parse(value) is None:
        raise ValueError(
            f"{owner}.{member} {_short(value)} is not a date-time with a time zone "
            "(e.g. 2024-05-01T12:00:00Z)"
        )


def require_number(owner: str, member: str, value: int | float | Decimal | None) -> None:
    """A finite number (booleans are refused even though Python counts them as integers)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{owner}.{member} must be a number, got {_short(value)}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{owner}.{member} must be finite, got {value}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{owner}.{member} must be finite, got {value}")


def require_language(owner: str, member: str, value: str | None) -> None:
    """A BCP 47 language code in the form the OB schema accepts (``fr``, ``fr-CA``)."""
    if value is not None and not is_language_code(value):
        raise ValueError(f"{owner}.{member} {value!r} is not a language code such as 'fr-CA'")


def require_types(owner: str, types: Iterable[str], *needed: frozenset[str]) -> None:
    """``types`` must contain one value of each set in ``needed``."""
    present = set(types)
    for options in needed:
        if not present & options:
            names = " or ".join(sorted(options))
            raise ValueError(f"{owner}.type must include {names}")


def freeze(instance: object, *members: str) -> None:
    """Store sequence members as tuples, so a frozen object really cannot change.

    A bare string is refused: ``tag="python"`` would otherwise become six one-letter tags.
    """
    for member in members:
        value = getattr(instance, member)
        if isinstance(value, str | bytes):
            raise ValueError(f"{type(instance).__name__}.{member} must be a list, not a string")
        object.__setattr__(instance, member, tuple(value))


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
