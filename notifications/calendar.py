"""Private calendar feeds (ICS, RFC 5545) of a person's upcoming deadlines.

The address carries a random token; only its hash is stored, so the address is shown once and
a new one replaces (revokes) the old. The feed holds deadlines addressed to the person
themselves or to their provider, and whatever other apps register (training sessions,
appointments). Region-wide escalations are left out: they are the hub's queue, not a diary.
Like emails, events say what is due and link to the portal, never who it is about.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hubs.access import scope_for
from hubs.roles import Role
from notifications.kinds import kind_for
from notifications.models import CalendarFeed, Reminder
from notifications.services import link_for

if TYPE_CHECKING:
    from accounts.models import User

PAST_DAYS = 7
AHEAD_DAYS = 400


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.date | dt.datetime  # a date is an all-day event
    url: str
    minutes: int = 60
    location: str = ""


CalendarSource = Callable[[Any], Iterable[CalendarEvent]]
_SOURCES: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> CalendarSource:
    """Other apps add their events (e.g. training sessions) with this, from their AppConfig.ready."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


@transaction.atomic
def calendar_feed_create(*, user: User) -> str:
    """A new private address for the user's feed; the old one, if any, stops working. Returns the token."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": CalendarFeed.hash_token(token)})
    return token


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def calendar_feed_user(*, token: str) -> User | None:
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=CalendarFeed.hash_token(token), user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.user


def _deadline_events(user: User, today: dt.date) -> list[CalendarEvent]:
    scope = scope_for(user)
    mine = (
        Q(recipient_id=user.pk)
        | Q(recipient_role=Role.PROVIDER_ADMIN, provider_id__in=scope.admin_providers)
        | Q(recipient_role=Role.PROVIDER_STAFF, provider_id__in=scope.providers)
    )
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=PAST_DAYS), dt.time.min))
    reminders = (
        Reminder.objects.filter(mine, deadline__gte=start, deadline__lte=start + dt.timedelta(days=AHEAD_DAYS))
        .exclude(status=Reminder.Status.CANCELLED)
        .order_by("content_type_id", "object_id", "kind", "deadline")
        .distinct("content_type_id", "object_id", "kind", "deadline")
        .prefetch_related("about")
    )
    events = []
    for reminder in reminders:
        deadline = timezone.localtime(reminder.deadline)
        all_day = deadline.time() == dt.time.min
        events.append(
            CalendarEvent(
                uid=f"{reminder.kind}-{reminder.content_type_id}-{reminder.object_id}-{deadline:%Y%m%d}@irhub.portal",
                summary=f"{kind_for(reminder.kind).label} is due",
                start=deadline.date() if all_day else deadline,
                url=settings.SITE_URL + link_for(reminder.about, user),
            )
        )
    return events


def calendar_events(*, user: User, today: dt.date | None = None) -> list[CalendarEvent]:
    today = today or timezone.localdate()
    events = _deadline_events(user, today)
    for source in _SOURCES:
        events.extend(source(user))
    return sorted(events, key=lambda e: (_as_datetime(e.start), e.uid))


def _as_datetime(start: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(start, dt.datetime):
        return start
    return timezone.make_aware(dt.datetime.combine(start, dt.time.min))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_ics(*, events: list[CalendarEvent], now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//IR Hub Portal//Deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:IR Hub Portal",
        "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_stamp(now)}"]
        if isinstance(event.start, dt.datetime):
            end = event.start + dt.timedelta(minutes=event.minutes)
            lines += [f"DTSTART:{_stamp(event.start)}", f"DTEND:{_stamp(end)}"]
        else:
            end_day = event.start + dt.timedelta(days=1)
            lines += [f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}", f"DTEND;VALUE=DATE:{end_day:%Y%m%d}"]
        if event.location:
            lines.append(f"LOCATION:{_escape(event.location)}")
        lines += [
            f"SUMMARY:{_escape(event.summary)}",
            f"DESCRIPTION:{_escape('Open the IR Hub Portal to see the details: ' + event.url)}",
            f"URL:{event.url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
