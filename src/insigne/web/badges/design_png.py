"""Designed badges drawn with Pillow: the operations of :func:`.designer.layout` as a PNG.

Drawn at twice the size and reduced, which smooths the edges Pillow would otherwise leave
jagged; the background outside the shape stays transparent.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from . import fonts
from .designer import SIZE, Design, Fill, Line, Operation, Text, layout
from .pictograms import Disc

SCALE = 2


def design_png(design: Design, *, size: int = SIZE) -> bytes:
    canvas = Image.new("RGBA", (SIZE * SCALE, SIZE * SCALE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    for operation in layout(design):
        _draw(draw, operation)
    picture = canvas.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _draw(draw: ImageDraw.ImageDraw, operation: Operation) -> None:
    s = SCALE
    if isinstance(operation, Text):
        draw.text(
            (operation.x * s, operation.y * s),
            operation.text,
            fill=operation.colour,
            font=fonts.font(operation.size * s),
            anchor="mm",
        )
    elif isinstance(operation, Line):
        points = [(x * s, y * s) for x, y in operation.points]
        width = operation.width * s
        draw.line(points, fill=operation.colour, width=round(width), joint="curve")
        for x, y in (points[0], points[-1]):  # round caps
            r = width / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=operation.colour)
    elif isinstance(operation, Fill):
        shape = operation.primitive
        if isinstance(shape, Disc):
            box = ((shape.cx - shape.r) * s, (shape.cy - shape.r) * s)
            end = ((shape.cx + shape.r) * s, (shape.cy + shape.r) * s)
            draw.ellipse((*box, *end), fill=operation.colour)
        else:
            draw.polygon([(x * s, y * s) for x, y in shape.points], fill=operation.colour)
