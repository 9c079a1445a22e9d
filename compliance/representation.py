"""Rule 1: a suspended sponsor has 20 working days from the letter to make representations.

The deadline is computed when the suspension is recorded (`clocks.representation_deadline`); this
module reminds the provider's administrators and the region's lead of it through the
notifications engine: a reminder a few working days before (the offsets are dated policy figures,
`representation_reminder_*_working_days`) and one on the day. A later reinstatement, revocation
or surrender ends the suspension and cancels the reminders still waiting; a corrected letter date
moves them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from compliance.models import EventKind, LicenceEvent
from hubs.roles import Role
from notifications.ladders import SEND_HOUR, deadline_moment
from notifications.models import Reminder
from notifications.services import reminder_schedule
from portal.policy import policy_value
from portal.workdays import subtract_working_days

KIND = "compliance.representation_due"
OFFSET_FIGURES = (
    "representation_reminder_first_working_days",
    "representation_reminder_second_working_days",
    "representation_reminder_last_working_days",
)
ENDS_SUSPENSION = (EventKind.REINSTATEMENT, EventKind.REVOCATION, EventKind.SURRENDER)
RECIPIENTS = (Role.PROVIDER_ADMIN, Role.LEAD)


def reminder_days(event: LicenceEvent) -> list[dt.date]:
    """The days the reminders go out: the figures in force on the letter's date, and the deadline day."""
    deadline = event.representation_deadline
    if deadline is None:
        return []
    offsets = {policy_value(name, on=event.event_date) for name in OFFSET_FIGURES} | {0}
    return sorted({subtract_working_days(deadline, days) for days in offsets})


def _send_time(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(SEND_HOUR)), timezone.get_default_timezone())


def _reminders(event: LicenceEvent) -> QuerySet[Reminder]:
    content_type = ContentType.objects.get_for_model(LicenceEvent)
    return Reminder.objects.filter(content_type=content_type, object_id=str(event.pk), kind=KIND)


def _ended(event: LicenceEvent) -> bool:
    later = LicenceEvent.objects.filter(provider_id=event.provider_id, kind__in=ENDS_SUSPENSION, pk__gt=event.pk)
    return later.exists()


def representation_reminders_sync(*, event: LicenceEvent, now: dt.datetime | None = None) -> list[Reminder]:
    """Bring a suspension's reminders in line with its deadline; repeating it is harmless.

    Reminders whose time has passed are not scheduled; those of an earlier deadline (the letter
    date was corrected) are cancelled, unless already sent; an ended suspension has none left.
    """
    if event.kind != EventKind.SUSPENSION:
        return []
    if _ended(event):
        representation_reminders_stop(event=event)
        return []
    now = now or timezone.now()
    assert event.representation_deadline is not None
    deadline = deadline_moment(event.representation_deadline)
    current = []
    for day in reminder_days(event):
        due_at = _send_time(day)
        if due_at < now:
            continue
        for role in RECIPIENTS:
            key = f"{KIND}:{event.public_id}:{role.value}:{day.isoformat()}:{deadline:%Y-%m-%d}"
            reminder = reminder_schedule(
                recipient_role=role,
                region=event.region,
                provider=event.provider if role == Role.PROVIDER_ADMIN else None,
                kind=KIND,
                about=event,
                due_at=due_at,
                deadline=deadline,
                key=key,
            )
            if reminder.status == Reminder.Status.CANCELLED:  # the same day again after a correction back
                reminder.status, reminder.claimed_at = Reminder.Status.SCHEDULED, None
                reminder.save(update_fields=["status", "claimed_at"])
            current.append(reminder)
    _reminders(event).filter(status=Reminder.Status.SCHEDULED).exclude(pk__in=[r.pk for r in current]).update(
        status=Reminder.Status.CANCELLED
    )
    return current


def representation_reminders_stop(*, event: LicenceEvent) -> int:
    return _reminders(event).filter(status=Reminder.Status.SCHEDULED).update(status=Reminder.Status.CANCELLED)


def representation_reminders_end_for(*, provider_id: int) -> int:
    """The provider's suspension ended (reinstated, revoked or surrendered): no more reminders."""
    suspensions = LicenceEvent.objects.filter(provider_id=provider_id, kind=EventKind.SUSPENSION)
    return sum(representation_reminders_stop(event=event) for event in suspensions)
