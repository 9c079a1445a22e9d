"""The worker's clock: leave_end = min(letter + 60 days, visa expiry), with the letter allowed to be unknown."""

from __future__ import annotations

import datetime as dt

from portal.policy import policy_figure
from recruits.leave import Bound, clock_for, curtailment_days, days_left_text
from rematch.clock import LONDON, band_of, reminder_time


def test_leave_ends_60_days_after_the_letter() -> None:
    clock = clock_for(letter_date=dt.date(2026, 3, 2), visa_expiry=dt.date(2028, 1, 1))
    assert clock.leave_end == dt.date(2026, 5, 1)
    assert clock.bound == Bound.LETTER
    assert "60 days from the UKVI letter of 2 March 2026" in clock.explanation


def test_a_visa_expiring_before_letter_plus_60_is_the_limit() -> None:
    clock = clock_for(letter_date=dt.date(2026, 3, 2), visa_expiry=dt.date(2026, 4, 10))
    assert clock.leave_end == dt.date(2026, 4, 10)
    assert clock.bound == Bound.VISA


def test_a_visa_expiring_on_the_60th_day_counts_as_the_letter() -> None:
    clock = clock_for(letter_date=dt.date(2026, 3, 2), visa_expiry=dt.date(2026, 5, 1))
    assert clock.leave_end == dt.date(2026, 5, 1)


def test_awaiting_letter_the_visa_is_the_only_bound() -> None:
    clock = clock_for(letter_date=None, visa_expiry=dt.date(2027, 6, 30))
    assert clock.leave_end == dt.date(2027, 6, 30)
    assert clock.bound == Bound.AWAITING_LETTER
    assert "awaiting the UKVI letter" in clock.explanation


def test_nothing_known_means_no_leave_end() -> None:
    clock = clock_for(letter_date=None, visa_expiry=None)
    assert clock.leave_end is None and clock.bound == Bound.UNKNOWN
    assert clock.days_left(dt.date(2026, 1, 1)) is None
    assert days_left_text(None) == "Leave end not known"


def test_leap_years_count_29_february() -> None:
    assert clock_for(letter_date=dt.date(2028, 1, 15), visa_expiry=None).leave_end == dt.date(2028, 3, 15)
    assert clock_for(letter_date=dt.date(2027, 1, 15), visa_expiry=None).leave_end == dt.date(2027, 3, 16)
    assert clock_for(letter_date=dt.date(2027, 12, 31), visa_expiry=None).leave_end == dt.date(2028, 2, 29)


def test_clock_changes_do_not_move_the_leave_end_or_the_reminder_hour() -> None:
    # Clocks go forward on 29 March 2026 and back on 25 October 2026.
    clock = clock_for(letter_date=dt.date(2026, 1, 28), visa_expiry=None)
    assert clock.leave_end == dt.date(2026, 3, 29)
    assert clock.days_left(dt.date(2026, 3, 28)) == 1
    before, after = reminder_time(dt.date(2026, 3, 28)), reminder_time(dt.date(2026, 3, 30))
    assert before.utcoffset() == dt.timedelta(0) and after.utcoffset() == dt.timedelta(hours=1)
    assert before.astimezone(LONDON).hour == after.astimezone(LONDON).hour == 9
    autumn = reminder_time(dt.date(2026, 10, 26))
    assert autumn.astimezone(dt.UTC).hour == 9 and autumn.astimezone(LONDON).hour == 9


def test_days_left_text_and_bands() -> None:
    assert days_left_text(1) == "1 day left"
    assert days_left_text(0) == "Leave ends today"
    assert days_left_text(-2) == "Leave ended 2 days ago"
    assert [band_of(d) for d in (-3, 0, 7, 8, 14, 15, 30, 31, 45, 46, None)] == [
        7,
        7,
        7,
        14,
        14,
        30,
        30,
        45,
        45,
        None,
        None,
    ]


def test_the_60_days_is_a_dated_policy_figure() -> None:
    figure = policy_figure("curtailment_days", on=dt.date(2026, 1, 1))
    assert figure.value == 60 and figure.effective_from <= dt.date(2026, 1, 1) and figure.source
    assert curtailment_days(letter_date=dt.date(2026, 1, 1)) == 60
