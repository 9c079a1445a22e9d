"""Escalation ladders: the reminders of one deadline, for each rung of its kind's ladder.

Other apps call these when a deadline appears (`ladder_start`), moves (`ladder_reschedule`),
passes a state that makes some rungs unnecessary (`ladder_advance`) or is met (`ladder_stop`).
The ladder itself is data (`LadderRung`), read when the ladder starts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from hubs.models import LocalAuthority, Region
from hubs.roles import Role
from notifications.models import Audience, LadderRung, Reminder
from notifications.services import reminder_cancel_for, reminder_schedule

if TYPE_CHECKING:
    from accounts.models import User
    from providers.models import Provider

# Reminders about a date (not a time) go out at this hour, London time.
SEND_HOUR = 8


def deadline_moment(deadline: dt.date | dt.datetime) -> dt.datetime:
    """A date deadline is the start of that day in London; a datetime stays as it is."""
    if isinstance(deadline, dt.datetime):
        return deadline
    return timezone.make_aware(dt.datetime.combine(deadline, dt.time.min), timezone.get_default_timezone())


def _rung_time(deadline: dt.date | dt.datetime, days: int) -> dt.datetime:
    if isinstance(deadline, dt.datetime):
        return deadline + dt.timedelta(days=days)
    day = deadline + dt.timedelta(days=days)  # calendar days, so 08:00 stays 08:00 across clock changes
    return timezone.make_aware(dt.datetime.combine(day, dt.time(SEND_HOUR)), timezone.get_default_timezone())


@transaction.atomic
def ladder_start(
    *,
    kind: str,
    about: models.Model,
    deadline: dt.date | dt.datetime,
    region: Region | None,
    subject: User | None = None,
    owner: User | None = None,
    provider: Provider | None = None,
    local_authority: LocalAuthority | None = None,
    now: dt.datetime | None = None,
) -> list[Reminder]:
    """Schedule every rung of `kind`'s ladder that is still ahead; repeating it is harmless.

    A rung whose audience is missing (no owner yet, a recruit without an account) is left out,
    and so is a rung whose time has passed: nobody needs "due in 7 days" on the day itself.
    """
    now = now or timezone.now()
    moment = deadline_moment(deadline)
    content_type = ContentType.objects.get_for_model(about)
    scheduled = []
    for rung in LadderRung.objects.filter(kind=kind):
        due_at = _rung_time(deadline, rung.days)
        target = _target(
            rung.audience, subject=subject, owner=owner, provider=provider, local_authority=local_authority
        )
        if due_at < now or target is None:
            continue
        who = target["recipient"].pk if "recipient" in target else ""
        key = f"ladder:{kind}:{content_type.pk}:{about.pk}:{rung.audience}{who}:{rung.days}:{moment:%Y-%m-%dT%H:%M}"
        reminder = reminder_schedule(
            **target,
            region=region,
            kind=kind,
            about=about,
            due_at=due_at,
            deadline=moment,
            audience=rung.audience,
            rung=rung,
            key=key,
        )
        if reminder.status == Reminder.Status.CANCELLED:  # the same deadline again, after a stop or a move
            reminder.status = Reminder.Status.SCHEDULED
            reminder.claimed_at = None
            reminder.save(update_fields=["status", "claimed_at"])
        scheduled.append(reminder)
    return scheduled


def _target(
    audience: str,
    *,
    subject: User | None,
    owner: User | None,
    provider: Provider | None,
    local_authority: LocalAuthority | None,
) -> dict | None:
    match audience:
        case Audience.SUBJECT:
            return {"recipient": subject} if subject is not None and subject.is_active else None
        case Audience.OWNER:
            return {"recipient": owner} if owner is not None and owner.is_active else None
        case Audience.PROVIDER:
            return {"recipient_role": Role.PROVIDER_ADMIN, "provider": provider} if provider is not None else None
        case Audience.HUB_STAFF:
            return {"recipient_role": Role.HUB_STAFF}
        case Audience.LEAD:
            return {"recipient_role": Role.LEAD}
        case Audience.COUNCIL:
            return {"recipient_role": Role.COUNCIL, "local_authority": local_authority} if local_authority else None
    return None


def ladder_stop(*, about: models.Model, kind: str) -> int:
    """The thing is done: no rung of its ladder goes out any more."""
    return reminder_cancel_for(about=about, kind=kind)


def ladder_advance(*, about: models.Model, kind: str, state: str) -> int:
    """The thing reached `state`: cancel the rungs that are unnecessary from then on."""
    content_type = ContentType.objects.get_for_model(about)
    return Reminder.objects.filter(
        content_type=content_type,
        object_id=str(about.pk),
        kind=kind,
        status=Reminder.Status.SCHEDULED,
        rung__skip_when__contains=[state],
    ).update(status=Reminder.Status.CANCELLED)


@transaction.atomic
def ladder_reschedule(
    *,
    kind: str,
    about: models.Model,
    deadline: dt.date | dt.datetime,
    region: Region | None,
    subject: User | None = None,
    owner: User | None = None,
    provider: Provider | None = None,
    local_authority: LocalAuthority | None = None,
) -> list[Reminder]:
    """The deadline (or the people) changed: schedule the ladder as it is now and cancel the
    rungs it no longer has. Rungs that already went out stay sent."""
    current = ladder_start(
        kind=kind,
        about=about,
        deadline=deadline,
        region=region,
        subject=subject,
        owner=owner,
        provider=provider,
        local_authority=local_authority,
    )
    content_type = ContentType.objects.get_for_model(about)
    Reminder.objects.filter(
        content_type=content_type, object_id=str(about.pk), kind=kind, status=Reminder.Status.SCHEDULED
    ).exclude(pk__in=[r.pk for r in current]).update(status=Reminder.Status.CANCELLED)
    return current
