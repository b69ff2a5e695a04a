"""Multibase text encodings used by Data Integrity: base58btc (``z``) and base64url (``u``)."""

from __future__ import annotations

import base64
import binascii

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}


_CHUNK = 58**10  # work in ten-digit chunks: far fewer big-integer divisions
_PAIRS = [a + b for a in _ALPHABET for b in _ALPHABET]  # two base58 digits per division


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    parts: list[str] = []
    while number:
        number, chunk = divmod(number, _CHUNK)
        for _ in range(5):
            chunk, pair = divmod(chunk, 3364)
            parts.append(_PAIRS[pair])
    text = "".join(reversed(parts)).lstrip("1")
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + text


_PAIR_VALUES = {pair: value for value, pair in enumerate(_PAIRS)}


def b58decode(text: str) -> bytes:
    number = 0
    odd = len(text) % 2
    if odd:
        number = _INDEX.get(text[0], -1)
        if number < 0:
            raise ValueError(f"invalid base58 character {text[0]!r}")
    for start in range(odd, len(text), 2):
        value = _PAIR_VALUES.get(text[start : start + 2])
        if value is None:
            bad = next(c for c in text[start : start + 2] if c not in _INDEX)
            raise ValueError(f"invalid base58 character {bad!r}")
        number = number * 3364 + value
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded (or padded) base64url; raises ValueError on anything else."""
    if not isinstance(text, str) or any(c not in _B64URL for c in text.rstrip("=")):
        raise ValueError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError("not base64url text") from error


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def encode(data: bytes, base: str = "z") -> str:
    if base == "z":
        return "z" + b58encode(data)
    if base == "u":
        return "u" + b64url_encode(data)
    raise ValueError(f"unsupported multibase {base!r}")


def decode(text: str) -> bytes:
    """Decode a ``z`` (base58btc) or ``u`` (base64url) multibase string."""
    if not isinstance(text, str) or not text:
        raise ValueError("empty multibase value")
    if text[0] == "z":
        return b58decode(text[1:])
    if text[0] == "u":
        return b64url_decode(text[1:])
    raise ValueError(f"unsupported multibase prefix {text[0]!r}")
