"""The 1200×627 PNG that LinkedIn and other sites show when a badge page is shared.

The square badge image sits on a plain background beside the badge name and the issuer's
name; a suspended or revoked badge says so in a band across the card. Cards are cached per
badge version, state and language, so a crawler storm costs one rendering.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 627
CACHE_SECONDS = 24 * 3600
_BACKGROUND = (243, 245, 248)
_INK = (27, 31, 36)
_MUTED = (74, 85, 98)
_ACCENT = (11, 92, 173)
_BAD = (179, 38, 30)
_IMAGE_BOX = 440
_TEXT_LEFT = 600
_TEXT_WIDTH = WIDTH - _TEXT_LEFT - 70
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_log = logging.getLogger(__name__)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size: int, bold: bool = False) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)  # Pillow's own font, when DejaVu is not installed


def _lines(text: str, font: Font, width: int, at_most: int) -> list[str]:
    """``text`` wrapped to ``width`` pixels, on at most ``at_most`` lines (then an ellipsis)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > at_most:
        lines = lines[:at_most]
        last = lines[-1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _badge_image(png: bytes) -> Image.Image | None:
    try:
        with Image.open(io.BytesIO(png)) as opened:
            image = opened.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        _log.warning("badge image unreadable for the share card: %s", error)
        return None
    image.thumbnail((_IMAGE_BOX, _IMAGE_BOX), Image.Resampling.LANCZOS)
    if image.width < _IMAGE_BOX and image.height < _IMAGE_BOX:
        scale = _IMAGE_BOX / max(image.width, image.height)
        size = (round(image.width * scale), round(image.height * scale))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def render(badge_png: bytes, name: str, issuer: str, band: str | None = None) -> bytes:
    """The share card as PNG bytes. ``band``: a warning written across it (e.g. "Révoqué")."""
    card = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(card)
    top = (HEIGHT - _IMAGE_BOX) // 2
    image = _badge_image(badge_png)
    if image is None:
        draw.ellipse((80, top, 80 + _IMAGE_BOX, top + _IMAGE_BOX), fill=_ACCENT)
    else:
        x = 80 + (_IMAGE_BOX - image.width) // 2
        y = top + (_IMAGE_BOX - image.height) // 2
        card.paste(image, (x, y), image)
    title_font, issuer_font, small = _font(54, bold=True), _font(34), _font(26)
    title = _lines(name, title_font, _TEXT_WIDTH, 4)
    by = _lines(issuer, issuer_font, _TEXT_WIDTH, 2)
    height = len(title) * 66 + 24 + len(by) * 44
    y = (HEIGHT - height) // 2
    for line in title:
        draw.text((_TEXT_LEFT, y), line, font=title_font, fill=_INK)
        y += 66
    y += 24
    for line in by:
        draw.text((_TEXT_LEFT, y), line, font=issuer_font, fill=_MUTED)
        y += 44
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=_ACCENT)
    draw.text((_TEXT_LEFT, HEIGHT - 64), "Insigne · Open Badges", font=small, fill=_MUTED)
    if band:
        draw.rectangle((0, 0, WIDTH, 84), fill=_BAD)
        draw.text((WIDTH // 2, 42), band, font=_font(40, bold=True), fill="white", anchor="mm")
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cached_card(
    key_parts: tuple[object, ...],
    badge_png: Callable[[], bytes],
    name: str,
    issuer: str,
    band: str | None,
) -> bytes:
    """``render(...)``, cached under ``key_parts`` plus a digest of the texts; the badge image
    is only asked for when the card is not in the cache."""
    digest = hashlib.sha256(f"{name}\0{issuer}\0{band}".encode()).hexdigest()[:16]
    key = "insigne:share-card:" + ":".join(str(p) for p in key_parts) + f":{digest}"
    card = django_cache.get(key)
    if card is None:
        card = render(badge_png(), name, issuer, band)
        django_cache.set(key, card, CACHE_SECONDS)
    return bytes(card)
