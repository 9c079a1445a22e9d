"""Server-rendered bar charts (inline SVG, no JavaScript): one bar per row of a figures table.

The chart is a picture of a table that is always on the page too: the SVG carries a title and a
description listing every value (for screen readers), and the table is the accessible alternative.
Bars are horizontal so region names fit on a phone; the SVG scales to the width of its container.
"""

from __future__ import annotations

from dataclasses import dataclass

# viewBox units: the SVG is drawn at most 480 px wide (portal.scss) and shrinks on a phone, where
# 13-unit text still reads at about 10 px.
WIDTH = 440
LABEL_WIDTH = 178
BAR_HEIGHT = 18
GAP = 8
TOP = 6
VALUE_ROOM = 40
FONT_SIZE = 13


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
    def empty(self) -> bool:
        """Every value is 0: nothing to draw (the template says so instead)."""
        return not any(bar.value for bar in self.bars)

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def font_size(self) -> int:
        return FONT_SIZE

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
                text_y=y + BAR_HEIGHT - 5,
                value_x=LABEL_WIDTH + width + 5,
            )
        )
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    return BarChart(title=title, bars=bars, width=WIDTH, height=height, label_width=LABEL_WIDTH)
