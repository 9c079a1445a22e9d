"""Rule 11: from 22 July 2025 no new visas from abroad for care workers and senior care workers (SOC
6135, 6136); people in the UK can change employer, extend or switch until 22 July 2028 (under
review). Refused where the visa application is recorded, with the rule quoted and what to do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.policy import policy_code, policy_figure
from recruits.care_route import care_codes
from recruits.models import Recruit
from recruits.services import recruit_register, recruit_update

CLOSED_ON, IN_COUNTRY_ENDS = dt.date(2025, 7, 22), dt.date(2028, 7, 22)
BASE = {"given_names": "Grace", "family_name": "Banda", "nationality": "ZW", "job_role": "care_worker"}


def _register(cast, **data) -> Recruit:
    start = data.pop("start_date", None)
    return recruit_register(
        actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, **data}, start_date=start
    )


def test_rule_11_the_dates_and_codes_are_dated_policy_figures() -> None:
    assert care_codes(on=CLOSED_ON) == ["6135", "6136"]
    assert policy_code("care_visa_from_abroad", on=CLOSED_ON - dt.timedelta(days=1)) == "open"
    assert policy_code("care_visa_from_abroad", on=CLOSED_ON) == "closed"
    assert policy_code("care_in_country_changes", on=IN_COUNTRY_ENDS - dt.timedelta(days=1)) == "open"
    ends = policy_figure("care_in_country_changes", on=IN_COUNTRY_ENDS)
    assert ends.value == "closed" and not ends.confirmed, "under review: unconfirmed"


@pytest.mark.django_db
def test_rule_11_a_care_worker_applying_from_abroad_after_the_closure_is_refused(cast) -> None:
    with pytest.raises(ValidationError) as refused:
        _register(cast, visa_application_date=dt.date(2025, 8, 1))
    message = str(refused.value.error_dict["visa_application_date"])
    assert "From 22 July 2025 no new Health and Care Worker visas are granted from abroad" in message
    assert "SOC 6135, 6136" in message and "Already in the UK (in-country)" in message
    assert not Recruit.objects.filter(family_name="Banda").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"visa_application_date": dt.date(2025, 7, 21)},  # applied before the closure
        {"visa_application_date": dt.date(2026, 1, 10), "recruitment_channel": "in_country"},
        {"visa_application_date": dt.date(2026, 1, 10), "start_date": dt.date(2024, 3, 1)},  # already working here
        {"visa_application_date": dt.date(2026, 1, 10), "job_role": "nurse"},  # not a care role
        {"visa_application_date": dt.date(2026, 1, 10), "job_role": "senior_care_worker", "occupation_code": "2231"},
        {},  # no application recorded: nothing to decide on
    ],
)
def test_rule_11_what_the_closure_does_not_refuse(cast, data) -> None:
    assert _register(cast, **data).pk


@pytest.mark.django_db
def test_rule_11_senior_care_workers_are_a_care_role_too(cast) -> None:
    with pytest.raises(ValidationError, match="22 July 2025"):
        _register(cast, job_role="senior_care_worker", visa_application_date=dt.date(2026, 1, 10))


@pytest.mark.django_db
def test_rule_11_in_country_changes_end_on_22_july_2028_under_review(cast) -> None:
    data = {"recruitment_channel": "in_country", "visa_application_date": IN_COUNTRY_ENDS}
    with pytest.raises(ValidationError, match=r"ended on 22 July 2028 \(a date under review\)"):
        _register(cast, **data)
    assert _register(cast, **{**data, "visa_application_date": IN_COUNTRY_ENDS - dt.timedelta(days=1)}).pk


@pytest.mark.django_db
def test_rule_11_recording_the_application_on_an_existing_record_is_checked(cast) -> None:
    recruit = _register(cast)
    recruit = recruit_update(actor=cast.staff_a, recruit=recruit, data={"phone": "07700 900123"})
    with pytest.raises(ValidationError, match="22 July 2025"):
        recruit_update(actor=cast.staff_a, recruit=recruit, data={"visa_application_date": dt.date(2025, 9, 1)})


@pytest.mark.django_db
def test_rule_11_the_page_warns_about_an_arriving_care_worker_with_no_application_date(cast, client) -> None:
    recruit = _register(cast)
    client.force_login(cast.staff_a)
    url = reverse("recruit_detail", kwargs={"public_id": recruit.public_id}) + "?tab=immigration"
    page = client.get(url).content.decode()
    assert 'id="route-warning"' in page and "cannot get a new visa from abroad" in page
    Recruit.objects.filter(pk=recruit.pk).update(recruitment_channel="in_country")
    assert 'id="route-warning"' not in client.get(url).content.decode()


@pytest.mark.django_db
def test_rule_11_the_form_refuses_on_the_field_with_the_rule(cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    page = client.post(
        reverse("recruit_register"),
        {
            **BASE,
            "recruitment_channel": "direct",
            "visa_route": "health_and_care",
            "dbs_status": "not_started",
            "overseas_crc": "not_obtained",
            "osce_attempts": "0",
            "visa_application_date": "1/9/2025",
        },
    ).content.decode()
    assert "no new Health and Care Worker visas are granted from abroad" in page
    assert not Recruit.objects.filter(family_name="Banda").exists()


@pytest.mark.django_db
def test_rule_11_a_change_of_the_rule_applies_from_its_date(cast, add_figure) -> None:
    add_figure("care_visa_from_abroad,open,status,2027-01-01,no,test: the route reopens")
    with pytest.raises(ValidationError):
        _register(cast, visa_application_date=dt.date(2026, 12, 31))
    assert _register(cast, visa_application_date=dt.date(2027, 1, 4)).pk
