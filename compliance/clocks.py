"""The clocks of licence events, from the dated policy figures (portal/data/policy_figures.csv).

- suspension: the provider has 20 working days from the letter to make representations;
- B-rating: the action plan lasts up to 3 months, and its fee is due within 10 working days;
- revocation: no new application for 12 months, 24 if a licence of theirs was revoked before.
"""

from __future__ import annotations

import datetime as dt

from portal.dates import add_months
from portal.policy import policy_value
from portal.workdays import add_working_days
from providers.eligibility import cooling_off_months


def representation_deadline(letter_date: dt.date) -> dt.date:
    return add_working_days(letter_date, policy_value("representation_working_days", on=letter_date))


def action_plan_latest_end(event_date: dt.date) -> dt.date:
    return add_months(event_date, policy_value("action_plan_max_months", on=event_date))


def action_plan_fee_deadline(b_rated_on: dt.date) -> dt.date:
    return add_working_days(b_rated_on, policy_value("action_plan_fee_working_days", on=b_rated_on))


def cooling_off_end(revoked_on: dt.date, *, revoked_before: bool) -> dt.date:
    return add_months(revoked_on, cooling_off_months(repeat=revoked_before, on=revoked_on))
