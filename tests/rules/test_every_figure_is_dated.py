"""Issue 22 point 2: every threshold, list and period is a dated row of portal/data/policy_figures.csv,
and a test proves for each one that a row dated in the future changes what the portal does from that
date only. The census fails on a figure that no test changes; the tests below cover the figures the
rule tests did not."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from compliance.models import LicenceEvent
from compliance.representation import reminder_days
from portal import policy
from providers.pay import pay_problems, pay_threshold
from recruits.care_route import care_codes, route_check
from recruits.duties.models import DutyKind
from recruits.duties.rules import duty_deadline
from recruits.models import RecruitmentChannel, RecruitStatus, VisaRoute
from tests.factories import RecruitFactory

TESTS = Path(__file__).resolve().parents[1]


def test_every_figure_has_a_test_that_dates_a_change_of_it() -> None:
    with policy.DATA.open(encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    sources = "\n".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("test_*.py"))
    untested = sorted(name for name in names if f'"{name},' not in sources)
    assert not untested, f"figures no test changes with a dated row: {untested}"


def test_care_occupation_codes_change_on_their_date(add_figure) -> None:
    add_figure("care_occupation_codes,6135,SOC 2020 codes,2027-04-06,no,test: senior carers leave the list")
    assert care_codes(on=dt.date(2027, 4, 5)) == ["6135", "6136"]
    assert care_codes(on=dt.date(2027, 4, 6)) == ["6135"]


@pytest.mark.django_db
def test_in_country_changes_close_on_their_date(add_figure) -> None:
    add_figure("care_in_country_changes,closed,status,2027-03-01,no,test: closure brought forward")
    recruit = RecruitFactory(
        occupation_code="6135",
        visa_route=VisaRoute.HEALTH_AND_CARE,
        status=RecruitStatus.EMPLOYED,
        recruitment_channel=RecruitmentChannel.IN_COUNTRY,
        visa_application_date=dt.date(2027, 2, 28),
    )
    assert route_check(recruit, sponsor_since=dt.date(2025, 1, 1), started=True) is None
    recruit.visa_application_date = dt.date(2027, 3, 1)
    check = route_check(recruit, sponsor_since=dt.date(2025, 1, 1), started=True)
    assert check is not None and check.refused and "ended on 1 March 2027" in check.message


def test_the_unauthorised_absence_threshold_changes_on_its_date(add_figure) -> None:
    add_figure("duty_absence_after_working_days,5,working days,2027-02-01,no,test: a shorter threshold")
    before = duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, dt.date(2027, 1, 29))
    after = duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, dt.date(2027, 2, 1))
    # The same absence starting a working day later, yet its report falls due earlier under 5 days.
    assert after < before


@pytest.mark.parametrize(
    "row",
    [
        "representation_reminder_second_working_days,7,working days before the deadline,2027-03-01,no,test",
        "representation_reminder_last_working_days,1,working days before the deadline,2027-03-01,no,test",
    ],
)
def test_the_suspension_response_reminders_move_with_their_figures(add_figure, row: str) -> None:
    event = LicenceEvent(event_date=dt.date(2027, 3, 1), representation_deadline=dt.date(2027, 3, 26))
    old = reminder_days(event)
    add_figure(row)
    new = reminder_days(event)
    earlier = LicenceEvent(event_date=dt.date(2027, 2, 26), representation_deadline=dt.date(2027, 3, 26))
    assert new != old
    assert reminder_days(earlier) == old  # a letter dated before the change keeps the old days


@pytest.mark.parametrize(
    ("code", "per_year", "per_hour"),
    [
        (
            "6135",
            "health_and_care_pay_per_year_6135,31000,pounds a year,2027-04-06,no,test: a new going rate",
            "health_and_care_pay_per_hour_6135,15.90,pounds an hour,2027-04-06,no,test: a new going rate",
        ),
        (
            "6136",
            "health_and_care_pay_per_year_6136,31000,pounds a year,2027-04-06,no,test: a new going rate",
            "health_and_care_pay_per_hour_6136,15.90,pounds an hour,2027-04-06,no,test: a new going rate",
        ),
        (
            "2231",
            "health_and_care_pay_per_year_2231,31000,pounds a year,2027-04-06,no,test: a new going rate",
            "health_and_care_pay_per_hour_2231,15.90,pounds an hour,2027-04-06,no,test: a new going rate",
        ),
    ],
)
def test_pay_thresholds_change_on_their_date(add_figure, code: str, per_year: str, per_hour: str) -> None:
    add_figure(per_year)
    add_figure(per_hour)
    before = pay_threshold(occupation_code=code, on=dt.date(2027, 4, 5))
    after = pay_threshold(occupation_code=code, on=dt.date(2027, 4, 6))
    assert before is not None and before.per_hour < Decimal("15.90") and before.effective_from == dt.date(2024, 4, 4)
    assert after is not None and (after.per_year, after.per_hour) == (Decimal(31000), Decimal("15.90"))
    assert after.effective_from == dt.date(2027, 4, 6)
    # The same pay meets the old threshold the day before and falls short from the new one's date.
    pay = {"pay_per_hour": Decimal("15.00"), "pay_per_year": Decimal("30000")}
    assert pay_problems(occupation_code=code, on=dt.date(2027, 4, 5), **pay) == []
    problems = pay_problems(occupation_code=code, on=dt.date(2027, 4, 6), **pay)
    assert len(problems) == 2 and "since 6 April 2027" in problems[0]


def test_an_occupation_without_a_threshold_has_none() -> None:
    assert pay_threshold(occupation_code="9999", on=dt.date(2026, 12, 4)) is None
