"""The built-in badge designer: a shape, two colours, a pictogram and up to two lines of text.

:func:`layout` turns the parameters into a list of drawing operations on a 512×512 canvas;
:func:`design_svg` writes them as SVG (template ``badges/design.svg``) and
:mod:`.design_png` draws the same operations with Pillow, so both images look alike. The
parameters are kept in ``BadgeVersion.design`` (see :meth:`Design.as_json`) so the design can
be edited later.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import fonts
from .pictograms import PICTOGRAMS, Disc, Point, Polygon, Primitive, Stroke, arc
from .pictograms import rounded_rectangle as rounded
from .pictograms import star as star_points

SIZE = 512
MIN_CONTRAST = 4.5
MAX_LINE = 40
COLOUR = re.compile(r"#[0-9a-f]{6}")

SHAPES: dict[str, Promise] = {
    "cercle": gettext_lazy("Cercle"),
    "hexagone": gettext_lazy("Hexagone"),
    "blason": gettext_lazy("Blason"),
    "carre": gettext_lazy("Carré arrondi"),
    "sceau": gettext_lazy("Sceau étoilé"),
}
# key -> (label, background, foreground); each pair has a contrast of at least 4.5:1.
PALETTES: dict[str, tuple[Promise, str, str]] = {
    "bleu": (gettext_lazy("Bleu et blanc"), "#0b5cad", "#ffffff"),
    "vert": (gettext_lazy("Vert et blanc"), "#1d6b2f", "#ffffff"),
    "bordeaux": (gettext_lazy("Bordeaux et blanc"), "#8e1b3e", "#ffffff"),
    "violet": (gettext_lazy("Violet et blanc"), "#5b2a86", "#ffffff"),
    "orange": (gettext_lazy("Orange brûlé et blanc"), "#a84300", "#ffffff"),
    "nuit": (gettext_lazy("Bleu nuit et or"), "#1b2a4a", "#f2c14e"),
    "ardoise": (gettext_lazy("Ardoise et vert d'eau"), "#2f3e46", "#cde7d8"),
    "sable": (gettext_lazy("Sable et brun"), "#f6e7c1", "#6b3e00"),
    "blanc": (gettext_lazy("Blanc et bleu"), "#ffffff", "#0b5cad"),
}
CUSTOM = "perso"


@dataclass(frozen=True)
class Design:
    shape: str = "cercle"
    palette: str = "bleu"
    background: str = "#0b5cad"
    foreground: str = "#ffffff"
    pictogram: str = "etoile"
    line1: str = ""
    line2: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"version": 1, **asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Design:
        """The design stored in a version, or the default one for anything unreadable."""
        if not isinstance(data, dict):
            return cls()
        known = {k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        design = cls(**known)
        return design if not problems(design) else cls()


@dataclass(frozen=True)
class Fill:
    colour: str
    primitive: Disc | Polygon


@dataclass(frozen=True)
class Line:
    colour: str
    points: tuple[Point, ...]
    width: float


@dataclass(frozen=True)
class Text:
    colour: str
    x: float
    y: float
    text: str
    size: int


Operation = Fill | Line | Text


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def problems(design: Design) -> dict[str, str]:
    """Field name -> message for each parameter that cannot be drawn."""
    found: dict[str, str] = {}
    if design.shape not in SHAPES:
        found["shape"] = _("Choisissez une forme de la liste.")
    if design.pictogram not in PICTOGRAMS:
        found["pictogram"] = _("Choisissez un pictogramme de la liste.")
    for name in ("background", "foreground"):
        if not COLOUR.fullmatch(getattr(design, name)):
            found[name] = _("Indiquez une couleur au format #1a2b3c.")
    if "background" not in found and "foreground" not in found:
        ratio = contrast(design.background, design.foreground)
        if ratio < MIN_CONTRAST:
            found["foreground"] = _(
                "Le contraste entre les deux couleurs est de %(ratio)s:1 ; il faut au moins "
                "4,5:1 pour que le texte et le pictogramme restent lisibles."
            ) % {"ratio": number_format(ratio, 1)}
    for name in ("line1", "line2"):
        text = getattr(design, name)
        if len(text) > MAX_LINE or (text and _font_size(text, name) is None):
            found[name] = _("Ce texte est trop long pour tenir sur le badge : raccourcissez-le.")
    return found


# Text sizes: (largest, smallest) font size of each line, and the width it must fit in.
_TEXT_SIZES = {"line1": (46, 22), "line2": (32, 18)}
_TEXT_WIDTH = 372


def _font_size(text: str, line: str) -> int | None:
    largest, smallest = _TEXT_SIZES[line]
    for size in range(largest, smallest - 1, -2):
        if fonts.text_width(text, size) <= _TEXT_WIDTH:
            return size
    return None


def outline(shape: str) -> Disc | Polygon:
    c = SIZE / 2
    if shape == "hexagone":
        return Polygon(tuple(arc(c, c, 252, 252, -90, 270)[:-1:10]))
    if shape == "blason":
        return Polygon(_shield())
    if shape == "carre":
        return Polygon(rounded(10, 10, 502, 502, 80))
    if shape == "sceau":
        return Polygon(star_points(c, c, 254, 228, tips=20))
    return Disc(c, c, 250)


def _shield() -> tuple[Point, ...]:
    top = arc(70, 60, 30, 30, 180, 270) + arc(442, 60, 30, 30, 270, 360)
    right = [(472.0, 240.0), *_curve((472, 240), (472, 420), (256, 500))]
    left = [(round(SIZE - x, 2), y) for x, y in reversed(right)]
    return tuple(top + right + left[1:])


def _curve(start: Point, control: Point, end: Point, steps: int = 16) -> list[Point]:
    points = []
    for i in range(1, steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0]
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1]
        points.append((round(x, 2), round(y, 2)))
    return points


def _scaled(primitive: Disc | Polygon, factor: float) -> Disc | Polygon:
    c = SIZE / 2
    if isinstance(primitive, Disc):
        return Disc(c, c, primitive.r * factor)
    return Polygon(
        tuple(
            (round(c + (x - c) * factor, 2), round(c + (y - c) * factor, 2))
            for x, y in primitive.points
        )
    )


def _placed(primitive: Primitive, x0: float, y0: float, k: float) -> Primitive:
    def move(points: tuple[Point, ...]) -> tuple[Point, ...]:
        return tuple((round(x0 + x * k, 2), round(y0 + y * k, 2)) for x, y in points)

    if isinstance(primitive, Disc):
        return Disc(x0 + primitive.cx * k, y0 + primitive.cy * k, primitive.r * k, primitive.hole)
    if isinstance(primitive, Polygon):
        return Polygon(move(primitive.points), primitive.hole)
    return Stroke(move(primitive.points), primitive.width * k, primitive.hole)


def _banner(top: float, bottom: float) -> Polygon:
    middle = (top + bottom) / 2
    return Polygon(
        ((14, top), (498, top), (474, middle), (498, bottom), (14, bottom), (38, middle))
    )


def layout(design: Design) -> list[Operation]:
    """The drawing operations of ``design`` on a 512×512 canvas, back to front."""
    back, fore = design.background, design.foreground
    edge = outline(design.shape)
    operations: list[Operation] = [
        Fill(fore, edge),
        Fill(back, _scaled(edge, 0.93)),
        Fill(fore, _scaled(edge, 0.885)),
        Fill(back, _scaled(edge, 0.865)),
    ]
    lines = [(name, text) for name in ("line1", "line2") if (text := getattr(design, name))]
    size = 190 if lines else 250
    centre_y = 172 if lines else SIZE / 2
    x0, y0, k = SIZE / 2 - size / 2, centre_y - size / 2, size / 100
    for primitive in PICTOGRAMS[design.pictogram][1]:
        placed = _placed(primitive, x0, y0, k)
        colour = back if placed.hole else fore
        if isinstance(placed, Stroke):
            operations.append(Line(colour, placed.points, placed.width))
        else:
            operations.append(Fill(colour, placed))
    if lines:
        operations.extend(_text(lines, back, fore))
    return operations


def _text(lines: list[tuple[str, str]], back: str, fore: str) -> list[Operation]:
    top, bottom = (306.0, 418.0) if len(lines) == 2 else (318.0, 394.0)
    operations: list[Operation] = [Fill(fore, _banner(top, bottom))]
    rows = [(top + bottom) / 2] if len(lines) == 1 else [top + 36, top + 82]
    for (name, text), y in zip(lines, rows, strict=True):
        size = _font_size(text, name) or _TEXT_SIZES[name][1]
        operations.append(Text(back, SIZE / 2, y, text, size))
    return operations


def design_svg(design: Design, *, title: str = "") -> str:
    """The SVG of ``design``; ``title`` (the badge name) becomes its ``<title>``."""
    shapes = []
    for operation in layout(design):
        if isinstance(operation, Text):
            shapes.append({"kind": "text", "op": operation})
        elif isinstance(operation, Line):
            shapes.append({"kind": "line", "op": operation, "points": _points(operation.points)})
        elif isinstance(operation.primitive, Disc):
            shapes.append({"kind": "circle", "op": operation, "disc": operation.primitive})
        else:
            shapes.append(
                {"kind": "polygon", "op": operation, "points": _points(operation.primitive.points)}
            )
    context = {"size": SIZE, "shapes": shapes, "title": title, "font_family": fonts.SVG_FAMILY}
    return render_to_string("badges/design.svg", context).strip() + "\n"


def _points(points: tuple[Point, ...]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)
