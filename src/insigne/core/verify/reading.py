"""Turning whatever was handed over (bytes, text, a parsed object) into a credential to check.

Everything here is bounded: input size, JSON nesting depth and node count are capped before
any expensive work, so hostile input is refused quickly and with a clear reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..baking import BakingError, detect_image_format, unbake
from ..text import Text

MAX_INPUT_BYTES = 20 * 1024 * 1024
MAX_CREDENTIAL_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+")


class ReadError(ValueError):
    def __init__(self, text: Text, detail: str = "") -> None:
        super().__init__(detail or text.en)
        self.text = text
        self.detail = detail or text.en


@dataclass(frozen=True)
class Material:
    """A credential ready for checking: a JSON object or a compact JWS."""

    container: str | None  # "png" / "svg" when it came out of an image
    document: dict[str, Any] | None
    token: str | None
    baked_as: str | None = None  # the image container name ("openbadgecredential"...)


def read(data: bytes | str | Mapping[str, Any]) -> Material:
    """Recognise ``data``: a parsed JSON object, JSON text, a compact JWS, or a baked image."""
    if isinstance(data, Mapping):
        # Already parsed by the caller: nesting is bounded by the canonicalizer's own limits.
        return Material(None, dict(data), None)
    if isinstance(data, str):
        raw = data.encode("utf-8")
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
    else:
        raise ReadError(_UNKNOWN, f"cannot verify a {type(data).__name__}")
    if len(raw) > MAX_INPUT_BYTES:
        raise ReadError(
            Text(
                "Le fichier est trop volumineux pour être un badge (20 Mo au plus).",
                "The file is too large to be a badge (20 MB at most).",
            )
        )
    image = detect_image_format(raw)
    if image is not None:
        try:
            baked = unbake(raw)
        except BakingError as error:
            raise ReadError(error.text, str(error)) from error
        material = read_text(baked.payload.encode("utf-8"))
        return Material(baked.image_format, material.document, material.token, baked.container)
    return read_text(raw)


def read_text(raw: bytes) -> Material:
    if len(raw) > MAX_CREDENTIAL_BYTES:
        raise ReadError(
            Text(
                "Ce contenu est trop volumineux pour un badge (2 Mo au plus).",
                "This content is too large for a badge (2 MB at most).",
            )
        )
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").strip()
    except UnicodeDecodeError as error:
        raise ReadError(_UNKNOWN, "not UTF-8 text and not a PNG or SVG image") from error
    if not text:
        raise ReadError(Text("Le contenu est vide.", "The content is empty."))
    if COMPACT_JWS.fullmatch(text):
        return Material(None, None, text)
    if not text.startswith("{"):
        raise ReadError(_UNKNOWN, "neither JSON, a compact JWS, nor a PNG or SVG image")
    document = parse_json(text)
    return Material(None, document, None)


def parse_json(text: str) -> dict[str, Any]:
    if _too_deep(text):
        raise ReadError(_TOO_DEEP, f"JSON nested more than {MAX_DEPTH} levels")
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as error:
        raise ReadError(_TOO_DEEP, "JSON nested too deeply") from error
    except ValueError as error:
        raise ReadError(
            Text(
                "Le contenu ressemble à du JSON mais il est mal formé.",
                "The content looks like JSON but is malformed.",
            ),
            f"invalid JSON: {error}",
        ) from error
    if not isinstance(value, dict):
        raise ReadError(_UNKNOWN, "the JSON is not an object")
    return value


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _too_deep(text: str) -> bool:
    """Whether the JSON text nests deeper than MAX_DEPTH (checked before parsing it)."""
    if sum(text.count(c) for c in "[{") <= MAX_DEPTH:
        return False  # cannot nest deeper than it has openings
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for char in brackets:
        depth += 1 if char in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_UNKNOWN = Text(
    "Ce contenu n'est pas un badge reconnu (JSON, JWT, image PNG ou SVG).",
    "This content is not a recognised badge (JSON, JWT, PNG or SVG image).",
)
_TOO_DEEP = Text(
    "Le contenu est imbriqué trop profondément pour être un badge.",
    "The content is nested too deeply to be a badge.",
)
