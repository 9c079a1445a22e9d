"""Demo reminders: the ladders of the demo's open reporting duties, with what is due sent already.

So that the demo's inboxes, digests and calendar feeds have something in them, each open duty's
ladder is started as if it had been recorded in good time, and the rungs already due are sent
now (inbox copies; their emails go out through the worker like any other). Idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from notifications.ladders import ladder_start
from notifications.models import Reminder
from notifications.services import reminder_record_failure, reminder_send
from recruits.duties.models import ReportingDuty
from recruits.duties.services import DUTY_REMINDER


@transaction.atomic
def demo_reminders() -> int:
    now = timezone.now()
    due: list[int] = []
    duties = ReportingDuty.objects.filter(reported_on__isnull=True).select_related("provider__region")
    for duty in duties:
        for reminder in ladder_start(
            kind=DUTY_REMINDER,
            about=duty,
            deadline=duty.deadline,
            region=duty.provider.region,
            provider=duty.provider,
            now=now - dt.timedelta(days=60),
        ):
            if reminder.status == Reminder.Status.SCHEDULED and reminder.due_at <= now:
                due.append(reminder.pk)
    sent = 0
    for reminder_id in due:
        try:
            reminder_send(reminder_id=reminder_id)
            sent += 1
        except LookupError as exc:  # e.g. a provider without an account yet: shown on the operations page
            reminder_record_failure(reminder_id=reminder_id, error=f"{type(exc).__name__}: {exc}", final=True)
    return sent
