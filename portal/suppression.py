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

    # Every sum the table shows, as the cells that take part in it.
    sums: list[list[tuple[Hashable, str]]] = [[(key, column) for key in values] for column in columns]
    for whole, members in sum_parts.items():
        for key in values:
            sums.append([(key, whole), *((key, member) for member in members)])

    changed = True
    while changed:
        changed = False
        for cells in sums:
            if sum(1 for cell in cells if cell in hidden) != 1:
                continue
            candidate = _second_to_hide(cells, hidden, values)
            hidden[candidate] = "withheld"
            changed = True

    table = {key: {c: Cell(values[key][c], hidden.get((key, c), "")) for c in columns} for key in values}
    totals = table.pop(TOTAL)
    return SuppressedTable(columns=list(columns), rows=table, totals=totals, parts=sum_parts)


def _second_to_hide(
    cells: list[tuple[Hashable, str]],
    hidden: Mapping[tuple[Hashable, str], str],
    values: Mapping[Hashable, Mapping[str, int]],
) -> tuple[Hashable, str]:
    """The shown cell of a sum that costs the reader least to lose: the smallest non-zero count of a
    row before the total; a zero only when nothing else is left (hiding it still leaves two unknowns)."""
    shown = [cell for cell in cells if cell not in hidden]

    def cost(cell: tuple[Hashable, str]) -> tuple[int, int, int]:
        key, column = cell
        value = values[key][column]
        return (key == TOTAL, value == 0, value)

    return min(shown, key=cost)
