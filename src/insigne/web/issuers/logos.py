"""Organisation logos: an uploaded PNG or JPEG, checked and re-encoded as a bounded PNG.

Re-encoding drops whatever the upload carried besides pixels (metadata, trailing data,
ancillary chunks), so what the platform publishes is always a plain PNG it produced itself.
"""

from __future__ import annotations

import io
import warnings

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 512  # the stored logo fits in this square
MIN_SIDE = 32
# Checked from the header, before any pixel is decoded: refuses decompression bombs.
MAX_PIXELS = 6000 * 6000
ACCEPTED_FORMATS = frozenset({"PNG", "JPEG"})


class LogoError(ValueError):
    """The upload is not a usable logo; the message says why, for the person uploading."""


def looks_like_svg(data: bytes, name: str = "") -> bool:
    head = data[:512].lstrip().lower()
    return name.lower().endswith((".svg", ".svgz")) or head.startswith((b"<?xml", b"<svg"))


def check_size(size: int) -> None:
    """Raise LogoError for a file larger than MAX_BYTES (checked before reading it)."""
    if size > MAX_BYTES:
        raise LogoError(
            _("Le logo pèse %(size)s Mo ; la taille maximale est de %(limit)s Mo.")
            % {"size": _megabytes(size), "limit": _megabytes(MAX_BYTES)}
        )


def normalise(data: bytes, name: str = "") -> bytes:
    """The PNG to store for an uploaded logo. Raises LogoError with a readable message."""
    check_size(len(data))
    if looks_like_svg(data, name):
        raise LogoError(
            _(
                "Les logos SVG ne sont pas acceptés pour l'instant : "
                "enregistrez votre logo au format PNG ou JPEG."
            )
        )
    unreadable = LogoError(
        _("Ce fichier n'est pas une image PNG ou JPEG lisible. Choisissez un autre fichier.")
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise unreadable
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_large(width, height)
            image.verify()
            # verify() leaves the image unusable: decode from the start again.
            image = Image.open(io.BytesIO(data))
            image.load()
        except LogoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise LogoError(
                _("L'image est trop grande ; réduisez-la avant de l'envoyer.")
            ) from error
        # Any decoder failure means the same thing to the person: the file is not a usable
        # image. Pillow raises many unrelated types (OSError, SyntaxError, ValueError...).
        except Exception as error:
            raise unreadable from error
    if min(width, height) < MIN_SIDE:
        raise LogoError(
            _(
                "Le logo est trop petit (%(width)s × %(height)s pixels) ; "
                "il faut au moins %(min)s pixels de côté."
            )
            % {"width": width, "height": height, "min": MIN_SIDE}
        )
    return _encode(image)


def _megabytes(size: int) -> str:
    return number_format(round(size / 1024 / 1024, 1), decimal_pos=1 if size % 1048576 else 0)


def _too_large(width: int, height: int) -> LogoError:
    return LogoError(
        _(
            "L'image est trop grande (%(width)s × %(height)s pixels) ; "
            "réduisez-la avant de l'envoyer."
        )
        % {"width": width, "height": height}
    )


def _encode(image: Image.Image) -> bytes:
    image = ImageOps.exif_transpose(image)  # photos taken sideways keep their orientation
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
