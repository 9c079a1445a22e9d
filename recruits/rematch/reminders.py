"""The reminders of a rematch request, through the notifications engine (notifications/services.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from hubs.roles import Role
from notifications.ladders import deadline_moment
from notifications.services import reminder_cancel_for, reminder_reschedule, reminder_schedule
from recruits.rematch.clock import reminder_time
from recruits.rematch.models import RematchRequest, RematchStatus

# Reminders before leave end: to the owner (or the region's hub staff while nobody owns the
# request) at 45, 30, 14 and 7 days; to the region's lead at 14 and 7 days unless offered.
OWNER_REMINDER_DAYS = (45, 30, 14, 7)
LEAD_REMINDER_DAYS = (14, 7)
LEAD_QUIET_STATUSES = {RematchStatus.OFFERED, RematchStatus.PLACED}


def owner_kind(days: int) -> str:
    return f"rematch.leave_end.{days}d"


def lead_kind(days: int) -> str:
    return f"rematch.leave_end.lead.{days}d"


ALL_REMINDER_KINDS = [owner_kind(d) for d in OWNER_REMINDER_DAYS] + [lead_kind(d) for d in LEAD_REMINDER_DAYS]


def reminders_sync(request: RematchRequest, *, fresh: bool = False) -> None:
    """Bring the request's reminders in line with its state and dates.

    A reminder whose day has come is left alone (it is sent, or about to be); one whose day moved
    is rescheduled; a missing one is scheduled. `fresh` (the owner changed) re-addresses them.
    """
    live = request.is_open and not request.pending and request.leave_end is not None
    now = timezone.now()
    plans = [(owner_kind(d), d, False) for d in OWNER_REMINDER_DAYS] + [
        (lead_kind(d), d, True) for d in LEAD_REMINDER_DAYS
    ]
    for kind, days, to_lead in plans:
        if not live or (to_lead and request.status in LEAD_QUIET_STATUSES):
            reminder_cancel_for(about=request, kind=kind)
            continue
        assert request.leave_end is not None
        due_at = reminder_time(request.leave_end - dt.timedelta(days=days))
        if fresh and not to_lead:
            reminder_cancel_for(about=request, kind=kind)
        deadline = deadline_moment(request.leave_end)  # emails and calendars say when leave ends
        moved = reminder_reschedule(about=request, kind=kind, due_at=due_at, deadline=deadline)
        if moved or due_at <= now:
            continue
        if to_lead:
            who: dict[str, Any] = {"recipient_role": Role.LEAD, "region": request.region}
        elif request.owner_id is not None:
            who = {"recipient": request.owner, "region": request.region}
        else:
            who = {"recipient_role": Role.HUB_STAFF, "region": request.region}
        # A key of our own: an earlier reminder of this kind (cancelled or sent) must not block this one.
        key = f"{kind}:{request.public_id}:{due_at.date().isoformat()}:{uuid.uuid4().hex[:12]}"
        reminder_schedule(kind=kind, about=request, due_at=due_at, deadline=deadline, key=key, **who)
