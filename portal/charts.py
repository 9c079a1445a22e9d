"""Server-rendered bar charts (inline SVG, no JavaScript): one bar per row of a figures table.

The chart is a picture of a table that is always on the page too: the SVG carries a title and a
description listing every value (for screen readers), and the table is the accessible alternative.
Bars are horizontal so region names fit on a phone; the SVG scales to the width of its container.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 200
BAR_HEIGHT = 22
GAP = 10
TOP = 10
VALUE_ROOM = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    width: int
    text_y: int
    value_x: int

    @property
    def value_text(self) -> str:
        return f"{self.value:g}"


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.label}: {bar.value_text}" for bar in self.bars) + "."


def bar_chart(title: str, rows: list[tuple[str, float | int | None]]) -> BarChart:
    """`rows`: (label, value); a None value is drawn as 0."""
    values = [float(value or 0) for _, value in rows]
    top = max(values, default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, ((label, _), value) in enumerate(zip(rows, values, strict=True)):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = round(room * value / top)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 6,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    return BarChart(title=title, bars=bars, width=WIDTH, height=height, label_width=LABEL_WIDTH)
