"""Appointments with the hub in the recruit's calendar feed (notifications/calendar.py).

Only the recruit's own feed carries them; the event says "Appointment with your hub" and links
to the portal, never the purpose (it may be confidential).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from hubs.access import scope_for
from notifications.calendar import AHEAD_DAYS, PAST_DAYS, CalendarEvent
from pastoral.models import Appointment, AppointmentStatus


def appointment_events(user: Any) -> list[CalendarEvent]:
    recruit_id = scope_for(user).recruit_id
    if recruit_id is None:
        return []
    now = timezone.now()
    rows = Appointment.objects.filter(
        recruit_id=recruit_id,
        status__in=[AppointmentStatus.BOOKED, AppointmentStatus.REARRANGE],
        starts_at__gte=now - dt.timedelta(days=PAST_DAYS),
        starts_at__lte=now + dt.timedelta(days=AHEAD_DAYS),
    ).order_by("starts_at", "pk")
    return [
        CalendarEvent(
            uid=f"pastoral-appointment-{row.public_id}@irhub.portal",
            summary="Appointment with your hub",
            start=row.starts_at,
            url=settings.SITE_URL + row.get_absolute_url(),
            minutes=row.minutes,
        )
        for row in rows
    ]
