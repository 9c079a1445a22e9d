"""The sponsor's reporting duties to UKVI and their deadlines, as data.

Figures from the Home Office sponsor guidance (Part 3: sponsor duties), in force since
6 April 2024: the working days are dated policy figures (portal/policy.py), read on the event's
date. When the guidance changes, add a row with its own `effective_from` instead of editing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.policy import policy_value
from portal.workdays import add_working_days, is_working_day
from recruits.duties.models import DutyKind


@dataclass(frozen=True)
class DutyRule:
    kind: DutyKind
    figure: str  # the dated policy figure (portal/data/policy_figures.csv) giving the working days to report
    # For an unauthorised absence the clock starts after its 10th consecutive working day (a figure too).
    after_figure: str = ""
    about_a_worker: bool = True


WORKER = "duty_report_working_days"
RULES = {
    rule.kind: rule
    for rule in [
        DutyRule(DutyKind.DID_NOT_START, WORKER),
        DutyRule(DutyKind.UNAUTHORISED_ABSENCE, WORKER, after_figure="duty_absence_after_working_days"),
        DutyRule(DutyKind.PAY_CUT, WORKER),
        DutyRule(DutyKind.JOB_CHANGE, WORKER),
        DutyRule(DutyKind.UNPAID_ABSENCE, WORKER),
        DutyRule(DutyKind.EMPLOYMENT_ENDED, WORKER),
        DutyRule(DutyKind.ORGANISATION_CHANGE, "duty_organisation_working_days", about_a_worker=False),
    ]
}


def duty_deadline(kind: DutyKind | str, event_date: date) -> date:
    """The last day to report `kind` that happened on `event_date`."""
    rule = RULES[DutyKind(kind)]
    start = event_date
    if rule.after_figure:
        # The absence's first day counts as day 1 when it is a working day.
        first = event_date if is_working_day(event_date) else add_working_days(event_date, 1)
        start = add_working_days(first, policy_value(rule.after_figure, on=event_date) - 1)
    return add_working_days(start, policy_value(rule.figure, on=event_date))
