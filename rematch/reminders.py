"""The reminders of a rematch request, through the notifications engine (notifications/services.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hubs.roles import Role
from notifications.ladders import deadline_moment
from notifications.models import Audience, LadderRung, Reminder
from notifications.services import reminder_cancel_for, reminder_reschedule, reminder_schedule
from rematch.clock import reminder_time
from rematch.models import RematchRequest, RematchStatus

# The reminders before leave end are the `rematch.leave_end` ladder's rows (LadderRung, seeded by
# notifications/0003: the owner, or the region's hub staff while nobody owns the request, at 45,
# 30, 14 and 7 days; the region's lead at 14 and 7 days unless offered or placed, and then only once the visa
# application date is recorded: see AWAITING_APPLICATION), so a superuser
# who edits that ladder in the admin changes them. Each rung is a kind of its own
# (`rematch.leave_end.45d`, `rematch.leave_end.lead.7d`), which lets a rung move on its own.
LADDER = "rematch.leave_end"

# An offer (or a placement) is not a visa application: until the application date is recorded the
# lead's rungs keep escalating whatever their `skip_when` says, since a new sponsor's application
# must be made before leave ends. Once it is recorded, `skip_when` applies as the ladder says.
AWAITING_APPLICATION = frozenset({RematchStatus.OFFERED, RematchStatus.PLACED})


def owner_kind(days: int) -> str:
    return f"{LADDER}.{days}d"


def lead_kind(days: int) -> str:
    return f"{LADDER}.lead.{days}d"


@dataclass(frozen=True)
class Plan:
    kind: str
    days: int  # before leave end
    to_lead: bool
    quiet: frozenset[str]  # request statuses in which the rung stays silent


def ladder_plans() -> list[Plan]:
    plans = []
    for rung in LadderRung.objects.filter(kind=LADDER, days__lte=0).order_by("days", "audience"):
        to_lead = rung.audience == Audience.LEAD
        days = -rung.days
        kind = lead_kind(days) if to_lead else owner_kind(days)
        plans.append(Plan(kind, days, to_lead, frozenset(rung.skip_when)))
    return plans


def reminders_sync(request: RematchRequest, *, fresh: bool = False) -> None:
    """Bring the request's reminders in line with its state and dates.

    A reminder whose day has come is left alone (it is sent, or about to be); one whose day moved
    is rescheduled; a missing one is scheduled. `fresh` (the owner changed) re-addresses them.
    """
    now = timezone.now()
    plans = ladder_plans()
    _cancel_rungs_gone(request, {plan.kind for plan in plans})
    for plan in plans:
        kind, days, to_lead = plan.kind, plan.days, plan.to_lead
        if _silent(request, plan):
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


def awaiting_application(request: RematchRequest) -> bool:
    """Offered or placed, but no visa application recorded yet."""
    return request.status in AWAITING_APPLICATION and request.visa_applied_on is None


def _silent(request: RematchRequest, plan: Plan) -> bool:
    if request.pending or request.leave_end is None:
        return True
    if plan.to_lead and awaiting_application(request):
        return False
    return not request.is_open or request.status in plan.quiet


def _cancel_rungs_gone(request: RematchRequest, kinds: set[str]) -> None:
    """A rung removed from the ladder: its reminders still waiting will not go out."""
    Reminder.objects.filter(
        content_type=ContentType.objects.get_for_model(request),
        object_id=str(request.pk),
        kind__startswith=f"{LADDER}.",
        status=Reminder.Status.SCHEDULED,
    ).exclude(kind__in=kinds).update(status=Reminder.Status.CANCELLED)
