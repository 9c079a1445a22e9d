"""Server-rendered bar charts (inline SVG, no JavaScript): one bar per row of a figures table.

The chart is a picture of a table that is always on the page too: the SVG carries a title and a
description listing every value (for screen readers), and the table is the accessible alternative.
Bars are horizontal so region names fit on a phone; the SVG scales to the width of its container.

A value may be a suppressed `Cell` (portal/suppression.py): its bar is not drawn and its place reads
"fewer than 5" or "withheld", in the picture and in the description, and the scale is set by the
values that are shown, so the length of another bar says nothing about a hidden one.

`column_chart` draws a series over time (a column per month), the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.suppression import Cell

Value = float | int | Cell | None

# viewBox units: the SVG is drawn at most 480 px wide (portal.scss) and shrinks on a phone, where
# 13-unit text still reads at about 10 px.
WIDTH = 440
LABEL_WIDTH = 178
BAR_HEIGHT = 18
GAP = 8
TOP = 6
VALUE_ROOM = 40
FONT_SIZE = 13


class _Mark:
    """What a bar and a column share: a value that may be hidden by small-number suppression."""

    label: str
    value: float
    hidden_text: str

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden_text)

    @property
    def value_text(self) -> str:
        return self.hidden_text or f"{self.value:g}"


class _Chart:
    """What a bar chart and a column chart share, over their marks."""

    @property
    def marks(self) -> list[_Mark]:
        raise NotImplementedError

    @property
    def empty(self) -> bool:
        """Every value is 0: nothing to draw (the template says so instead)."""
        return not any(mark.value or mark.suppressed for mark in self.marks)

    @property
    def any_suppressed(self) -> bool:
        return any(mark.suppressed for mark in self.marks)

    @property
    def description(self) -> str:
        return "; ".join(f"{mark.label}: {mark.value_text}" for mark in self.marks) + "."


@dataclass(frozen=True)
class Bar(_Mark):
    label: str
    value: float
    y: int
    width: int
    text_y: int
    value_x: int
    hidden_text: str = ""  # "fewer than 5" or "withheld": no bar is drawn


@dataclass(frozen=True)
class BarChart(_Chart):
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int

    @property
    def marks(self) -> list[_Mark]:
        return list(self.bars)

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def font_size(self) -> int:
        return FONT_SIZE


def _shown(value: Value) -> tuple[float, str]:
    """(the number to draw, the text that stands for it when it is hidden)."""
    if isinstance(value, Cell):
        return (0.0, str(value)) if value.suppressed else (float(value.value), "")
    return float(value or 0), ""


def _scaled(rows: list[tuple[str, Value]], room: int) -> list[tuple[str, float, str, int]]:
    """Each row as (label, the number drawn, the hidden text, its length in `room` units): the
    longest shown value fills the room, so a hidden value sets no scale."""
    values = [_shown(value) for _, value in rows]
    top = max((number for number, _ in values), default=0) or 1
    return [
        (label, number, hidden, round(room * number / top))
        for (label, _), (number, hidden) in zip(rows, values, strict=True)
    ]


def bar_chart(title: str, rows: list[tuple[str, Value]]) -> BarChart:
    """`rows`: (label, value); a None value is drawn as 0, a suppressed Cell not at all."""
    bars = []
    for index, (label, value, hidden, width) in enumerate(_scaled(rows, WIDTH - LABEL_WIDTH - VALUE_ROOM)):
        y = TOP + index * (BAR_HEIGHT + GAP)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 5,
                value_x=LABEL_WIDTH + width + 5,
                hidden_text=hidden,
            )
        )
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    return BarChart(title=title, bars=bars, width=WIDTH, height=height, label_width=LABEL_WIDTH)


# A column chart: a series over time, one column per period (a month), England's figure.
COLUMN_WIDTH = 440
COLUMN_HEIGHT = 200
AXIS_BOTTOM = 30  # room under the axis for the period labels
COLUMN_TOP = 22  # room above the tallest column for its value


@dataclass(frozen=True)
class Column(_Mark):
    label: str
    value: float
    x: int
    y: int
    width: int
    height: int
    label_x: int
    hidden_text: str = ""

    @property
    def short_text(self) -> str:
        """What stands above the column: the value, or "<5" / "w" where it is hidden (too narrow for words;
        the description and the table say it in full)."""
        if not self.hidden_text:
            return self.value_text
        return "<5" if self.hidden_text.startswith("fewer") else "w"


@dataclass(frozen=True)
class ColumnChart(_Chart):
    title: str
    columns: list[Column]
    width: int
    height: int
    axis_y: int

    @property
    def marks(self) -> list[_Mark]:
        return list(self.columns)

    @property
    def font_size(self) -> int:
        return FONT_SIZE - 2

    @property
    def label_y(self) -> int:
        return self.axis_y + 16


def column_chart(title: str, rows: list[tuple[str, Value]]) -> ColumnChart:
    """`rows`: (period label, value), oldest first; a suppressed Cell gets no column, only its marker."""
    axis_y = COLUMN_HEIGHT - AXIS_BOTTOM
    slot = COLUMN_WIDTH / max(len(rows), 1)
    width = max(int(slot * 0.7), 4)
    columns = []
    for index, (label, value, hidden, height) in enumerate(_scaled(rows, axis_y - COLUMN_TOP)):
        x = round(index * slot + (slot - width) / 2)
        columns.append(
            Column(
                label=label,
                value=value,
                x=x,
                y=axis_y - height,
                width=width,
                height=height,
                label_x=x + width // 2,
                hidden_text=hidden,
            )
        )
    return ColumnChart(title=title, columns=columns, width=COLUMN_WIDTH, height=COLUMN_HEIGHT, axis_y=axis_y)
