"""Writes on reporting duties: record one (its deadline and reminders), mark it reported."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from notifications.ladders import ladder_start, ladder_stop
from providers.models import Provider
from recruits.duties.models import DutyKind, ReportingDuty
from recruits.duties.rules import RULES, duty_deadline
from recruits.models import Recruit

# The kind code predates the move from providers/ (issue 14): reminders and people's preferences
# are stored under it, so it keeps its name.
DUTY_REMINDER = "providers.duty_due"


@transaction.atomic
def duty_record(
    *,
    actor: User,
    provider: Provider,
    kind: str,
    event_date: date,
    recruit: Recruit | None = None,
    details: str = "",
) -> ReportingDuty:
    rule = RULES[DutyKind(kind)]
    if rule.about_a_worker and recruit is None:
        raise ValidationError(f"Choose the worker this is about: “{DutyKind(kind).label}” is reported per worker.")
    if recruit is not None and recruit.provider_id != provider.pk:
        raise ValidationError("That worker is not employed by this provider.")
    if event_date > timezone.localdate():
        raise ValidationError("The date of the event cannot be in the future.")
    duty = ReportingDuty.objects.create(
        region_id=provider.region_id,
        provider=provider,
        recruit=recruit,
        kind=kind,
        event_date=event_date,
        deadline=duty_deadline(kind, event_date),
        details=details,
        created_by=actor,
    )
    ladder_start(kind=DUTY_REMINDER, about=duty, deadline=duty.deadline, region=provider.region, provider=provider)
    return duty


@transaction.atomic
def duty_mark_reported(*, actor: User, duty: ReportingDuty, reported_on: date) -> ReportingDuty:
    if duty.reported_on:
        raise ValidationError("This duty is already marked as reported.")
    if reported_on > timezone.localdate():
        raise ValidationError("The date you reported it cannot be in the future.")
    if reported_on < duty.event_date:
        raise ValidationError("The report cannot be before the event itself.")
    duty.reported_on, duty.reported_by = reported_on, actor
    duty.save(update_fields=["reported_on", "reported_by"])
    ladder_stop(about=duty, kind=DUTY_REMINDER)
    return duty
