"""Nurses' OSCE: deadline with a reminder, and attempts (at most 3) kept in step with the recruit record.

DOMAIN: the OSCE is taken in the UK, up to 3 attempts; the deadline was historically 3 months
from the CoS start and is unconfirmed today, so the months are a setting (`OSCE_DEADLINE_MONTHS`)
and the deadline of each nurse can be changed by hand.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.roles import Role
from notifications.services import reminder_cancel_for, reminder_schedule
from recruits.models import JobRole, Recruit
from recruits.services import recruit_record_osce
from training.eligibility import _months_before
from training.models import OsceAttempt, OsceResult, OsceTracker

OSCE_DEADLINE_DUE = "training.osce_deadline"
MAX_ATTEMPTS = 3


def osce_deadline_months() -> int:
    return int(getattr(settings, "OSCE_DEADLINE_MONTHS", 3))


def osce_reminder_days() -> int:
    return int(getattr(settings, "OSCE_REMINDER_DAYS", 21))


def osce_default_deadline(cos_start: dt.date) -> dt.date:
    return _months_before(cos_start, -osce_deadline_months())


def _check_nurse(recruit: Recruit) -> None:
    if recruit.job_role != JobRole.NURSE:
        raise ValidationError("The OSCE is for nurses: change the recruit's job to nurse first.")


def _schedule(tracker: OsceTracker) -> None:
    reminder_cancel_for(about=tracker, kind=OSCE_DEADLINE_DUE)
    if OsceAttempt.objects.filter(recruit=tracker.recruit, result=OsceResult.PASSED).exists():
        return
    due = timezone.make_aware(
        dt.datetime.combine(tracker.deadline - dt.timedelta(days=osce_reminder_days()), dt.time(9, 0))
    )
    due = max(due, timezone.now())
    if tracker.recruit.user is not None:
        reminder_schedule(recipient=tracker.recruit.user, kind=OSCE_DEADLINE_DUE, about=tracker, due_at=due)
    reminder_schedule(
        recipient_role=Role.HUB_STAFF, region=tracker.recruit.region, kind=OSCE_DEADLINE_DUE, about=tracker, due_at=due
    )


@transaction.atomic
def osce_set_deadline(*, actor: User, recruit: Recruit, cos_start: dt.date, deadline: dt.date | None) -> OsceTracker:
    _check_nurse(recruit)
    deadline = deadline or osce_default_deadline(cos_start)
    if deadline < cos_start:
        raise ValidationError({"deadline": "The deadline cannot be before the CoS start date."})
    kept = OsceTracker.objects.filter(recruit=recruit, cos_start=cos_start, deadline=deadline).first()
    if kept is not None:
        return kept  # the same dates again: the reminders stand as they are
    tracker, _ = OsceTracker.objects.update_or_create(
        recruit=recruit, defaults={"region_id": recruit.region_id, "cos_start": cos_start, "deadline": deadline}
    )
    _schedule(tracker)
    return tracker


@transaction.atomic
def osce_record_attempt(*, actor: User, recruit: Recruit, date: dt.date, result: str) -> OsceAttempt:
    _check_nurse(recruit)
    recruit = Recruit.objects.select_for_update().get(pk=recruit.pk)
    attempts = list(OsceAttempt.objects.filter(recruit=recruit))
    booked = next((a for a in attempts if a.result == OsceResult.BOOKED), None)
    if any(a.result == OsceResult.PASSED for a in attempts):
        raise ValidationError("The OSCE is already passed.")
    if result != OsceResult.BOOKED and date > timezone.localdate():
        raise ValidationError({"date": "A result can only be recorded for a date that has passed."})
    if booked is not None:
        # The booked attempt gets its result (or a new date).
        attempt = booked
    elif len(attempts) >= MAX_ATTEMPTS:
        raise ValidationError(f"The OSCE can be taken at most {MAX_ATTEMPTS} times, and all have been used.")
    else:
        attempt = OsceAttempt(region_id=recruit.region_id, recruit=recruit)
    attempt.date, attempt.result, attempt.recorded_by = date, result, actor
    attempt.save()
    attempts_made = OsceAttempt.objects.filter(recruit=recruit).count()
    recruit_record_osce(actor=actor, recruit=recruit, attempts=attempts_made, on=date)
    tracker = OsceTracker.objects.filter(recruit=recruit).first()
    if tracker is not None:
        _schedule(tracker)
    return attempt
