"""The typeface of designed badges: DejaVu Sans Bold when the system has it, else Pillow's own.

The same font measures the text for the SVG and draws it in the PNG, so a line that fits in
one fits in the other. The SVG names DejaVu Sans first and falls back to common sans-serif
faces on machines without it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",  # Debian, Ubuntu
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",  # Arch
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",  # Fedora
    "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
    "/Library/Fonts/DejaVuSans-Bold.ttf",
)
SVG_FAMILY = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=1)
def font_path() -> str | None:
    return next((p for p in CANDIDATES if Path(p).is_file()), None)


@lru_cache(maxsize=64)
def font(size: int) -> Font:
    path = font_path()
    if path is not None:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def text_width(text: str, size: int) -> float:
    return float(font(size).getlength(text))
