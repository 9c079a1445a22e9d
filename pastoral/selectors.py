"""Reads for pastoral pages: the hub's queues and completion figures, a plan, the recruit's home."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from hubs.access import scope_for
from pastoral.access import (
    PROVIDER_CHECK_IN_FIELDS,
    appointments_visible_to,
    check_ins_visible_to,
    concerns_visible_to,
    may_read_what_recruit_said,
)
from pastoral.models import (
    Appointment,
    AppointmentStatus,
    CheckIn,
    CheckInStatus,
    Concern,
    ConcernStatus,
    PastoralPlan,
)
from portal.pagination import Page, cursor_row, page_of
from providers.models import Provider
from recruits.models import Recruit

PAGE_SIZE = 25
QUEUES = {
    "due": "Due in the next 7 days",
    "overdue": "Overdue",
    "red": "Red check-ins",
    "concerns": "Open concerns",
}
RATE_MONTHS = 12


@dataclass(frozen=True)
class Filters:
    provider: Provider | None = None
    hub_id: int | None = None


def _hub_check_ins(user: Any, filters: Filters) -> QuerySet[CheckIn]:
    # A check-in's own region is its recruit's (pastoral_follow_region keeps it so when the record
    # moves): the (region, status, due date) index answers the queues without a join.
    rows = CheckIn.objects.filter(region_id__in=scope_for(user).hub_regions)
    if filters.provider is not None:
        rows = rows.filter(provider=filters.provider)
    if filters.hub_id is not None:
        rows = rows.filter(plan__hub_id=filters.hub_id)
    return rows


def _hub_concerns(user: Any, filters: Filters) -> QuerySet[Concern]:
    rows = concerns_visible_to(user)
    if filters.provider is not None:
        rows = rows.filter(recruit__provider=filters.provider)
    if filters.hub_id is not None:
        rows = rows.filter(
            Q(recruit__provider__hub_id=filters.hub_id) | Q(recruit__pastoral_plan__hub_id=filters.hub_id)
        )
    return rows


def queue_rows(*, user: Any, queue: str, filters: Filters) -> QuerySet[Any]:
    """All rows of one queue, in the order the page and the CSV show them."""
    today = timezone.localdate()
    if queue == "concerns":
        return (
            _hub_concerns(user, filters)
            .exclude(status=ConcernStatus.CLOSED)
            .select_related("recruit__provider", "owner")
            .order_by("-opened_at", "-id")
        )
    rows = _hub_check_ins(user, filters).select_related("plan__recruit", "provider")
    if queue == "due":
        return rows.filter(
            status=CheckInStatus.DUE, due_date__gte=today, due_date__lte=today + dt.timedelta(days=7)
        ).order_by("due_date", "id")
    if queue == "overdue":
        return rows.filter(status=CheckInStatus.DUE, due_date__lt=today).order_by("due_date", "id")
    return rows.filter(status=CheckInStatus.DONE, red=True).order_by("-done_on", "-id")


def queue_page(
    *, user: Any, queue: str, filters: Filters, after: str | None = None, page_size: int = PAGE_SIZE
) -> Page[Any]:
    rows = queue_rows(user=user, queue=queue, filters=filters)
    if queue == "concerns":
        key = cursor_row(rows, after, "opened_at", "id")
        if key:
            rows = rows.filter(Q(opened_at__lt=key["opened_at"]) | Q(opened_at=key["opened_at"], id__lt=key["id"]))
    elif queue == "red":
        key = cursor_row(rows, after, "done_on", "id")
        if key:
            rows = rows.filter(Q(done_on__lt=key["done_on"]) | Q(done_on=key["done_on"], id__lt=key["id"]))
    else:
        key = cursor_row(rows, after, "due_date", "id")
        if key:
            rows = rows.filter(Q(due_date__gt=key["due_date"]) | Q(due_date=key["due_date"], id__gt=key["id"]))
    return page_of(list(rows[: page_size + 1]), page_size, lambda row: row.public_id)


def queue_counts(*, user: Any, filters: Filters) -> dict[str, int]:
    """The four queues' sizes: four queries, each answered from an index of the check-ins (one
    query counting all three with FILTER would read every check-in of the region)."""
    today = timezone.localdate()
    rows = _hub_check_ins(user, filters)
    return {
        "due": rows.filter(
            status=CheckInStatus.DUE, due_date__gte=today, due_date__lte=today + dt.timedelta(days=7)
        ).count(),
        "overdue": rows.filter(status=CheckInStatus.DUE, due_date__lt=today).count(),
        "red": rows.filter(status=CheckInStatus.DONE, red=True).count(),
        "concerns": _hub_concerns(user, filters).exclude(status=ConcernStatus.CLOSED).count(),
    }


@dataclass(frozen=True)
class Rate:
    label: str
    due: int
    done: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.due) if self.due else 0


def _rate_rows(user: Any, filters: Filters) -> QuerySet[CheckIn]:
    today = timezone.localdate()
    since = (today.replace(day=1) - dt.timedelta(days=31 * (RATE_MONTHS - 1))).replace(day=1)
    return (
        _hub_check_ins(user, filters)
        .exclude(status=CheckInStatus.CANCELLED)
        .filter(due_date__lte=today, due_date__gte=since)
    )


def completion_by_provider(*, user: Any, filters: Filters) -> list[Rate]:
    """Check-ins due in the last 12 months and how many were done, per employer: one query."""
    rows = (
        _rate_rows(user, filters)
        .values("provider__name")
        .annotate(due=Count("id"), done=Count("id", filter=Q(status=CheckInStatus.DONE)))
        .order_by("provider__name")
    )
    return [Rate(row["provider__name"] or "No employer", row["due"], row["done"]) for row in rows]


def completion_by_month(*, user: Any, filters: Filters) -> list[Rate]:
    """The same per month the check-in was due: one query."""
    rows = (
        _rate_rows(user, filters)
        .annotate(month=TruncMonth("due_date"))
        .values("month")
        .annotate(due=Count("id"), done=Count("id", filter=Q(status=CheckInStatus.DONE)))
        .order_by("month")
    )
    return [Rate(f"{row['month']:%b %Y}", row["due"], row["done"]) for row in rows]


def chart(rates: list[Rate]) -> dict[str, Any]:
    """Bars for a server-drawn SVG chart (percent done per month)."""
    width, height, gap = 40, 160, 12
    bars = []
    for n, rate in enumerate(rates):
        bar_height = round(height * rate.percent / 100)
        bars.append(
            {
                "x": 40 + n * (width + gap),
                "y": 20 + height - bar_height,
                "width": width,
                "height": bar_height,
                "label": rate.label,
                "percent": rate.percent,
                "text_x": 40 + n * (width + gap) + width // 2,
                "due": rate.due,
                "done": rate.done,
            }
        )
    return {"bars": bars, "width": 40 + len(rates) * (width + gap) + 10, "height": height + 60, "base": 20 + height}


# -- one recruit -------------------------------------------------------------------------------


def plan_check_ins(*, user: Any, plan: PastoralPlan) -> list[CheckIn]:
    """The plan's check-ins; the answers come along only for those who may read them."""
    rows = check_ins_visible_to(user).filter(plan=plan).select_related("done_by", "provider").order_by("due_date", "id")
    if may_read_what_recruit_said(user, plan.recruit):
        return list(rows.select_related("answers"))
    return list(rows.only(*PROVIDER_CHECK_IN_FIELDS))


def employer_history(recruit: Recruit) -> list[Any]:
    return list(recruit.employments.select_related("provider").order_by("start_date", "id"))


def next_check_in(recruit: Recruit) -> CheckIn | None:
    return CheckIn.objects.filter(plan__recruit=recruit, status=CheckInStatus.DUE).order_by("due_date", "id").first()


def next_appointment(*, user: Any, recruit: Recruit) -> Appointment | None:
    return (
        appointments_visible_to(user)
        .filter(
            recruit=recruit,
            starts_at__gte=timezone.now(),
            status__in=[AppointmentStatus.BOOKED, AppointmentStatus.REARRANGE],
        )
        .order_by("starts_at")
        .first()
    )


def recruit_home(*, user: Any, recruit: Recruit | None) -> dict[str, Any]:
    """What the recruit's home page adds: next check-in, next appointment, days to visa expiry."""
    if recruit is None:
        return {}
    days_to_visa = (recruit.visa_expiry - timezone.localdate()).days if recruit.visa_expiry else None
    return {
        "next_check_in": next_check_in(recruit),
        "next_appointment": next_appointment(user=user, recruit=recruit),
        "days_to_visa": days_to_visa,
    }
