"""Pay thresholds of the visa routes, as dated data (providers/data/pay_thresholds.csv).

Rows marked `confirmed=no` could not be checked against the current Immigration Rules when the
data was compiled: the pages say so, and the figures are edited in the CSV (with a new row and
its effective date, never by changing an old one).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "pay_thresholds.csv"
ROUTE_LABELS = {"health_and_care": "Health and Care Worker"}


@dataclass(frozen=True)
class PayThreshold:
    route: str
    occupation_code: str
    per_year: Decimal
    per_hour: Decimal
    effective_from: dt.date
    confirmed: bool
    source: str


@cache
def _thresholds() -> tuple[PayThreshold, ...]:
    with open(DATA, encoding="utf-8") as handle:
        return tuple(
            PayThreshold(
                route=row["route"],
                occupation_code=row["occupation_code"],
                per_year=Decimal(row["per_year"]),
                per_hour=Decimal(row["per_hour"]),
                effective_from=dt.date.fromisoformat(row["effective_from"]),
                confirmed=row["confirmed"] == "yes",
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        )


def pay_threshold(*, occupation_code: str, on: dt.date, route: str = "health_and_care") -> PayThreshold | None:
    rows = [
        t for t in _thresholds() if t.route == route and t.occupation_code == occupation_code and t.effective_from <= on
    ]
    return max(rows, key=lambda t: t.effective_from) if rows else None


def pay_problems(
    *, occupation_code: str, pay_per_hour: Decimal, pay_per_year: Decimal, on: dt.date, route: str = "health_and_care"
) -> list[str]:
    """Sentences saying how the pay falls short of the route's threshold; empty when it does not."""
    threshold = pay_threshold(occupation_code=occupation_code, on=on, route=route)
    if threshold is None:
        return []
    route_label = ROUTE_LABELS.get(route, route)
    since = f"{threshold.effective_from:%-d %B %Y}"
    caveat = "" if threshold.confirmed else " (figure not confirmed: check the current Immigration Rules)"
    problems = []
    if pay_per_hour < threshold.per_hour:
        problems.append(
            f"£{pay_per_hour:.2f} an hour is below the £{threshold.per_hour:.2f} an hour the {route_label} route "
            f"requires for occupation {occupation_code} since {since}{caveat}."
        )
    if pay_per_year < threshold.per_year:
        problems.append(
            f"£{pay_per_year:,.0f} a year is below the £{threshold.per_year:,.0f} a year the {route_label} route "
            f"requires for occupation {occupation_code} since {since}{caveat}."
        )
    return problems
