"""Check-in dates from a start date and a hub's steps ("1w" = one week, "3m" = three months)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from portal.dates import add_months

PLAN_MONTHS = 12
_STEP = re.compile(r"^(\d{1,2})([wm])$")


def step_due(start: dt.date, step: str) -> dt.date:
    match = _STEP.match(step)
    if match is None:
        raise ValidationError(f"“{step}” is not a check-in step: write a number and w (weeks) or m (months), e.g. 3m.")
    number, unit = int(match[1]), match[2]
    return start + dt.timedelta(weeks=number) if unit == "w" else add_months(start, number)


def plan_end(start: dt.date) -> dt.date:
    return add_months(start, PLAN_MONTHS)


def parse_steps(text: str) -> list[str]:
    """ "1w, 1m, 3m" → ["1w", "1m", "3m"], sorted by date, within the 12 months, no repeats."""
    steps = [part.strip().lower() for part in re.split(r"[,\s]+", text) if part.strip()]
    if not steps:
        raise ValidationError("Enter at least one check-in, for example 1w, 1m, 3m, 6m, 9m, 12m.")
    start = dt.date(2025, 1, 1)
    for step in steps:
        due = step_due(start, step)
        if due > plan_end(start) or due <= start:
            raise ValidationError(f"“{step}” falls outside the 12 months of the plan.")
    if len({step_due(start, s) for s in steps}) != len(steps):
        raise ValidationError("Two check-ins fall on the same day; remove one.")
    return sorted(steps, key=lambda s: step_due(start, s))


def schedule(start: dt.date, steps: list[str]) -> list[tuple[str, dt.date]]:
    return [(step, step_due(start, step)) for step in steps]
