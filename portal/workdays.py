"""Working-day arithmetic for England and Wales: weekends and bank holidays are not working days.

Bank holidays are data (portal/data/bank_holidays_england_wales.csv, from gov.uk); a date past the
last year in the file is counted without bank holidays, and `coverage_ends()` says until when
the data holds so the UI can warn.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "bank_holidays_england_wales.csv"


@cache
def bank_holidays() -> frozenset[date]:
    with open(DATA, encoding="utf-8") as handle:
        return frozenset(date.fromisoformat(row["date"]) for row in csv.DictReader(handle))


def coverage_ends() -> date:
    return date(max(bank_holidays()).year, 12, 31)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def subtract_working_days(end: date, days: int) -> date:
    """The working day `days` working days before `end` (0: `end` itself)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = end
    remaining = days
    while remaining:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
