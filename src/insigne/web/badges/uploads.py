"""Badge images sent by people: a PNG, or an SVG (sanitised, then drawn as a PNG).

Every PNG is decoded and written again by Pillow, which drops whatever else the file carried
(metadata, a credential baked by another platform, trailing bytes). Sizes are checked before
the pixels are decoded, so a decompression bomb is refused without being expanded.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import rasterise
from .svg_sanitiser import UnsafeSvgError, removed_message, sanitise_svg

MAX_BYTES = 2 * 1024 * 1024
MIN_SIDE = 90
MAX_SIDE = 2048
MAX_DECODED_PIXELS = 6000 * 6000  # larger files are refused before their pixels are read
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class ImageRefusedError(ValueError):
    """An image that cannot be used; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BadgeImage:
    """The images a badge version keeps: always a PNG, an SVG when there is one."""

    png: bytes
    svg: str = ""
    design: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the page should tell (e.g. what was removed)


def read_upload(data: bytes, companion_png: bytes | None = None) -> BadgeImage:
    """The badge image in ``data`` (PNG or SVG); ``companion_png`` is the PNG given with an SVG.

    Raises :class:`ImageRefusedError`.
    """
    check_size(data)
    if data.startswith(PNG_MAGIC):
        return BadgeImage(png=normalise_png(data))
    if _looks_like_svg(data):
        return _svg_image(data, companion_png)
    raise ImageRefusedError(
        _("Format d'image non reconnu : envoyez une image PNG ou SVG (pas de JPEG ni de GIF).")
    )


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ImageRefusedError(
            _("L'image pèse %(size)s Mo ; 2 Mo au plus sont acceptés.")
            % {"size": number_format(len(data) / 1024 / 1024, 1)}
        )
    if not data:
        raise ImageRefusedError(_("Le fichier est vide."))


def normalise_png(data: bytes) -> bytes:
    """``data`` decoded and re-encoded as an RGBA PNG of at most 2048×2048 pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
                width, height = image.size
                _check_dimensions(width, height)
                image.load()
                picture = image.convert("RGBA")
    except ImageRefusedError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Warning) as error:
        raise ImageRefusedError(_("Ce fichier PNG est illisible ou endommagé.")) from error
    except Image.DecompressionBombError as error:
        raise ImageRefusedError(_("Cette image est beaucoup trop grande.")) from error
    if max(picture.size) > MAX_SIDE:
        picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _check_dimensions(width: int, height: int) -> None:
    if width * height > MAX_DECODED_PIXELS:
        raise ImageRefusedError(
            _("L'image mesure %(width)s×%(height)s pixels : c'est beaucoup trop grand.")
            % {"width": width, "height": height}
        )
    if min(width, height) < MIN_SIDE:
        raise ImageRefusedError(
            _(
                "L'image mesure %(width)s×%(height)s pixels ; il en faut au moins "
                "%(min)s×%(min)s pour qu'elle reste lisible."
            )
            % {"width": width, "height": height, "min": MIN_SIDE}
        )


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in data[:65536].lower()


def _svg_image(data: bytes, companion_png: bytes | None) -> BadgeImage:
    try:
        clean = sanitise_svg(data)
    except UnsafeSvgError as error:
        raise ImageRefusedError(error.message) from error
    notes = (removed_message(clean.removed),) if clean.removed else ()
    if companion_png:
        check_size(companion_png)
        if not companion_png.startswith(PNG_MAGIC):
            raise ImageRefusedError(_("L'image PNG jointe au SVG n'est pas un fichier PNG."))
        return BadgeImage(png=normalise_png(companion_png), svg=clean.text, notes=notes)
    if not rasterise.available():
        raise ImageRefusedError(
            _("Joignez une version PNG de votre image SVG : ce serveur ne sait pas la convertir.")
        )
    try:
        png = rasterise.svg_to_png(clean.text)
    except rasterise.RasteriseError as error:
        raise ImageRefusedError(
            _("Cette image SVG ne peut pas être dessinée : joignez-en une version PNG.")
        ) from error
    return BadgeImage(png=normalise_png(png), svg=clean.text, notes=notes)
