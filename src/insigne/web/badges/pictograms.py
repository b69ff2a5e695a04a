"""The designer's pictograms, drawn from a few geometric primitives on a 100×100 grid.

Each primitive can be written as SVG and drawn with Pillow from the same numbers, so the SVG
and the PNG of a designed badge look the same. A primitive marked ``hole`` is painted in the
badge's background colour: that is how the book's lines or the gear's centre are cut out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Point = tuple[float, float]


@dataclass(frozen=True)
class Disc:
    cx: float
    cy: float
    r: float
    hole: bool = False


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    hole: bool = False


@dataclass(frozen=True)
class Stroke:
    """A polyline with round caps and joins."""

    points: tuple[Point, ...]
    width: float
    hole: bool = False


Primitive = Disc | Polygon | Stroke


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float) -> list[Point]:
    """Points along an ellipse from ``start`` to ``end`` degrees (0 = east, 90 = south)."""
    steps = max(4, int(abs(end - start) / 6))
    return [
        (
            round(cx + rx * math.cos(math.radians(start + (end - start) * i / steps)), 2),
            round(cy + ry * math.sin(math.radians(start + (end - start) * i / steps)), 2),
        )
        for i in range(steps + 1)
    ]


def rounded_rectangle(x0: float, y0: float, x1: float, y1: float, r: float) -> tuple[Point, ...]:
    return tuple(
        arc(x1 - r, y0 + r, r, r, -90, 0)
        + arc(x1 - r, y1 - r, r, r, 0, 90)
        + arc(x0 + r, y1 - r, r, r, 90, 180)
        + arc(x0 + r, y0 + r, r, r, 180, 270)
    )


def star(cx: float, cy: float, outer: float, inner: float, tips: int = 5) -> tuple[Point, ...]:
    points = []
    for i in range(tips * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 180 / tips)
        points.append(
            (round(cx + radius * math.cos(angle), 2), round(cy + radius * math.sin(angle), 2))
        )
    return tuple(points)


def _person(cx: float, head_y: float, head: float, width: float, height: float) -> list[Primitive]:
    return [Disc(cx, head_y, head), Polygon(tuple(arc(cx, 84, width, height, 180, 360)))]


def _team() -> tuple[Primitive, ...]:
    sides = [*_person(21, 38, 8.5, 15, 22), *_person(79, 38, 8.5, 15, 22)]
    gap = Polygon(tuple(arc(50, 84, 25, 33, 180, 360)), hole=True)
    return (*sides, gap, Disc(50, 28, 13, hole=True), *_person(50, 28, 11, 20, 28))


def _speech() -> tuple[Primitive, ...]:
    return (
        Polygon(rounded_rectangle(12, 16, 88, 68, 14)),
        Polygon(((28, 64), (22, 88), (48, 64))),
        Disc(33, 42, 5.5, hole=True),
        Disc(50, 42, 5.5, hole=True),
        Disc(67, 42, 5.5, hole=True),
    )


def _lightbulb() -> tuple[Primitive, ...]:
    rays = tuple(
        Stroke(
            (
                (50 + 31 * math.cos(math.radians(a)), 40 + 31 * math.sin(math.radians(a))),
                (50 + 40 * math.cos(math.radians(a)), 40 + 40 * math.sin(math.radians(a))),
            ),
            4.5,
        )
        for a in (-160, -125, -90, -55, -20)
    )
    return (
        *rays,
        Disc(50, 42, 23),
        Polygon(((37, 55), (63, 55), (60, 70), (40, 70))),
        Polygon(rounded_rectangle(39, 73, 61, 79, 2.5)),
        Polygon(rounded_rectangle(42, 82, 58, 88, 2.5)),
        Stroke(((41, 45), (45.5, 38), (50, 45), (54.5, 38), (59, 45)), 3.5, hole=True),
    )


def _star() -> tuple[Primitive, ...]:
    return (Polygon(star(50, 53, 46, 19)),)


def _check() -> tuple[Primitive, ...]:
    return (Stroke(((18, 52), (40, 74), (83, 28)), 15),)


def _book() -> tuple[Primitive, ...]:
    lines = tuple(
        Stroke(points, 3.5, hole=True)
        for y in (38.0, 50.0, 62.0)
        for points in (((18, y), (41, y + 4)), ((59, y + 4), (82, y)))
    )
    return (
        Polygon(((10, 22), (47, 29), (47, 86), (10, 78))),
        Polygon(((53, 29), (90, 22), (90, 78), (53, 86))),
        *lines,
    )


def _gear() -> tuple[Primitive, ...]:
    teeth, outer, inner = 8, 46.0, 35.0
    points: list[Point] = []
    for i in range(teeth):
        base = i * 360 / teeth
        for angle, radius in ((-14, inner), (-8, outer), (8, outer), (14, inner)):
            a = math.radians(base + angle)
            points.append(
                (round(50 + radius * math.cos(a), 2), round(50 + radius * math.sin(a), 2))
            )
        points.extend(arc(50, 50, inner, inner, base + 14, base + 360 / teeth - 14)[1:-1])
    return (Polygon(tuple(points)), Disc(50, 50, 14, hole=True))


def _heart() -> tuple[Primitive, ...]:
    points = []
    for i in range(72):
        t = 2 * math.pi * i / 72
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((round(50 + 2.65 * x, 2), round(46 - 2.65 * y, 2)))
    return (Polygon(tuple(points)),)


def _compass() -> tuple[Primitive, ...]:
    return (
        Disc(50, 50, 45),
        Disc(50, 50, 37, hole=True),
        Polygon(((50, 15), (61, 50), (39, 50))),
        Polygon(((50, 85), (61, 50), (39, 50))),
        Polygon(((50, 76), (54.5, 53), (45.5, 53)), hole=True),
        Disc(50, 50, 4, hole=True),
    )


def _puzzle() -> tuple[Primitive, ...]:
    return (
        Polygon(rounded_rectangle(16, 26, 74, 84, 4)),
        Disc(45, 19, 11),
        Disc(81, 55, 11),
        Disc(16, 55, 9, hole=True),
        Disc(45, 84, 9, hole=True),
    )


def _graduation() -> tuple[Primitive, ...]:
    return (
        Polygon(((27, 46), (73, 46), (73, 69), (50, 78), (27, 69))),
        Polygon(((50, 14), (97, 36), (50, 58), (3, 36)), hole=True),
        Polygon(((50, 20), (89, 36), (50, 52), (11, 36))),
        Stroke(((84, 39), (84, 66)), 3.5),
        Disc(84, 69, 5),
    )


# key -> (label, primitives). Keys are stored in BadgeVersion.design: never rename one.
PICTOGRAMS: dict[str, tuple[Promise, tuple[Primitive, ...]]] = {
    "etoile": (_("Étoile"), _star()),
    "equipe": (_("Équipe"), _team()),
    "dialogue": (_("Bulle de dialogue"), _speech()),
    "ampoule": (_("Ampoule (idée)"), _lightbulb()),
    "coche": (_("Coche (validé)"), _check()),
    "livre": (_("Livre"), _book()),
    "engrenage": (_("Engrenage"), _gear()),
    "coeur": (_("Cœur"), _heart()),
    "boussole": (_("Boussole"), _compass()),
    "puzzle": (_("Pièce de puzzle"), _puzzle()),
    "diplome": (_("Toque de diplômé"), _graduation()),
    "aucun": (_("Aucun pictogramme"), ()),
}


def primitives(key: str) -> Sequence[Primitive]:
    return PICTOGRAMS[key][1]
