"""Reading the access log: a region's log for its lead (filtered, by keyset), and the reads of one record."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from accesslog.models import AccessEvent
from hubs.access import scope_for
from portal.pagination import Page

PAGE_SIZE = 50


def access_log_regions_of(user: Any) -> frozenset[int]:
    """The regions whose log the user may read: the regions they lead."""
    return scope_for(user).lead_regions


@dataclass(frozen=True)
class LogFilter:
    person: str = ""
    detail: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    subject_id: uuid.UUID | None = None


def access_log_for_regions(regions: frozenset[int], filters: LogFilter) -> QuerySet[AccessEvent]:
    events = AccessEvent.objects.filter(region_id__in=regions).select_related("user")
    if filters.person:
        events = events.filter(Q(user__name__icontains=filters.person) | Q(user__email__icontains=filters.person))
    if filters.detail:
        events = events.filter(detail=filters.detail)
    if filters.since:
        events = events.filter(at__date__gte=filters.since)
    if filters.until:
        events = events.filter(at__date__lte=filters.until)
    if filters.subject_id:
        events = events.filter(subject_id=filters.subject_id)
    return events.order_by("-at", "-id")


def access_log_page(events: QuerySet[AccessEvent], *, after: str | None) -> Page[AccessEvent]:
    """One page, newest first. The cursor is the last row's id: the log has no public ids, and its
    ids only say how many reads were logged, which the page shows anyway."""
    if after and after.isdigit():
        events = events.filter(id__lt=int(after))
    rows = list(events.order_by("-id")[: PAGE_SIZE + 1])
    items = rows[:PAGE_SIZE]
    return Page(items=items, next_cursor=str(items[-1].id) if len(rows) > PAGE_SIZE else None)


def access_log_of_subject(kind: str, public_id: uuid.UUID) -> QuerySet[AccessEvent]:
    """Who read one record's details: shown to the person the record is about."""
    return AccessEvent.objects.filter(subject_kind=kind, subject_id=public_id).select_related("user").order_by("-id")
