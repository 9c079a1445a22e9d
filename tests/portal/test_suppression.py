"""Small-number suppression: no count of 1-4 shown, and none recoverable by subtraction."""

from __future__ import annotations

import itertools
import random
from collections.abc import Hashable

from portal.suppression import SMALL_TEXT, WITHHELD_TEXT, suppress


def sums_hold_no_lonely_hidden_cell(table, parts=None) -> None:
    everything = [*table.rows.values(), table.totals]
    for column in table.columns:
        hidden = [row[column] for row in everything if row[column].suppressed]
        assert len(hidden) != 1, f"column {column} has one hidden cell, recoverable from the total"
    for whole, members in (parts or {}).items():
        for row in everything:
            hidden = [row[c] for c in [whole, *members] if row[c].suppressed]
            assert len(hidden) != 1, f"row sum {whole} has one hidden cell"


def test_small_counts_read_fewer_than_5_and_zero_and_five_are_shown() -> None:
    table = suppress({"NE": {"n": 0}, "NW": {"n": 5}, "YH": {"n": 4}, "WM": {"n": 12}}, ["n"])
    shown = {key: str(row["n"]) for key, row in table.rows.items()}
    assert shown["NE"] == "0"
    assert shown["YH"] == SMALL_TEXT
    # England's total (21) is shown, so one more region is withheld: the smallest non-zero, NW.
    assert shown["NW"] == WITHHELD_TEXT
    assert shown["WM"] == "12"
    assert str(table.totals["n"]) == "21"


def test_a_lonely_small_cell_cannot_be_recovered_from_england_total() -> None:
    rows = {"NE": {"n": 3}, "NW": {"n": 40}, "YH": {"n": 17}}
    table = suppress(rows, ["n"])
    visible = [row["n"].shown for row in table.rows.values() if not row["n"].suppressed]
    assert table.totals["n"].shown == 60
    # Subtracting what is shown from the total leaves the sum of two hidden cells, not one.
    assert sum(1 for row in table.rows.values() if row["n"].suppressed) == 2
    assert 60 - sum(v for v in visible if v is not None) == 3 + 17


def test_a_small_total_is_hidden_too() -> None:
    table = suppress({"NE": {"n": 2}, "NW": {"n": 0}}, ["n"])
    assert str(table.totals["n"]) == SMALL_TEXT
    assert str(table.rows["NE"]["n"]) == SMALL_TEXT


def test_secondary_suppression_spreads_across_rows_and_columns_until_every_sum_is_safe() -> None:
    rows = {
        "NE": {"recruits": 30, "displaced": 2, "placed": 28},
        "NW": {"recruits": 50, "displaced": 9, "placed": 41},
        "YH": {"recruits": 44, "displaced": 6, "placed": 38},
    }
    parts = {"recruits": ["displaced", "placed"]}
    table = suppress(rows, ["recruits", "displaced", "placed"], parts=parts)
    assert str(table.rows["NE"]["displaced"]) == SMALL_TEXT
    sums_hold_no_lonely_hidden_cell(table, parts)
    # Nothing of 1-4 anywhere is shown.
    for row in [*table.rows.values(), table.totals]:
        for cell in row.values():
            assert not (0 < cell.value < 5) or cell.suppressed


def test_no_hidden_cell_has_only_one_value_consistent_with_what_is_shown() -> None:
    """Brute force on a crafted table: every assignment of the hidden cells that agrees with the
    shown cells, the shown totals and the "fewer than 5" bounds; each hidden cell must have at least
    two possible values."""
    rows = {
        "NE": {"a": 3, "b": 6},
        "NW": {"a": 7, "b": 1},
        "YH": {"a": 9, "b": 8},
    }
    table = suppress(rows, ["a", "b"])
    hidden = [(key, c) for key, row in table.rows.items() for c in ("a", "b") if row[c].suppressed]
    assert hidden
    ranges = {
        cell: range(1, 5) if table.rows[cell[0]][cell[1]].reason == "small" else [0, *range(5, 30)] for cell in hidden
    }
    possible: dict[tuple[Hashable, str], set[int]] = {cell: set() for cell in hidden}
    for guess in itertools.product(*(ranges[cell] for cell in hidden)):
        assigned = dict(zip(hidden, guess, strict=True))
        agrees = True
        for c in ("a", "b"):
            total = table.totals[c].shown
            if total is None:
                continue
            column = sum(assigned.get((key, c), table.rows[key][c].value) for key in rows)
            agrees = agrees and column == total
        if agrees:
            for cell, value in assigned.items():
                possible[cell].add(value)
    for cell, values in possible.items():
        assert len(values) >= 2, f"{cell} can be worked out: {values}"


def test_random_tables_never_leave_a_sum_with_one_hidden_cell() -> None:
    generator = random.Random(20261204)
    for _ in range(300):
        columns = ["whole", "x", "y", "z"]
        rows = {}
        for key in range(generator.randint(1, 9)):
            x, y, z = (generator.choice([0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(3))
            rows[key] = {"whole": x + y + z, "x": x, "y": y, "z": z}
        parts = {"whole": ["x", "y", "z"]}
        table = suppress(rows, columns, parts=parts)
        sums_hold_no_lonely_hidden_cell(table, parts)
        for row in [*table.rows.values(), table.totals]:
            for cell in row.values():
                assert not (0 < cell.value < 5) or cell.suppressed


def test_csv_rows_show_the_cells_as_the_page_does() -> None:
    table = suppress({"NE": {"n": 2}, "NW": {"n": 9}}, ["n"])
    assert table.csv_rows({"NE": "North East", "NW": "North West"}) == [
        ["North East", SMALL_TEXT],
        ["North West", WITHHELD_TEXT],
        ["England", 11],
    ]


def _possible_values(table, rows: dict, column: str) -> dict:
    """Every value each hidden cell of one column can take, given the shown cells, the shown total
    and the bounds a reader knows (fewer than 5: 1-4; withheld: 0 or 5 and more)."""
    hidden = [key for key in rows if table.rows[key][column].suppressed]
    total = table.totals[column].shown
    limit = sum(row[column] for row in rows.values()) + 5
    shown_sum = sum(table.rows[key][column].value for key in rows if key not in hidden)
    ranges = [range(1, 5) if table.rows[key][column].reason == "small" else [0, *range(5, limit)] for key in hidden]
    possible: dict = {key: set() for key in hidden}
    for guess in itertools.product(*ranges):
        if total is not None and shown_sum + sum(guess) != total:
            continue
        for key, value in zip(hidden, guess, strict=True):
            possible[key].add(value)
    return possible


def test_two_small_counts_under_a_shown_total_cannot_be_pinned_down() -> None:
    """Two regions with 1 each and England's 8 shown: 8 minus the 6 shown leaves 2, so both would
    have to be 1. A withheld count joins them."""
    rows = {"NE": {"n": 1}, "NW": {"n": 1}, "YH": {"n": 6}}
    table = suppress(rows, ["n"])
    assert str(table.rows["YH"]["n"]) == WITHHELD_TEXT
    for key, values in _possible_values(table, rows, "n").items():
        assert len(values) >= 2, f"{key} can be worked out: {values}"


def test_small_counts_beside_only_zeros_hide_the_total() -> None:
    table = suppress({"NE": {"n": 4}, "NW": {"n": 4}, "YH": {"n": 0}}, ["n"])  # 8 would pin both at 4
    assert table.totals["n"].suppressed


def test_no_hidden_count_of_a_random_column_can_be_pinned_down() -> None:
    generator = random.Random(4122026)
    for _ in range(400):
        rows = {key: {"n": generator.choice([0, 1, 2, 3, 4, 5, 6, 9, 14])} for key in range(generator.randint(1, 4))}
        table = suppress(rows, ["n"])
        for key, values in _possible_values(table, rows, "n").items():
            assert len(values) >= 2, f"{rows}: {key} can be worked out as {values}"
