"""The hub's targets per urgency: the first answer within hours, the request closed within days.

The figures are dated rows of portal/data/policy_figures.csv (`advice_first_answer_hours_<urgency>`,
`advice_resolution_days_<urgency>`), read for the day the request was raised.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from advice.models import AdviceRequest
from portal.policy import policy_value


def first_answer_hours(urgency: str, *, on: dt.date) -> int:
    return policy_value(f"advice_first_answer_hours_{urgency}", on=on)


def resolution_days(urgency: str, *, on: dt.date) -> int:
    return policy_value(f"advice_resolution_days_{urgency}", on=on)


def first_answer_due(row: AdviceRequest) -> dt.datetime:
    raised_on = timezone.localdate(row.raised_at)
    return row.raised_at + dt.timedelta(hours=first_answer_hours(row.urgency, on=raised_on))


def resolution_due(row: AdviceRequest) -> dt.datetime:
    raised_on = timezone.localdate(row.raised_at)
    return row.raised_at + dt.timedelta(days=resolution_days(row.urgency, on=raised_on))


def first_answer_met(row: AdviceRequest) -> bool | None:
    """True or False once answered; None while waiting."""
    return None if row.first_answer_at is None else row.first_answer_at <= first_answer_due(row)


def resolution_met(row: AdviceRequest) -> bool | None:
    return None if row.closed_at is None else row.closed_at <= resolution_due(row)
