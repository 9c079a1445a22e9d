"""The clocks of licence events, from figures kept as data (compliance/data/licence_clocks.csv and
providers/data/sponsor_rules.csv for the cooling-off periods).

- suspension: the provider has 20 working days from the letter to make representations;
- B-rating: the action plan lasts up to 3 months;
- revocation: no new application for 12 months, 24 if a licence of theirs was revoked before.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from pathlib import Path

from hubs.workdays import add_working_days
from providers.eligibility import add_months, cooling_off_months

DATA = Path(__file__).resolve().parent / "data" / "licence_clocks.csv"


@cache
def _figures() -> dict[str, list[tuple[dt.date, int]]]:
    found: dict[str, list[tuple[dt.date, int]]] = {}
    with open(DATA, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["name"], []).append((dt.date.fromisoformat(row["effective_from"]), int(row["value"])))
    return {name: sorted(rows) for name, rows in found.items()}


def clock_figure(name: str, *, on: dt.date) -> int:
    """The figure in force on `on` (the latest that took effect by then; else the earliest)."""
    rows = _figures()[name]
    in_force = [value for since, value in rows if since <= on]
    return in_force[-1] if in_force else rows[0][1]


def representation_deadline(letter_date: dt.date) -> dt.date:
    return add_working_days(letter_date, clock_figure("representation_working_days", on=letter_date))


def action_plan_latest_end(event_date: dt.date) -> dt.date:
    return add_months(event_date, clock_figure("action_plan_max_months", on=event_date))


def cooling_off_end(revoked_on: dt.date, *, revoked_before: bool) -> dt.date:
    return add_months(revoked_on, cooling_off_months(repeat=revoked_before))
