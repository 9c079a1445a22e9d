"""Rule 12: from 22 July 2025 someone switching into a care role from another route needs at least 3
months' work for the sponsor first. Refused where the application is recorded, saying from when
it can be made."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from recruits.models import Employment, Recruit
from recruits.services import recruit_register, recruit_update

BASE = {"given_names": "Lin", "family_name": "Chen", "nationality": "CN", "job_role": "care_worker"}
STUDENT = {**BASE, "visa_route": "student", "recruitment_channel": "in_country"}


def _register(cast, start: dt.date | None, applied: dt.date | None) -> Recruit:
    return recruit_register(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={**STUDENT, "visa_application_date": applied},
        start_date=start,
    )


@pytest.mark.django_db
def test_rule_12_a_switcher_applying_before_3_months_with_the_sponsor_is_refused(cast) -> None:
    with pytest.raises(ValidationError) as refused:
        _register(cast, start=dt.date(2026, 9, 1), applied=dt.date(2026, 11, 30))
    message = str(refused.value.error_dict["visa_application_date"])
    assert "at least 3 months' work for the sponsor first" in message
    assert "from 1 September 2026" in message and "can be made from 1 December 2026" in message


@pytest.mark.django_db
def test_rule_12_three_months_to_the_day_is_enough(cast) -> None:
    assert _register(cast, start=dt.date(2026, 9, 1), applied=dt.date(2026, 12, 1)).pk


@pytest.mark.django_db
def test_rule_12_no_work_for_the_sponsor_recorded_is_refused(cast) -> None:
    with pytest.raises(ValidationError, match="No work for this sponsor is recorded"):
        _register(cast, start=None, applied=dt.date(2026, 11, 1))


@pytest.mark.django_db
def test_rule_12_before_22_july_2025_there_was_no_minimum(cast) -> None:
    assert _register(cast, start=dt.date(2025, 7, 1), applied=dt.date(2025, 7, 21)).pk


@pytest.mark.django_db
def test_rule_12_a_worker_already_on_the_route_is_not_a_switcher(cast) -> None:
    data = {**BASE, "recruitment_channel": "in_country", "visa_application_date": dt.date(2026, 11, 1)}
    assert recruit_register(
        actor=cast.provider_admin_a, provider=cast.provider_a, data=data, start_date=dt.date(2026, 10, 1)
    ).pk


@pytest.mark.django_db
def test_rule_12_recording_the_application_later_counts_the_work_on_record(cast) -> None:
    recruit = _register(cast, start=None, applied=None)
    Employment.objects.create(recruit=recruit, provider=cast.provider_a, start_date=dt.date(2026, 6, 15))
    with pytest.raises(ValidationError, match="can be made from 15 September 2026"):
        recruit_update(actor=cast.staff_a, recruit=recruit, data={"visa_application_date": dt.date(2026, 9, 14)})
    recruit.refresh_from_db()
    recruit_update(actor=cast.staff_a, recruit=recruit, data={"visa_application_date": dt.date(2026, 9, 15)})


@pytest.mark.django_db
def test_rule_12_the_months_are_a_dated_policy_figure(cast, add_figure) -> None:
    add_figure("switcher_months_with_sponsor,6,months,2027-01-01,no,test: a future rule change")
    assert _register(cast, start=dt.date(2026, 9, 1), applied=dt.date(2026, 12, 31)).pk
    with pytest.raises(ValidationError, match="at least 6 months'"):
        _register(cast, start=dt.date(2026, 9, 1), applied=dt.date(2027, 1, 4))
