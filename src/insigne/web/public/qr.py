"""QR codes of a badge's public address, as SVG (inline on the page, or downloaded) and PNG
(for documents that take no SVG). Dark modules on a white square with the quiet zone the
standard asks for, so that a printed code scans on any background."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules
PNG_MODULE_PIXELS = 12


def _code(text: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code


def _path(matrix: list[list[bool]]) -> str:
    """One path for all dark modules, a horizontal run of them at a time."""
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            parts.append(f"M{start} {y}h{x - start}v1h{start - x}z")
    return "".join(parts)


def svg(text: str, *, label: str, pixels: int | None = None) -> str:
    """The QR code of ``text`` as an SVG element named ``label`` for assistive technologies.
    ``pixels``: its width and height, for a file (inline, CSS sizes it)."""
    matrix = _code(text).get_matrix()
    size = len(matrix)
    dimensions = f' width="{pixels}" height="{pixels}"' if pixels else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}"{dimensions}'
        f' role="img" aria-label="{escape(label, {chr(34): "&quot;"})}"'
        ' shape-rendering="crispEdges">'
        f"<title>{escape(label)}</title>"
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{_path(matrix)}"/></svg>'
    )


def png(text: str) -> bytes:
    """The QR code of ``text`` as a black and white PNG."""
    code = _code(text)
    code.box_size = PNG_MODULE_PIXELS
    out = io.BytesIO()
    code.make_image().save(out)
    return out.getvalue()
