"""Lexical forms Open Badges 3.0 constrains: URIs, ``ext:`` values, language codes, hashes, JWS."""

from __future__ import annotations

import re
from datetime import date

# A URI has a scheme; OB ids are URLs, URNs, DIDs or data: URIs, so nothing more is required.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# The OB JSON Schema pattern is "(ext:)[a-z|A-Z|0-9|.|-|_]+" and JSON Schema patterns are not
# anchored, so a reader accepts anything that starts like an extension value. A writer uses
# the whole-value form below.
_EXTENSION_PREFIX = re.compile(r"ext:[A-Za-z0-9._|-]")
_EXTENSION = re.compile(r"ext:[A-Za-z0-9._-]+")
_LANGUAGE = re.compile(r"[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")
_IDENTITY_HASH = re.compile(r"(?i:(md5)\$[0-9a-f]{32}|(sha256)\$[0-9a-f]{64})")
_COMPACT_JWS = re.compile(r"[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+")
_OB_CONTEXT = re.compile(
    r"https://purl\.imsglobal\.org/spec/ob/v3p0/context((?:-3\.\d\.\d)*)\.json"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def is_uri(value: object) -> bool:
    """True for a string that starts with a URI scheme (``https:``, ``urn:``, ``did:``...)."""
    return isinstance(value, str) and _URI.match(value) is not None


def is_extension(value: str, *, strict: bool = False) -> bool:
    """True for an ``ext:`` vocabulary extension; ``strict`` demands the whole-value form."""
    if strict:
        return _EXTENSION.fullmatch(value) is not None
    return _EXTENSION_PREFIX.match(value) is not None


def in_vocabulary(value: str, allowed: frozenset[str], *, strict: bool = False) -> bool:
    """True when ``value`` is one of ``allowed`` or an ``ext:`` extension."""
    return value in allowed or is_extension(value, strict=strict)


def is_language_code(value: str) -> bool:
    """True for the BCP 47 subset the OB schema accepts (``fr``, ``fr-CA``, ``zh-Hant-TW``)."""
    return _LANGUAGE.fullmatch(value) is not None


def is_identity_hash(value: str) -> bool:
    """True for ``md5$<32 hex>`` or ``sha256$<64 hex>``."""
    return _IDENTITY_HASH.fullmatch(value) is not None


def is_compact_jws(value: str) -> bool:
    """True for the three base64url segments of a compact JWS (the payload may be empty)."""
    return _COMPACT_JWS.fullmatch(value) is not None


def is_calendar_date(value: str) -> bool:
    """True for an existing ``YYYY-MM-DD`` date."""
    match = _DATE.fullmatch(value)
    if match is None:
        return False
    try:
        date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def ob_context_version(url: str) -> tuple[int, ...] | None:
    """The version an OB 3.0 context URL names (``context.json`` is 3.0.0), or None."""
    match = _OB_CONTEXT.fullmatch(url)
    if match is None:
        return None
    suffix = match[1]
    if not suffix:
        return (3, 0, 0)
    return tuple(int(part) for part in suffix.rsplit("-", 1)[1].split("."))
