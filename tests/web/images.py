"""Small, valid images for tests."""

from __future__ import annotations

from insigne.demo import solid_png as png

PNG_64 = png()
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
    b'<circle cx="32" cy="32" r="30" fill="#f28c28"/></svg>'
)
