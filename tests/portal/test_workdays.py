from datetime import date

import pytest

from portal.workdays import add_working_days, bank_holidays, coverage_ends, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute (26th is a Saturday)
    assert is_working_day(date(2026, 11, 27))


def test_adding_working_days_skips_weekends() -> None:
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday + 1 → Monday
    assert add_working_days(date(2026, 11, 23), 10) == date(2026, 12, 7)


def test_adding_working_days_across_christmas_and_new_year() -> None:
    # Fri 18 Dec 2026 + 10: 21, 22, 23, 24, (25 Christmas, 26-27 weekend, 28 substitute), 29, 30, 31,
    # (1 Jan), 4, 5, 6 → Wed 6 Jan 2027.
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


def test_zero_days_is_the_same_day_and_negative_is_refused() -> None:
    assert add_working_days(date(2026, 12, 18), 0) == date(2026, 12, 18)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 18), -1)


def test_counting_working_days_between_dates() -> None:
    assert working_days_between(date(2026, 12, 18), date(2027, 1, 6)) == 10
    assert working_days_between(date(2027, 1, 6), date(2026, 12, 18)) == 0


def test_the_data_covers_2024_to_2028() -> None:
    assert date(2024, 1, 1) in bank_holidays() and coverage_ends() == date(2028, 12, 31)
