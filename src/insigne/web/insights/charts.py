"""Bar charts as plain geometry, drawn as inline SVG by ``insights/_chart.html``.

No JavaScript and no chart library: the server computes where each bar goes, the template
writes the SVG with a <title> and <desc>, and the same numbers go into a table for screen
readers. Sizes are in SVG user units; the SVG scales to the width of the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format

WIDTH = 720
FONT = 13  # text size, in user units
# Vertical bars (one per period)
V_HEIGHT = 280
V_LEFT, V_RIGHT, V_TOP, V_BOTTOM = 48, 8, 24, 44
# Horizontal bars (one per named thing)
H_LABEL = 260  # room for the names, left of the bars
H_ROW = 30
H_VALUE_ROOM = 64  # room for the figure, right of the longest bar
H_TOP, H_BOTTOM = 8, 8
LABEL_CHARS = 36  # longer names are shortened in the drawing (the table has them whole)


@dataclass(frozen=True)
class Item:
    """One thing to count: its name (``label``), an optional short name, and the count."""

    label: str
    value: int
    short: str = ""
    note: str = ""  # a second line under a vertical bar (the year, under January)


@dataclass(frozen=True)
class Bar:
    label: str
    short: str
    note: str
    value: int
    value_text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float  # where the name is written
    text_y: float
    value_x: float  # where the figure is written
    value_y: float


@dataclass(frozen=True)
class Row:
    """A line of the chart's data table."""

    label: str
    value_text: str


@dataclass(frozen=True)
class Tick:
    value_text: str
    position: float  # y for vertical charts, x for horizontal ones


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    label_header: str
    value_header: str
    orientation: str  # "vertical" or "horizontal"
    width: int
    height: int
    bars: list[Bar]
    rows: list[Row] = field(default_factory=list)  # every item, even those not drawn
    ticks: list[Tick] = field(default_factory=list)
    axis: tuple[float, float, float, float] = (0, 0, 0, 0)  # x1, y1, x2, y2 of the zero line

    @property
    def tick_x(self) -> float:
        return self.axis[0] - 6

    @property
    def empty(self) -> bool:
        return not self.bars

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def scale_top(largest: int, steps: int = 5) -> tuple[int, int]:
    """A round top for the value axis and a round step between grid lines (both ≥ 1).

    The top is the smallest multiple of a 1-2-5 step that covers ``largest`` in at most
    ``steps`` steps.
    """
    if largest <= 0:
        return 1, 1
    magnitude = 10 ** max(0, math.floor(math.log10(largest / steps)) if largest >= steps else 0)
    candidates = [m * magnitude * scale for scale in (1, 10) for m in (1, 2, 5)]
    best: tuple[int, int] | None = None
    for step in candidates:
        top = step * math.ceil(largest / step)
        if top // step <= steps and (best is None or top < best[0]):
            best = (top, step)
    assert best is not None  # the largest candidate always covers ``largest`` in few steps
    return best


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rows(items: Sequence[Item]) -> list[Row]:
    return [Row(item.label, number_format(item.value, force_grouping=True)) for item in items]


def vertical(
    chart_id: str,
    title: str,
    description: str,
    items: Sequence[Item],
    *,
    label_header: str,
    value_header: str,
) -> Chart:
    """One column per item, left to right (periods of time)."""
    top, step = scale_top(max((i.value for i in items), default=0))
    plot_width = WIDTH - V_LEFT - V_RIGHT
    plot_height = V_HEIGHT - V_TOP - V_BOTTOM
    baseline = V_TOP + plot_height
    slot = plot_width / max(len(items), 1)
    bar_width = slot * 0.6
    bars = []
    for index, item in enumerate(items):
        height = plot_height * item.value / top
        x = V_LEFT + index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                label=item.label,
                short=item.short or shorten(item.label, 10),
                note=item.note,
                value=item.value,
                value_text=number_format(item.value, force_grouping=True),
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                text_x=round(x + bar_width / 2, 1),
                text_y=baseline + FONT + 4,
                value_x=round(x + bar_width / 2, 1),
                value_y=round(baseline - height - 5, 1),
            )
        )
    ticks = [
        Tick(number_format(v, force_grouping=True), round(baseline - plot_height * v / top, 1))
        for v in range(0, top + 1, step)
    ]
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        label_header=label_header,
        value_header=value_header,
        orientation="vertical",
        width=WIDTH,
        height=V_HEIGHT,
        bars=bars,
        rows=_rows(items),
        ticks=ticks,
        axis=(V_LEFT, baseline, WIDTH - V_RIGHT, baseline),
    )


def horizontal(
    chart_id: str,
    title: str,
    description: str,
    items: Sequence[Item],
    *,
    label_header: str,
    value_header: str,
    limit: int | None = None,
) -> Chart:
    """One row per item, in the order given (named things: badges, competences); only the
    first ``limit`` items are drawn, the table has them all."""
    rows = _rows(items)
    items = items[:limit] if limit is not None else items
    largest = max((i.value for i in items), default=0)
    plot_width = WIDTH - H_LABEL - H_VALUE_ROOM
    height = H_TOP + H_ROW * len(items) + H_BOTTOM
    bars = []
    for index, item in enumerate(items):
        length = plot_width * item.value / largest if largest else 0
        y = H_TOP + index * H_ROW + H_ROW * 0.15
        bar_height = H_ROW * 0.7
        middle = y + bar_height / 2 + FONT * 0.35
        bars.append(
            Bar(
                label=item.label,
                short=item.short or shorten(item.label),
                note=item.note,
                value=item.value,
                value_text=number_format(item.value, force_grouping=True),
                x=H_LABEL,
                y=round(y, 1),
                width=round(length, 1),
                height=round(bar_height, 1),
                text_x=H_LABEL - 8,
                text_y=round(middle, 1),
                value_x=round(H_LABEL + length + 6, 1),
                value_y=round(middle, 1),
            )
        )
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        label_header=label_header,
        value_header=value_header,
        orientation="horizontal",
        width=WIDTH,
        height=height,
        bars=bars,
        rows=rows,
        axis=(H_LABEL, H_TOP, H_LABEL, height - H_BOTTOM),
    )
