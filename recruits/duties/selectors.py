"""Reads for the reporting duties, always given the acting user.

The list uses keyset pagination (never OFFSET) and a fixed number of queries whatever the page
size; the cursor is the `public_id` of the last row shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hubs.access import scope_for
from portal.pagination import Page, cursor_row
from portal.pagination import page_of as _page
from portal.workdays import working_days_between
from providers.models import Provider
from recruits.access import duties_visible_to, recruits_visible_to
from recruits.duties.models import ReportingDuty
from recruits.models import Recruit

PAGE_SIZE = 50
DUE_SOON_DAYS = 10


@dataclass(frozen=True)
class DutyRow:
    """A duty as the pages show it: the deadline, and how far away (or late) it is today."""

    duty: ReportingDuty
    today: date

    @property
    def reported(self) -> bool:
        return self.duty.reported_on is not None

    @property
    def overdue(self) -> bool:
        return not self.reported and self.duty.deadline < self.today

    @property
    def days_left(self) -> int:
        """Working days from today to the deadline (0 on the day itself)."""
        return working_days_between(self.today, self.duty.deadline)

    @property
    def days_late(self) -> int:
        return (self.today - self.duty.deadline).days

    @property
    def when(self) -> str:
        if self.reported:
            return f"Reported on {self.duty.reported_on:%-d %B %Y}"
        if self.overdue:
            late = self.days_late
            return f"Overdue by {late} day{'s' if late != 1 else ''}"
        if self.duty.deadline == self.today:
            return "Due today"
        left = self.days_left
        return f"{left} working day{'s' if left != 1 else ''} left"


def duty_rows(duties: list[ReportingDuty], today: date | None = None) -> list[DutyRow]:
    today = today or timezone.localdate()
    return [DutyRow(duty=duty, today=today) for duty in duties]


DUTY_FILTERS = {
    "open": "Still to report",
    "overdue": "Overdue",
    "due_soon": f"Due in the next {DUE_SOON_DAYS} days",
    "reported": "Reported",
}


def _duty_conditions(today: date) -> dict[str, Q]:
    open_ = Q(reported_on__isnull=True)
    return {
        "open": open_,
        "overdue": open_ & Q(deadline__lt=today),
        "due_soon": open_ & Q(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS)),
        "reported": Q(reported_on__isnull=False),
    }


def duty_counts(*, user: Any, today: date | None = None) -> dict[str, int]:
    """How many duties each filter holds, in one query."""
    today = today or timezone.localdate()
    return duties_visible_to(user).aggregate(
        **{name: Count("id", filter=condition) for name, condition in _duty_conditions(today).items()}
    )


def duty_list(
    *,
    user: Any,
    show: str = "open",
    after: str | None = None,
    page_size: int = PAGE_SIZE,
    today: date | None = None,
) -> Page[DutyRow]:
    """Open duties soonest deadline first; reported ones latest deadline first (`duty_counts` has the totals)."""
    today = today or timezone.localdate()
    visible = duties_visible_to(user)
    duties = visible.filter(_duty_conditions(today)[show])
    key = cursor_row(visible, after, "deadline", "id")
    newest_first = show == "reported"
    if key is not None:
        deadline, last_id = key["deadline"], key["id"]
        if newest_first:
            duties = duties.filter(Q(deadline__lt=deadline) | Q(deadline=deadline, id__lt=last_id))
        else:
            duties = duties.filter(Q(deadline__gt=deadline) | Q(deadline=deadline, id__gt=last_id))
    order = ["-deadline", "-id"] if newest_first else ["deadline", "id"]
    rows = list(duties.select_related("provider", "recruit").order_by(*order)[: page_size + 1])
    return _page(duty_rows(rows, today), page_size, lambda row: row.duty.public_id)


def duties_due_soonest(*, user: Any, limit: int = 10, today: date | None = None) -> list[DutyRow]:
    """Open duties of the user's provider(s), the nearest deadline (or the most overdue) first."""
    scope = scope_for(user)
    duties = (
        ReportingDuty.objects.filter(provider_id__in=scope.providers, reported_on__isnull=True)
        .select_related("recruit")
        .order_by("deadline", "id")[:limit]
    )
    return duty_rows(list(duties), today)


def overdue_duties_in_region() -> Coalesce:
    """Annotation for a Region queryset: its open duties past their deadline (uses `duty_open_by_region`).

    An annotation rather than a query of its own keeps the hub home page at a fixed, small query count.
    """
    overdue = (
        ReportingDuty.objects.filter(
            region_id=OuterRef("pk"), reported_on__isnull=True, deadline__lt=timezone.localdate()
        )
        .order_by()
        .values("region_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0))


def provider_open_duties(*, provider: Provider, today: date | None = None) -> list[DutyRow]:
    duties = provider.duties.filter(reported_on__isnull=True).select_related("recruit").order_by("deadline", "id")
    return duty_rows(list(duties[:PAGE_SIZE]), today)


def provider_recruits_for_duties(*, user: Any, provider: Provider) -> QuerySet[Recruit]:
    """The workers a duty can be about: the provider's recruits the user may see."""
    return recruits_visible_to(user).filter(provider=provider).order_by("family_name", "given_names", "id")
