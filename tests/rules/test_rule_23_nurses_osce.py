"""Rule 23: nurses (NMC) take the OSCE in the UK, up to 3 attempts, by a configurable deadline
(historically 3 months from the CoS start; unconfirmed today), and are reminded of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from notifications.models import Reminder
from recruits.services import recruit_register
from training.models import OsceAttempt
from training.osce import OSCE_DEADLINE_DUE, osce_record_attempt, osce_set_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(cast):
    cast.recruit_a.job_role = "nurse"
    cast.recruit_a.save()
    return cast.recruit_a


def test_rule_23_a_fourth_attempt_is_refused(cast, nurse) -> None:
    today = timezone.localdate()
    for days_ago in (90, 60, 30):
        day = today - dt.timedelta(days=days_ago)
        osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=day, result="failed")
    with pytest.raises(ValidationError, match="at most 3 times"):
        osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=today, result="passed")
    assert OsceAttempt.objects.filter(recruit=nurse).count() == 3


def test_rule_23_the_record_refuses_more_than_3_attempts(cast) -> None:
    data = {"given_names": "Joy", "family_name": "Okafor", "nationality": "NG", "job_role": "nurse", "osce_attempts": 4}
    with pytest.raises(ValidationError, match="at most 3"):
        recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data=data)


def test_rule_23_the_deadline_is_configurable_and_reminded(cast, nurse, settings) -> None:
    settings.OSCE_DEADLINE_MONTHS = 3
    tracker = osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 11, 30), deadline=None)
    assert tracker.deadline == dt.date(2027, 2, 28)
    settings.OSCE_DEADLINE_MONTHS = 6
    tracker = osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 11, 30), deadline=None)
    assert tracker.deadline == dt.date(2027, 5, 30)
    reminders = Reminder.objects.filter(kind=OSCE_DEADLINE_DUE, status="scheduled")
    people = {(r.recipient_id, r.recipient_role) for r in reminders}
    assert people == {(cast.recruit_user_a.pk, ""), (None, "hub_staff")}


def test_rule_23_a_pass_ends_the_reminders(cast, nurse) -> None:
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=timezone.localdate(), deadline=None)
    osce_record_attempt(actor=cast.staff_a, recruit=nurse, date=timezone.localdate(), result="passed")
    assert not Reminder.objects.filter(kind=OSCE_DEADLINE_DUE, status="scheduled").exists()


def test_rule_23_only_nurses_have_an_osce(cast) -> None:
    with pytest.raises(ValidationError, match="for nurses"):
        osce_set_deadline(actor=cast.staff_a, recruit=cast.recruit_a, cos_start=timezone.localdate(), deadline=None)
