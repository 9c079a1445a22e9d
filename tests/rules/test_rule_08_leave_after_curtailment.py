"""Rule 8: after a revocation a worker's leave ends 60 days after UKVI's curtailment letter, or at
the visa's expiry if sooner; the letter may still be awaited.

Mirrored from tests/recruits/test_rematch_clock.py against today's module paths (the clock moves
to the rematch/ app with issue 21)."""

from __future__ import annotations

import datetime as dt

from recruits.leave import Bound, clock_for, curtailment_days

LETTER = dt.date(2026, 11, 2)


def test_rule_08_leave_ends_60_days_after_the_letter() -> None:
    clock = clock_for(letter_date=LETTER, visa_expiry=dt.date(2028, 1, 1))
    assert clock.leave_end == dt.date(2027, 1, 1) and clock.bound == Bound.LETTER


def test_rule_08_or_at_the_visa_expiry_if_sooner() -> None:
    clock = clock_for(letter_date=LETTER, visa_expiry=dt.date(2026, 12, 1))
    assert clock.leave_end == dt.date(2026, 12, 1) and clock.bound == Bound.VISA


def test_rule_08_while_the_letter_is_awaited_the_visa_is_the_only_bound() -> None:
    clock = clock_for(letter_date=None, visa_expiry=dt.date(2027, 3, 1))
    assert clock.leave_end == dt.date(2027, 3, 1) and clock.bound == Bound.AWAITING_LETTER
    assert "awaiting the UKVI letter" in clock.explanation
    assert clock_for(letter_date=None, visa_expiry=None).leave_end is None


def test_rule_08_the_60_days_are_a_dated_policy_figure(add_figure) -> None:
    add_figure("curtailment_days,90,calendar days,2027-04-06,no,test: a future rule change")
    assert curtailment_days(letter_date=dt.date(2027, 4, 5)) == 60
    assert clock_for(letter_date=dt.date(2027, 4, 6), visa_expiry=None).leave_end == dt.date(2027, 7, 5)
