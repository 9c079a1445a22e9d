"""Rule 19: agencies should be on the Ethical Recruiters List or the hub's framework (an agency off
the framework is flagged), and the hub re-checks its framework periodically: reminded, every 12
months after the last re-check by default (a dated, unconfirmed figure)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hubs.models import Agency, AgencyStatus
from hubs.roles import Role
from notifications.models import Reminder
from recruits.agencies import (
    AGENCY_KIND,
    agency_recheck_due,
    agency_rechecks_sync_all,
    agency_record_check,
    agency_set_status,
)
from recruits.models import Flag
from recruits.services import recruit_register
from recruits.tasks import agency_rechecks_task
from tests.rules.conftest import london

CHECKED = dt.date(2026, 3, 10)


def _scheduled(agency: Agency):
    return Reminder.objects.filter(kind=AGENCY_KIND, object_id=str(agency.pk), status=Reminder.Status.SCHEDULED)


@pytest.fixture
def agency(cast) -> Agency:
    return Agency.objects.create(region=cast.region_a, name="Fair Start Recruitment")


@pytest.mark.django_db
def test_rule_19_an_agency_off_the_framework_is_flagged(cast) -> None:
    data = {"given_names": "Ama", "family_name": "Mensah", "recruitment_channel": "other_agency",
            "agency_name_other": "Fast Jobs"}  # fmt: skip
    recruit = recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data=data)
    assert Flag.UNLISTED_AGENCY in recruit.flags


def test_rule_19_the_next_re_check_is_due_12_months_after_the_last() -> None:
    assert agency_recheck_due(Agency(status=AgencyStatus.APPROVED, last_checked=CHECKED)) == dt.date(2027, 3, 10)
    assert agency_recheck_due(Agency(status=AgencyStatus.APPROVED, last_checked=None)) is None
    assert agency_recheck_due(Agency(status=AgencyStatus.SUSPENDED, last_checked=CHECKED)) is None


def test_rule_19_the_months_are_a_dated_policy_figure(add_figure) -> None:
    add_figure("agency_recheck_months,6,months,2027-01-01,no,test: a hub's own choice")
    approved = AgencyStatus.APPROVED
    assert agency_recheck_due(Agency(status=approved, last_checked=dt.date(2026, 12, 31))) == dt.date(2027, 12, 31)
    assert agency_recheck_due(Agency(status=approved, last_checked=dt.date(2027, 1, 4))) == dt.date(2027, 7, 4)


@pytest.mark.django_db
def test_rule_19_a_re_check_reminds_the_hub_before_the_next_one(cast, agency, clock) -> None:
    clock(london(CHECKED, 15))
    agency_record_check(actor=cast.staff_a, agency=agency, checked_on=CHECKED, on_ethical_recruiters_list=True)
    reminders = list(_scheduled(agency))
    assert {(r.recipient_role, r.due_at) for r in reminders} == {
        (Role.HUB_STAFF, london(dt.date(2027, 2, 8))),
        (Role.HUB_STAFF, london(dt.date(2027, 3, 3))),
        (Role.LEAD, london(dt.date(2027, 3, 10))),
    }
    assert all(r.region_id == cast.region_a.pk for r in reminders)
    clock(london(dt.date(2026, 9, 1), 15))
    agency_record_check(actor=cast.lead_a, agency=agency, checked_on=dt.date(2026, 9, 1),
                        on_ethical_recruiters_list=True)  # fmt: skip
    assert max(r.due_at for r in _scheduled(agency)) == london(dt.date(2027, 9, 1))
    agency_set_status(actor=cast.lead_a, agency=agency, status=AgencyStatus.SUSPENDED, reason="Charged workers fees",
                      changed_on=dt.date(2026, 9, 1))  # fmt: skip
    assert not _scheduled(agency).exists(), "off the framework: nothing to re-check"


@pytest.mark.django_db
def test_rule_19_only_the_regions_hub_team_records_a_re_check(cast, agency) -> None:
    for user in (cast.provider_admin_a, cast.lead_b):
        with pytest.raises(ValidationError, match="hub team"):
            agency_record_check(actor=user, agency=agency, checked_on=CHECKED, on_ethical_recruiters_list=False)


@pytest.mark.django_db
def test_rule_19_the_daily_task_follows_changes_made_in_the_admin(cast, agency, clock) -> None:
    clock(london(CHECKED, 15))
    Agency.objects.filter(pk=agency.pk).update(last_checked=CHECKED)
    assert agency_rechecks_task() >= 1
    assert _scheduled(agency).count() == 3
    Agency.objects.filter(pk=agency.pk).update(status=AgencyStatus.REMOVED, status_reason="Closed")
    agency_rechecks_sync_all()
    assert not _scheduled(agency).exists()


@pytest.mark.django_db
def test_rule_19_the_agencies_page_lists_the_re_checks_and_records_one(cast, agency, client) -> None:
    client.force_login(cast.staff_a)
    page = client.get(reverse("agency_list")).content.decode()
    assert "Fair Start Recruitment" in page and "Due now" in page and "12 months" in page
    url = reverse("agency_check", kwargs={"public_id": agency.public_id})
    response = client.post(url, {"checked_on": "1/12/2026"})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.last_checked == dt.date(2026, 12, 1) and not agency.on_ethical_recruiters_list
    assert "1 December 2027" in client.get(reverse("agency_list")).content.decode()
    client.force_login(cast.staff_b)
    assert client.get(url).status_code == 404
