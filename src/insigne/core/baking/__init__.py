"""Baked badges: Open Badges 2.0 assertions and 3.0 credentials carried inside PNG and SVG images.

``bake(image, payload)`` returns the image with the badge inside; ``unbake(image)`` returns a
:class:`Baked` (format, container, payload). Every refusal is a :class:`BakingError`, whose
``text`` says what went wrong in French and English.
"""

from __future__ import annotations

from .errors import BakingError
from .images import bake, detect_image_format, unbake
from .payload import MAX_IMAGE_BYTES, MAX_PAYLOAD_BYTES, OB2_CONTAINER, OB3_CONTAINER, Baked
from .png import bake_png, unbake_png
from .svg import bake_svg, unbake_svg

__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_PAYLOAD_BYTES",
    "OB2_CONTAINER",
    "OB3_CONTAINER",
    "Baked",
    "BakingError",
    "bake",
    "bake_png",
    "bake_svg",
    "detect_image_format",
    "unbake",
    "unbake_png",
    "unbake_svg",
]
