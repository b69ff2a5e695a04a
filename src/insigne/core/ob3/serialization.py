"""Writing model objects as JSON: spec member names, a fixed order, no nulls, no empty arrays.

OB 3.0 ("Serialization"): nulls and empty arrays MUST be omitted. Dates handed over as strings are
written exactly as given, because a signed lexical form must never change; ``datetime`` values
are written as ``YYYY-MM-DDThh:mm:ssZ``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from .. import dates

_SAFE_INTEGER = 2**53


class Serializable(Protocol):
    def to_json(self) -> dict[str, Any]: ...


def json_object(*members: tuple[str, object]) -> dict[str, Any]:
    """A JSON object from ``(name, value)`` pairs, in order, without None or empty arrays."""
    result: dict[str, Any] = {}
    for name, value in members:
        if value is None or (isinstance(value, tuple | list) and not value):
            continue
        result[name] = json_value(value)
    return result


def json_value(value: object) -> Any:
    """``value`` as plain JSON data (dicts, lists, strings, numbers, booleans)."""
    if isinstance(value, str | bool):
        return value
    if isinstance(value, int | float | Decimal):
        return json_number(value)
    if isinstance(value, datetime):
        return dates.format_z(value)
    if isinstance(value, tuple | list):
        return [json_value(item) for item in value]
    if isinstance(value, Mapping):
        # Already-signed documents and free-form members: a copy, so editing the output
        # never reaches into the model.
        return copy.deepcopy(dict(value))
    to_json = getattr(value, "to_json", None)
    if to_json is None:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
    return to_json()


def json_number(value: int | float | Decimal) -> int | float:
    """A JSON number; integral values become integers.

    ``36`` and ``36.0`` are the same JSON number, but JSON-LD processors disagree on the
    second (jsonld.js reads an integer, pyld an xsd:double), which changes the signed form.
    """
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < _SAFE_INTEGER:
            return int(value)
        return float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < _SAFE_INTEGER:
        return int(value)
    return value


def decimal_text(value: str | int | Decimal) -> str:
    """A number the spec types as a string (``points``), in plain decimal notation."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
