"""Policy figures (the 60 days of leave, the 20 working days to answer a suspension, the cooling-off
months, ...) as dated data: `portal/data/policy_figures.csv` holds every figure with the date it
took effect, and `policy_figure(name, on=day)` gives the one in force on that day. When a rule
changes, add a row with its new `effective_from`; never edit the old one, so events before the
change keep the figure that applied to them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "policy_figures.csv"


@dataclass(frozen=True)
class PolicyFigure:
    name: str
    value: int | Decimal | str  # a whole number, an amount (12.82), or a code such as a CEFR level ("B2")
    unit: str
    effective_from: dt.date
    confirmed: bool
    source: str


AMOUNT = re.compile(r"-?\d+\.\d+")


def _value(text: str) -> int | Decimal | str:
    text = text.strip()
    if text.lstrip("-").isdigit():
        return int(text)
    return Decimal(text) if AMOUNT.fullmatch(text) else text


@cache
def _figures() -> dict[str, tuple[PolicyFigure, ...]]:
    found: dict[str, list[PolicyFigure]] = {}
    with open(DATA, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            figure = PolicyFigure(
                name=row["name"],
                value=_value(row["value"]),
                unit=row["unit"],
                effective_from=dt.date.fromisoformat(row["effective_from"]),
                confirmed=row["confirmed"] == "yes",
                source=row["source"],
            )
            found.setdefault(figure.name, []).append(figure)
    return {name: tuple(sorted(rows, key=lambda f: f.effective_from)) for name, rows in found.items()}


def policy_figure(name: str, *, on: dt.date) -> PolicyFigure:
    """The figure in force on `on`: the latest that took effect on or before it (before the first
    row, the earliest, so that old events still get a figure)."""
    rows = _figures().get(name)
    if not rows:
        raise LookupError(f"No policy figure called {name!r} in {DATA.name}")
    in_force = [figure for figure in rows if figure.effective_from <= on]
    return in_force[-1] if in_force else rows[0]


def policy_in_force(name: str, *, on: dt.date) -> PolicyFigure | None:
    """The figure in force on `on`, or None when the file has no such figure or none had taken effect
    by then (a pay threshold for an occupation the rules do not list, or a day before the data starts)."""
    in_force = [figure for figure in _figures().get(name, ()) if figure.effective_from <= on]
    return in_force[-1] if in_force else None


def policy_value(name: str, *, on: dt.date) -> int:
    value = policy_figure(name, on=on).value
    if not isinstance(value, int):
        raise TypeError(f"Policy figure {name!r} is a code ({value!r}), not a number: read it with policy_code")
    return value


def policy_code(name: str, *, on: dt.date) -> str:
    """A figure that is a code rather than a number (the English level a new applicant needs: "B2")."""
    return str(policy_figure(name, on=on).value)
