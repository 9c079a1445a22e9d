"""Training sessions in people's calendar feeds (notifications/calendar.py).

A recruit sees the session days of the cohorts they hold a place on; a trainer with a portal
account sees the days they teach. Events name the programme, never the people on it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from hubs.access import scope_for
from notifications.calendar import AHEAD_DAYS, PAST_DAYS, CalendarEvent
from training.models import HOLDS_PLACE, CohortStatus, SessionDay


def training_session_events(user: Any) -> list[CalendarEvent]:
    scope = scope_for(user)
    mine = Q(cohort__trainer_id=user.pk)
    if scope.recruit_id is not None:
        mine |= Q(cohort__enrolments__recruit_id=scope.recruit_id, cohort__enrolments__status__in=HOLDS_PLACE)
    today = timezone.localdate()
    days = (
        SessionDay.objects.filter(mine, cohort__status=CohortStatus.OPEN)
        .filter(date__gte=today - dt.timedelta(days=PAST_DAYS), date__lte=today + dt.timedelta(days=AHEAD_DAYS))
        .select_related("cohort__programme")
        .distinct()
        .order_by("date", "pk")
    )
    events = []
    for day in days:
        start: dt.date | dt.datetime = day.date
        minutes = 60
        if day.starts_at is not None:
            start = timezone.make_aware(dt.datetime.combine(day.date, day.starts_at))
            if day.ends_at is not None and day.ends_at > day.starts_at:
                minutes = (
                    dt.datetime.combine(day.date, day.ends_at) - dt.datetime.combine(day.date, day.starts_at)
                ).seconds // 60
        events.append(
            CalendarEvent(
                uid=f"training-session-{day.public_id}@irhub.portal",
                summary=f"Training: {day.cohort.programme.title}",
                start=start,
                url=settings.SITE_URL + day.cohort.get_absolute_url(),
                minutes=minutes,
            )
        )
    return events
