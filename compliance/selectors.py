"""Reads for the compliance pages, always starting from what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from compliance.access import compliance_cases_visible_to, register_alerts_visible_to
from compliance.b_rating import RepeatBRating, fee_open, repeat_b_rating
from compliance.models import (
    AffectedWorker,
    AlertStatus,
    CaseEntry,
    CaseStatus,
    CaseStep,
    ComplianceCase,
    EventKind,
    LicenceEvent,
    RegisterAlert,
    WorkerStatus,
)
from hubs.access import scope_for
from hubs.models import Region
from portal.pagination import Page, cursor_row, page_of
from portal.policy import policy_value
from providers.models import Provider
from recruits.leave import clock_for, days_left_text

PAGE_SIZE = 25


def _with_counts(cases: QuerySet[ComplianceCase]) -> QuerySet[ComplianceCase]:
    return cases.annotate(
        worker_count=Count("workers", distinct=True),
        not_contacted=Count("workers", filter=Q(workers__status=WorkerStatus.NOT_CONTACTED), distinct=True),
        steps_open=Count("steps", filter=Q(steps__completed_at__isnull=True), distinct=True),
    )


def cases_page(*, user: Any, status: str = "", show: str = "", after: str | None = None) -> Page[ComplianceCase]:
    """`show`: "overdue" keeps open cases with a step past its date; "mine" the cases the user owns
    or holds a step of (the home page's work queue links here)."""
    visible = compliance_cases_visible_to(user)
    cases = visible.filter(status=status) if status in CaseStatus.values else visible
    if show == "overdue":
        late = CaseStep.objects.filter(case=OuterRef("pk"), completed_at__isnull=True, due_on__lt=timezone.localdate())
        cases = cases.exclude(status=CaseStatus.CLOSED).filter(Exists(late))
    elif show == "mine":
        me = scope_for(user).user_id
        mine = CaseStep.objects.filter(case=OuterRef("pk"), completed_at__isnull=True, assignee_id=me)
        cases = cases.exclude(status=CaseStatus.CLOSED).filter(Q(owner_id=me) | Exists(mine))
    key = cursor_row(visible, after, "id")
    every = cases
    if key is not None:
        cases = cases.filter(id__lt=key["id"])
    rows = list(_with_counts(cases).select_related("provider", "event", "owner").order_by("-id")[: PAGE_SIZE + 1])
    return page_of(rows, PAGE_SIZE, lambda case: case.public_id, count_all=every)


@dataclass(frozen=True)
class RegionFigures:
    region: str
    by_status: dict[str, int]
    average_days_to_contact_all: float | None
    cases_all_contacted: int


def region_figures(*, user: Any) -> list[RegionFigures]:
    """Cases by status and the average time from opening to every worker contacted, per region (2 queries)."""
    regions = scope_for(user).hub_regions
    counts: dict[int, dict[str, int]] = {}
    for region_id, status, number in (
        ComplianceCase.objects.filter(region_id__in=regions)
        .values_list("region_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(region_id, {})[status] = number
    contact: dict[int, dict[str, Any]] = {
        row["region_id"]: dict(row)
        for row in ComplianceCase.objects.filter(region_id__in=regions, all_contacted_at__isnull=False)
        .values("region_id")
        .annotate(avg=Avg(F("all_contacted_at") - F("opened_at")), n=Count("id"))
        .order_by()
    }
    names = {r.pk: r.name for r in Region.objects.filter(id__in=regions)} if len(regions) > 1 else {}
    result = []
    for region_id in sorted(regions):
        average = contact.get(region_id, {}).get("avg")
        result.append(
            RegionFigures(
                region=names.get(region_id, ""),
                by_status={s.label: counts.get(region_id, {}).get(s.value, 0) for s in CaseStatus},
                average_days_to_contact_all=round(average.total_seconds() / 86400, 1) if average else None,
                cases_all_contacted=contact.get(region_id, {}).get("n", 0),
            )
        )
    return result


def worker_counts(case: ComplianceCase) -> list[tuple[str, int]]:
    """Affected workers by status: what council officers see instead of names."""
    found = dict(case.workers.values_list("status").annotate(n=Count("id")).order_by())
    return [(status.label, found.get(status.value, 0)) for status in WorkerStatus]


@dataclass(frozen=True)
class WorkerRow:
    worker: AffectedWorker
    leave_end: dt.date | None
    clock_text: str


def worker_rows(case: ComplianceCase) -> list[WorkerRow]:
    """Every affected worker with their leave-end clock (one query)."""
    today = timezone.localdate()
    rows = []
    for worker in case.workers.select_related("recruit"):
        clock = clock_for(letter_date=worker.recruit.curtailment_letter_date, visa_expiry=worker.recruit.visa_expiry)
        rows.append(
            WorkerRow(worker, clock.leave_end, f"{days_left_text(clock.days_left(today))} ({clock.explanation})")
        )
    rows.sort(key=lambda row: (row.leave_end is None, row.leave_end or today, row.worker.recruit.family_name))
    return rows


def case_entries(case: ComplianceCase, *, council: bool) -> QuerySet[CaseEntry]:
    entries = case.entries.select_related("author")
    return entries.filter(shareable=True) if council else entries


def alerts_page(*, user: Any, show: str = "open", after: str | None = None) -> Page[RegisterAlert]:
    visible = register_alerts_visible_to(user)
    alerts = visible.filter(status=AlertStatus.OPEN) if show == "open" else visible
    key = cursor_row(visible, after, "id")
    if key is not None:
        alerts = alerts.filter(id__lt=key["id"])
    rows = list(alerts.select_related("provider", "register_import").order_by("-id")[: PAGE_SIZE + 1])
    return page_of(rows, PAGE_SIZE, lambda alert: alert.public_id)


@dataclass(frozen=True)
class FeeDue:
    """A B-rating's action-plan fee still to pay (rule 3)."""

    event: LicenceEvent
    working_days: int
    overdue: bool


@dataclass(frozen=True)
class LicenceNotes:
    """What the provider and case pages say about the licence's events (rules 3 and 4): one query."""

    events: list[LicenceEvent]
    repeat: RepeatBRating | None
    fees_due: list[FeeDue]


def licence_notes(*, provider: Provider) -> LicenceNotes:
    """For a provider the page has already fetched through its access rules."""
    events = list(LicenceEvent.objects.filter(provider=provider).order_by("-event_date", "-pk"))
    last = max((event.pk for event in events), default=None)
    today = timezone.localdate()
    fees = [
        FeeDue(
            event,
            policy_value("action_plan_fee_working_days", on=event.event_date),
            event.fee_due is not None and event.fee_due < today,
        )
        for event in events
        if event.kind == EventKind.B_RATING and fee_open(event, overtaken=event.pk != last)
    ]
    return LicenceNotes(events=events, repeat=repeat_b_rating(events), fees_due=fees)
