"""The picture of an imported badge, as a small PNG without anything baked in.

A baked PNG is re-encoded (the credential it carries, with its recipient, stays in the
original only); a baked SVG is sanitised, then drawn by the platform's rasteriser; a JSON or
JWT badge brings its picture when it embeds it (a ``data:`` address). Pictures only
published at an address are not fetched: the page shows a neutral placeholder instead.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from typing import Any

from PIL import Image

from ..badges.rasterise import RasteriseError, svg_to_png
from ..badges.svg_sanitiser import UnsafeSvgError, sanitise_svg

SIZE = 512
MAX_PIXELS = 4096 * 4096
# Drawing programs write the SVG 1.1 DOCTYPE; without an internal subset it declares nothing,
# so it is dropped rather than making the sanitiser refuse the picture.
_PLAIN_DOCTYPE = re.compile(rb"<!DOCTYPE\s+svg\b[^\[>]*>", re.IGNORECASE)
_DATA_URI = re.compile(r"data:image/(png|svg\+xml)(;base64)?,(.*)", re.IGNORECASE | re.DOTALL)


def picture_of(original: bytes, container: str | None, credential: Any, kind: str) -> bytes | None:
    """A PNG of the badge's picture, or None when it has none that can be drawn here."""
    if container == "png":
        return _png(original)
    if container == "svg":
        return _svg(original)
    image = _declared_image(credential, kind)
    match = _DATA_URI.fullmatch(image.strip()) if image else None
    if match is None:
        return None
    try:
        raw = base64.b64decode(match[3], validate=True) if match[2] else match[3].encode()
    except (binascii.Error, ValueError):
        return None
    return _png(raw) if match[1].lower() == "png" else _svg(raw)


def _declared_image(credential: Any, kind: str) -> str | None:
    if not isinstance(credential, dict):
        return None
    if kind == "ob2":
        badge = credential.get("badge")
        holders = [credential, badge if isinstance(badge, dict) else {}]
    else:
        subject = credential.get("credentialSubject")
        subject = subject[0] if isinstance(subject, list) and subject else subject
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        holders = [achievement if isinstance(achievement, dict) else {}, credential]
    for holder in holders:
        image = holder.get("image")
        image = image.get("id") if isinstance(image, dict) else image
        if isinstance(image, str) and image.startswith("data:"):
            return image
    return None


def _png(data: bytes) -> bytes | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != "PNG" or image.width * image.height > MAX_PIXELS:
                    return None
                image.thumbnail((SIZE, SIZE))
                converted = image.convert("RGBA")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        return None
    out = io.BytesIO()
    converted.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _svg(data: bytes) -> bytes | None:
    try:
        clean = sanitise_svg(_PLAIN_DOCTYPE.sub(b"", data, count=1))
        return svg_to_png(clean.text, size=SIZE)
    except (UnsafeSvgError, RasteriseError):
        return None
