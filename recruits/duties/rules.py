"""The sponsor's reporting duties to UKVI and their deadlines, as data.

Figures from the Home Office sponsor guidance (Part 3: sponsor duties), in force since
6 April 2024 and unchanged as of the date below. When the guidance changes, add a new rule set
with its own `effective_from` instead of editing this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.workdays import add_working_days, is_working_day
from recruits.duties.models import DutyKind


@dataclass(frozen=True)
class DutyRule:
    kind: DutyKind
    working_days: int
    # For an unauthorised absence the clock starts after its 10th consecutive working day.
    after_working_days: int = 0
    about_a_worker: bool = True


RULES_EFFECTIVE_FROM = date(2024, 4, 6)
RULES = {
    rule.kind: rule
    for rule in [
        DutyRule(DutyKind.DID_NOT_START, 10),
        DutyRule(DutyKind.UNAUTHORISED_ABSENCE, 10, after_working_days=10),
        DutyRule(DutyKind.PAY_CUT, 10),
        DutyRule(DutyKind.JOB_CHANGE, 10),
        DutyRule(DutyKind.UNPAID_ABSENCE, 10),
        DutyRule(DutyKind.EMPLOYMENT_ENDED, 10),
        DutyRule(DutyKind.ORGANISATION_CHANGE, 20, about_a_worker=False),
    ]
}


def duty_deadline(kind: DutyKind | str, event_date: date) -> date:
    """The last day to report `kind` that happened on `event_date`."""
    rule = RULES[DutyKind(kind)]
    start = event_date
    if rule.after_working_days:
        # The absence's first day counts as day 1 when it is a working day.
        first = event_date if is_working_day(event_date) else add_working_days(event_date, 1)
        start = add_working_days(first, rule.after_working_days - 1)
    return add_working_days(start, rule.working_days)
