"""Nurses' OSCE: a configurable deadline with reminders, and at most 3 attempts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from notifications.models import Reminder
from training.models import OsceAttempt
from training.osce import OSCE_DEADLINE_DUE, osce_record_attempt, osce_set_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(cast):
    cast.recruit_a.job_role = "nurse"
    cast.recruit_a.save()
    return cast.recruit_a


def test_the_deadline_defaults_to_the_configured_months_from_the_cos_start(cast, nurse, settings) -> None:
    tracker = osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 11, 30), deadline=None)
    assert tracker.deadline == dt.date(2027, 2, 28)
    settings.OSCE_DEADLINE_MONTHS = 6
    tracker = osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 11, 30), deadline=None)
    assert tracker.deadline == dt.date(2027, 5, 30)
    reminders = Reminder.objects.filter(kind=OSCE_DEADLINE_DUE, status="scheduled")
    assert {(r.recipient_id, r.recipient_role) for r in reminders} == {
        (cast.recruit_user_a.pk, ""),
        (None, "hub_staff"),
    }
    assert {timezone.localdate(r.due_at) for r in reminders} == {dt.date(2027, 5, 9)}


def test_at_most_three_attempts_and_the_record_follows(cast, nurse) -> None:
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=timezone.localdate(), deadline=None)
    today = timezone.localdate()
    osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=today - dt.timedelta(days=60), result="failed")
    osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=today + dt.timedelta(days=5), result="booked")
    osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=today, result="failed")  # the booked one's result
    osce_record_attempt(actor=cast.provider_admin_a, recruit=nurse, date=today, result="failed")
    nurse.refresh_from_db()
    assert (nurse.osce_attempts, nurse.osce_date) == (3, today)
    with pytest.raises(ValidationError, match="at most 3 times"):
        osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=today, result="passed")
    assert OsceAttempt.objects.count() == 3


def test_a_pass_ends_the_reminders(cast, nurse) -> None:
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=timezone.localdate(), deadline=None)
    osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=timezone.localdate(), result="passed")
    assert not Reminder.objects.filter(kind=OSCE_DEADLINE_DUE, status="scheduled").exists()
    with pytest.raises(ValidationError, match="already passed"):
        osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=timezone.localdate(), result="failed")


def test_only_nurses_have_an_osce(cast) -> None:
    with pytest.raises(ValidationError, match="for nurses"):
        osce_set_deadline(actor=cast.staff_a, recruit=cast.recruit_a, cos_start=timezone.localdate(), deadline=None)


def test_a_result_cannot_be_in_the_future(cast, nurse) -> None:
    with pytest.raises(ValidationError):
        osce_record_attempt(
            actor=cast.staff_a, recruit=nurse, date=timezone.localdate() + dt.timedelta(days=1), result="passed"
        )


def test_the_employer_records_on_the_page_and_the_nurse_reads_it(client, cast, nurse) -> None:
    url = reverse("osce", args=[nurse.public_id])
    client.force_login(cast.provider_admin_a)
    attempts = reverse("osce_record_attempt", args=[nurse.public_id])
    client.post(reverse("osce_set_deadline", args=[nurse.public_id]), {"deadline-cos_start": "2026-11-02"})
    client.post(attempts, {"attempt-date": "2026-11-20", "attempt-result": "failed"})
    client.force_login(cast.recruit_user_a)
    page = client.get(url).content.decode()
    assert "2 February 2027" in page and "1 of 3" in page and 'name="do"' not in page
    assert client.post(attempts, {"attempt-date": "2026-11-21", "attempt-result": "passed"}).status_code == 403


def test_the_deadline_form_shows_the_stored_dates(client, cast, nurse) -> None:
    """Sent as shown, the form keeps the dates (it used to show empty boxes and refuse)."""
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 9, 1), deadline=dt.date(2027, 3, 1))
    client.force_login(cast.provider_admin_a)
    page = client.get(reverse("osce", args=[nurse.public_id])).content.decode()
    for name, value in [("cos_start_day", "1"), ("cos_start_month", "9"), ("deadline_year", "2027")]:
        assert f'name="deadline-{name}" type="text" inputmode="numeric" value="{value}"' in page


def test_the_same_dates_again_leave_the_reminders_alone(cast, nurse) -> None:
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 9, 1), deadline=dt.date(2027, 3, 1))
    before = list(Reminder.objects.values_list("pk", "status"))
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 9, 1), deadline=dt.date(2027, 3, 1))
    assert list(Reminder.objects.values_list("pk", "status")) == before
