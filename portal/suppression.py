"""Small-number suppression for figures that leave the region: national tables and returns.

A count of 1 to 4 can point at a person ("the one displaced nurse in the North East"), so such a
count is never shown outside its region: it reads "fewer than 5" (primary suppression). Hiding it is
not enough when the table also shows the total it adds up to: England's total minus the other
regions gives the hidden count back. So wherever a hidden cell is the only hidden member of a sum
the table shows (a column adding up to England's total, or the parts of a row adding up to a whole
the row shows), a second cell of that sum is hidden too (secondary suppression), the smallest
non-zero one, and that can make another sum need a second hidden cell, until every sum on the
table has no hidden member or at least two.

Zero is shown: "none" identifies nobody. A cell hidden only to protect another reads "withheld";
the pages say why under the table.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SMALLEST_SHOWN = 5
SMALL_TEXT = "fewer than 5"
WITHHELD_TEXT = "withheld"
EXPLANATION = (
    "Counts of 1 to 4 are shown as “fewer than 5” so that nobody can be identified. A count marked "
    "“withheld” is hidden so that a small count cannot be worked out by subtracting from a total."
)

TOTAL: Hashable = "__total__"


@dataclass(frozen=True)
class Cell:
    value: int
    reason: str = ""  # "" (shown), "small" or "withheld"

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)

    @property
    def shown(self) -> int | None:
        return None if self.reason else self.value

    def __str__(self) -> str:
        if self.reason == "small":
            return SMALL_TEXT
        if self.reason == "withheld":
            return WITHHELD_TEXT
        return str(self.value)


@dataclass
class SuppressedTable:
    """Rows (in the order given) and the totals row, each a column → Cell mapping."""

    columns: list[str]
    rows: dict[Hashable, dict[str, Cell]]
    totals: dict[str, Cell]
    parts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def any_suppressed(self) -> bool:
        return any(cell.suppressed for row in self._all_rows() for cell in row.values())

    def _all_rows(self) -> list[dict[str, Cell]]:
        return [*self.rows.values(), self.totals]

    def csv_rows(self, labels: Mapping[Hashable, str], total_label: str = "England") -> list[list[Any]]:
        """One line per row then the total, cells as the page shows them (numbers stay numbers)."""
        lines: list[list[Any]] = []
        for key, row in self.rows.items():
            lines.append([labels[key], *(_csv_value(row[column]) for column in self.columns)])
        lines.append([total_label, *(_csv_value(self.totals[column]) for column in self.columns)])
        return lines


def _csv_value(cell: Cell) -> Any:
    return cell.value if not cell.suppressed else str(cell)


def is_small(value: int) -> bool:
    return 0 < value < SMALLEST_SHOWN


def suppress(
    rows: Mapping[Hashable, Mapping[str, int]],
    columns: Sequence[str],
    *,
    parts: Mapping[str, Sequence[str]] | None = None,
) -> SuppressedTable:
    """The table with small counts hidden and enough others hidden that none can be recovered.

    `rows` maps a row key (a region's code, an employer) to its counts; each column adds up over the
    rows to the totals row. `parts` names, for a column that is a whole, the columns of the same row
    that add up to it (say "recruits": ["arriving", "employed", "displaced"]), so those sums are
    protected too.
    """
    sum_parts: dict[str, list[str]] = {whole: list(members) for whole, members in (parts or {}).items()}
    values: dict[Hashable, dict[str, int]] = {
        key: {column: int(row.get(column, 0)) for column in columns} for key, row in rows.items()
    }
    if TOTAL in values:
        raise ValueError("A row key may not be the reserved total key.")
    values[TOTAL] = {c: sum(values[key][c] for key in rows) for c in columns}
    hidden: dict[tuple[Hashable, str], str] = {
        (key, column): "small" for key, row in values.items() for column, value in row.items() if is_small(value)
    }

    # Every sum the table shows: its total's cell and the cells that add up to it.
    Ref = tuple[Hashable, str]
    sums: list[tuple[Ref, list[Ref]]] = [((TOTAL, column), [(key, column) for key in rows]) for column in columns]
    for whole, part_columns in sum_parts.items():
        for key in values:
            sums.append(((key, whole), [(key, part) for part in part_columns]))

    changed = True
    while changed:
        changed = False
        for total, cells in sums:
            candidate = _to_hide_next(total, cells, hidden, values)
            if candidate is not None:
                hidden[candidate] = "withheld"
                changed = True

    table = {key: {c: Cell(values[key][c], hidden.get((key, c), "")) for c in columns} for key in values}
    totals = table.pop(TOTAL)
    return SuppressedTable(columns=list(columns), rows=table, totals=totals, parts=sum_parts)


def _to_hide_next(
    total: tuple[Hashable, str],
    members: list[tuple[Hashable, str]],
    hidden: Mapping[tuple[Hashable, str], str],
    values: Mapping[Hashable, Mapping[str, int]],
) -> tuple[Hashable, str] | None:
    """The next cell a sum needs hidden, or None when it is safe.

    Unsafe: one hidden cell (the total minus the rest gives it back), or, under a shown total, a
    hidden cell that the bounds a reader knows pin down ("fewer than 5" is 1 to 4, "withheld" is 0
    or 5 and more: two hidden 1s under a total that leaves 2 can only be 1 and 1). The cell hidden
    next is the smallest non-zero count among the members; a zero only when nothing else is left
    for a lonely cell, and the total when the members have nothing left to hide.
    """
    cells = [total, *members]
    secret = [cell for cell in cells if cell in hidden]
    if not secret:
        return None
    if len(secret) > 1 and (total in hidden or not _pins_one(total, secret, hidden, values)):
        return None

    def value(cell: tuple[Hashable, str]) -> int:
        return values[cell[0]][cell[1]]

    shown = sorted((cell for cell in members if cell not in hidden), key=lambda cell: (value(cell) == 0, value(cell)))
    if shown and (len(secret) == 1 or value(shown[0]) > 0):
        return shown[0]
    return total if total not in hidden else None


Span = tuple[int, int]


def _bounds(reason: str, ceiling: int) -> list[Span]:
    return [(1, SMALLEST_SHOWN - 1)] if reason == "small" else [(0, 0), (SMALLEST_SHOWN, max(ceiling, SMALLEST_SHOWN))]


def _add(spans: list[Span], more: list[Span], ceiling: int) -> list[Span]:
    """Every sum of a value from `spans` and one from `more`, at most `ceiling`, as merged spans."""
    sums = sorted((a + c, min(b + d, ceiling)) for a, b in spans for c, d in more if a + c <= ceiling)
    merged: list[Span] = []
    for low, high in sums:
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _pins_one(
    total: tuple[Hashable, str],
    secret: list[tuple[Hashable, str]],
    hidden: Mapping[tuple[Hashable, str], str],
    values: Mapping[Hashable, Mapping[str, int]],
) -> bool:
    """Whether the shown total, less the shown members, leaves some hidden member one possible value."""
    left = sum(values[cell[0]][cell[1]] for cell in secret)  # what the reader can work out they add to
    for cell in secret:
        others: list[Span] = [(0, 0)]
        for other in secret:
            if other != cell:
                others = _add(others, _bounds(hidden[other], left), left)
        could_be = 0
        for low, high in _bounds(hidden[cell], left):
            for other_low, other_high in others:
                # the cell is `left` minus the others' sum
                overlap = min(high, left - other_low) - max(low, left - other_high) + 1
                could_be += max(overlap, 0)
        if could_be <= 1:
            return True
    return False
