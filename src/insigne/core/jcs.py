"""JSON Canonicalization Scheme (RFC 8785): the exact bytes JavaScript's JSON.stringify gives
with sorted keys.

Used for ``@json`` literals in RDF and for JCS-based proofs. Keys are ordered by UTF-16 code
units and numbers are written as ECMAScript's Number.prototype.toString writes them.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .jsonld.ordering import js_sorted


def js_number(value: float | int) -> str:
    """ECMAScript Number::toString for a finite number (RFC 8785 section 3.2.2.3)."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers here")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("JSON cannot represent NaN or infinity")
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    digits, exponent = _shortest_digits(abs(number))
    # exponent n: value = 0.d1d2...dk * 10**n
    k = len(digits)
    n = exponent
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        body = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + body


def _shortest_digits(number: float) -> tuple[str, int]:
    """Shortest round-trip digits ``s`` and exponent ``n`` with number = 0.s * 10**n."""
    mantissa, _, exp = repr(number).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0"), point


def canonicalize(value: Any) -> str:
    """Serialise a JSON value per RFC 8785."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonicalize(item) for item in value) + "]"
    if isinstance(value, dict):
        parts = (
            json.dumps(key, ensure_ascii=False) + ":" + canonicalize(value[key])
            for key in js_sorted(value)
        )
        return "{" + ",".join(parts) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")
