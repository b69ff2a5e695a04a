"""Small inline SVG drawings of the designer's shapes and pictograms, for the editor's choices.

Made only from the built-in geometry (no user input), so they can go into the page as they are.
They are decorative there (``aria-hidden``): each choice has its text label.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from .designer import SIZE, outline
from .pictograms import Disc, Polygon, Stroke, primitives


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def _element(primitive: Disc | Polygon | Stroke) -> str:
    colour = "#ffffff" if primitive.hole else "currentColor"
    if isinstance(primitive, Disc):
        centre = f'cx="{primitive.cx:g}" cy="{primitive.cy:g}"'
        return f'<circle {centre} r="{primitive.r:g}" fill="{colour}"/>'
    if isinstance(primitive, Polygon):
        return f'<polygon points="{_points(primitive.points)}" fill="{colour}"/>'
    return (
        f'<polyline points="{_points(primitive.points)}" fill="none" stroke="{colour}" '
        f'stroke-width="{primitive.width:g}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _svg(view_box: str, body: str) -> SafeString:
    return mark_safe(  # built from our own numbers only
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="32" height="32" '
        f'aria-hidden="true" focusable="false" class="choice-icon">{body}</svg>'
    )


@lru_cache(maxsize=64)
def pictogram_icon(key: str) -> SafeString:
    return _svg("0 0 100 100", "".join(_element(p) for p in primitives(key)))


@lru_cache(maxsize=16)
def shape_icon(key: str) -> SafeString:
    return _svg(f"0 0 {SIZE} {SIZE}", _element(outline(key)))
