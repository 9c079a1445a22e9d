"""The hub's advice targets per urgency (issue 16 item 2) are dated policy figures: a row dated in
the future changes the target of requests raised from that date only."""

from __future__ import annotations

import datetime as dt

import pytest

from advice.targets import first_answer_hours, resolution_days

BEFORE, ON = dt.date(2027, 3, 31), dt.date(2027, 4, 1)


@pytest.mark.parametrize(
    ("row", "urgency", "old", "new"),
    [
        ("advice_first_answer_hours_urgent,2,hours,2027-04-01,no,test: faster", "urgent", 4, 2),
        ("advice_first_answer_hours_soon,12,hours,2027-04-01,no,test: faster", "soon", 24, 12),
        ("advice_first_answer_hours_routine,48,hours,2027-04-01,no,test: faster", "routine", 72, 48),
    ],
)
def test_first_answer_targets_change_on_their_date(add_figure, row: str, urgency: str, old: int, new: int) -> None:
    add_figure(row)
    assert first_answer_hours(urgency, on=BEFORE) == old
    assert first_answer_hours(urgency, on=ON) == new


@pytest.mark.parametrize(
    ("row", "urgency", "old", "new"),
    [
        ("advice_resolution_days_urgent,1,calendar days,2027-04-01,no,test: faster", "urgent", 2, 1),
        ("advice_resolution_days_soon,3,calendar days,2027-04-01,no,test: faster", "soon", 5, 3),
        ("advice_resolution_days_routine,10,calendar days,2027-04-01,no,test: faster", "routine", 15, 10),
    ],
)
def test_resolution_targets_change_on_their_date(add_figure, row: str, urgency: str, old: int, new: int) -> None:
    add_figure(row)
    assert resolution_days(urgency, on=BEFORE) == old
    assert resolution_days(urgency, on=ON) == new
