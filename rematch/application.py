"""A new sponsor's application must be made before the worker's leave ends (DOMAIN.md, "Worker
clock after revocation"). A rematch records when the new sponsor assigned the CoS and when the
worker applied; an application date or a start date after leave ends is refused, quoting the rule.
"""

from __future__ import annotations

import datetime as dt

RULE = "A new sponsor's application must be made before leave ends"


def _day(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def application_dates_errors(
    *, leave_end: dt.date | None, cos_assigned_on: dt.date | None, visa_applied_on: dt.date | None
) -> dict[str, str]:
    """What is wrong with the CoS and application dates, by field (empty when nothing is)."""
    if visa_applied_on is None:
        return {}
    if cos_assigned_on is None:
        return {"cos_assigned_on": "Enter the date the CoS was assigned: the application needs the new sponsor's CoS"}
    if visa_applied_on < cos_assigned_on:
        return {"visa_applied_on": "The visa application cannot come before the CoS was assigned: check both dates"}
    if leave_end is not None and visa_applied_on > leave_end:
        return {
            "visa_applied_on": f"“{RULE}”: this worker's leave ends on {_day(leave_end)}, so an application "
            f"made on {_day(visa_applied_on)} is too late. Check the date, or the worker's letter and visa dates."
        }
    return {}


def start_date_error(*, leave_end: dt.date | None, start_date: dt.date) -> str | None:
    """A start after leave ends is refused: the application it needs cannot be made in time."""
    if leave_end is None or start_date <= leave_end:
        return None
    return (
        f"“{RULE}”: this worker's leave ends on {_day(leave_end)}, so they cannot start on {_day(start_date)}. "
        f"Choose a start date on or before {_day(leave_end)}, or correct the worker's letter and visa dates."
    )
