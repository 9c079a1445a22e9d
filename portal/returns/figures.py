"""The monitoring return's figures: what the hubs did for a period, per region, and their glossary.

Composes rematching, pastoral support, training and recruitment campaigns (and recruits through
them), so it lives in portal/, above every app. Aggregates only: no name, no record, leaves this module.

A period runs from its first day to its last day, both included (a month is the 1st to its last
day; "1 to 30 November" includes both the 1st and the 30th). A record's date is its local date in
England (Europe/London), so a request opened at 00:30 BST on 1 November counts in November.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from campaigns.models import Application, ApplicationEvent, Stage
from hubs.models import Region
from pastoral.models import CheckIn, CheckInStatus, Concern
from portal.suppression import Cell, SuppressedTable, suppress
from rematch.models import Introduction, Outcome, RematchRequest, RematchStatus
from training.models import Certificate, CertificateStatus


@dataclass(frozen=True)
class Period:
    start: dt.date  # the first day, included
    end: dt.date  # the last day, included
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    definition: str


# Outcomes at leave end: each rematch outcome, and requests whose leave ended with none recorded.
_OUTCOME_COLUMNS = [(f"leave_end_{value}", label) for value, label in Outcome.choices]

COLUMNS: list[Column] = [
    Column(
        "workers_supported",
        "Workers supported",
        "Rematch requests (one for each displaced worker the hub helped find a new sponsor) open at any time "
        "in the period: opened on or before its last day, and not placed or closed before its first day. "
        "Public self-referrals the hub has not yet confirmed are left out.",
    ),
    Column(
        "introductions",
        "Introductions",
        "Introductions of a worker to a vacancy (with the worker's consent) made in the period, whatever "
        "happened to them afterwards.",
    ),
    Column(
        "placements",
        "Placements",
        "Rematch requests placed with a new employer whose placement date (the new job's start) falls in the period.",
    ),
    Column(
        "median_days_to_placement",
        "Median days to placement",
        "The median, over the period's placements, of the days from the request being opened to the placement "
        "date. Empty when there were no placements. In national returns it is withheld unless the placements it "
        "is taken over number 5 or more, as a median of fewer could point at a person.",
    ),
    Column(
        "leave_ended",
        "Leave ended",
        "Rematch requests whose worker's leave ended (the leave-end date of the request's clock) in the period. "
        "The next six columns split these by the request's outcome.",
    ),
    *[
        Column(
            key,
            f"Leave ended: {label.lower()}",
            f"Of the requests whose leave ended in the period, those closed with the outcome “{label}”.",
        )
        for key, label in _OUTCOME_COLUMNS
    ],
    Column(
        "leave_end_none",
        "Leave ended: no outcome recorded",
        "Of the requests whose leave ended in the period, those with no outcome recorded yet (still open, or "
        "closed without one).",
    ),
    Column(
        "check_ins_due",
        "Check-ins due",
        "Pastoral check-ins whose due date falls in the period, leaving out those no longer needed (cancelled).",
    ),
    Column(
        "check_ins_done",
        "Check-ins done",
        "Of the check-ins due in the period, those recorded as done (on any date, early or late).",
    ),
    Column(
        "concerns_raised",
        "Concerns raised",
        "Pastoral concerns opened in the period, from a check-in, the recruit's help button or the hub.",
    ),
    Column(
        "concerns_referred",
        "Concerns referred",
        "Concerns with a safeguarding or modern slavery referral dated in the period (whenever the concern was "
        "opened).",
    ),
    Column(
        "training_completions",
        "Training completions",
        "Certificates of hub training completed in the period (the completion date), leaving out certificates "
        "revoked since (a register corrected after the event).",
    ),
    Column(
        "campaign_applications",
        "Campaign applications",
        "Applications to the region's recruitment campaigns received in the period (the date the candidate "
        "sent the form), whatever happened to them afterwards.",
    ),
    Column(
        "campaign_interviewed",
        "Campaign candidates interviewed",
        "Campaign applications moved to “Interviewed” in the period: the interview panel passed the "
        "candidate on that date (whenever they applied).",
    ),
    Column(
        "campaign_offered",
        "Campaign offers made",
        "Campaign applications moved to “Offered” in the period: an employer's offer was made on that date "
        "(each candidate counted once, however many offers they had).",
    ),
    Column(
        "campaign_arrived",
        "Campaign recruits arrived",
        "Campaign applications moved to “Arrived” in the period: the recruit arrived to start work.",
    ),
]
COUNT_KEYS = [c.key for c in COLUMNS if c.key != "median_days_to_placement"]
OUTCOME_KEYS = [key for key, _ in _OUTCOME_COLUMNS] + ["leave_end_none"]
# The sums a row shows: leave ended = its outcomes (so one hidden outcome cannot be recovered).
PARTS = {"leave_ended": OUTCOME_KEYS}

CAMPAIGNS_NOTE = (
    "The campaign figures count the recruitment campaigns the hubs run themselves and record in the portal "
    "(applications made on a campaign's form), not recruitment by employers or agencies; people reached by "
    "an advert and enquiries are not recorded. The hub team's funnel report gives every stage of a "
    "campaign, by country and by employer."
)
# The moves into these stages are counted as the return's campaign figures.
_CAMPAIGN_STAGES = {
    "campaign_interviewed": Stage.INTERVIEWED,
    "campaign_offered": Stage.OFFERED,
    "campaign_arrived": Stage.ARRIVED,
}

# The glossary's own lines: the rows and the cells that are not columns.
GLOSSARY_EXTRA: list[tuple[str, str]] = [
    ("Region", "The region of England whose hubs the figures are about; “England” is the sum of every region."),
    (
        "Period",
        "The first and last day of the return, both included. Quarters are calendar quarters (Q1 is "
        "January to March); years are calendar years.",
    ),
    ("fewer than 5", "A count of 1 to 4, hidden in national returns so that nobody can be identified."),
    (
        "withheld",
        "A count hidden in national returns so that a small count cannot be worked out by subtracting "
        "it from a total (England, or the leave-ended outcomes adding up to “Leave ended”).",
    ),
    ("Campaigns", CAMPAIGNS_NOTE),
]


@dataclass
class RegionReturn:
    """One region's figures (or England's), as numbers; `cells` holds them as shown, after suppression."""

    name: str
    counts: dict[str, int]
    placement_days: list[int] = field(default_factory=list)
    cells: dict[str, Cell] | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.placement_days) if self.placement_days else None

    def shown(self, key: str) -> str | int | float:
        """A column's value as the page and the files show it: a number, "" or a suppression word."""
        if key == "median_days_to_placement":
            median = self.median
            if median is None:
                return ""
            if self.cells is not None and (self.cells["placements"].suppressed or len(self.placement_days) < 5):
                return "withheld"
            return int(median) if median == int(median) else median
        if self.cells is not None:
            cell = self.cells[key]
            return str(cell) if cell.suppressed else cell.value
        return self.counts[key]

    def values(self) -> list[str | int | float]:
        return [self.shown(c.key) for c in COLUMNS]


@dataclass
class MonitoringReturn:
    period: Period
    rows: list[RegionReturn]  # one per region, by name
    england: RegionReturn | None  # the total, for the national team's England return
    suppressed: bool
    table: SuppressedTable | None = None

    @property
    def any_suppressed(self) -> bool:
        return self.table is not None and self.table.any_suppressed


def _local_date(name: str) -> TruncDate:
    return TruncDate(name, tzinfo=timezone.get_current_timezone())


def _in(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def region_counts(region_ids: Iterable[int], period: Period) -> tuple[dict[int, dict[str, int]], dict[int, list[int]]]:
    """Each region's counts and placement durations: eight queries whatever the number of regions."""
    ids = list(region_ids)
    counts: dict[int, dict[str, int]] = {r: dict.fromkeys(COUNT_KEYS, 0) for r in ids}

    def merge(rows: Iterable[Any]) -> None:
        for row in rows:
            values = dict(row)
            region_id = values.pop("region_id")
            counts[region_id].update(values)

    requests = RematchRequest.objects.filter(region_id__in=ids, pending=False).annotate(
        opened_on=_local_date("created_at"), closed_on=_local_date("closed_at")
    )
    supported = (
        Q(opened_on__lte=period.end)
        & (Q(placed_at__isnull=True) | Q(placed_at__gte=period.start))
        & (Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))
    )
    ended = _in("leave_end", period)
    outcome_counts = {
        f"leave_end_{value}": Count("id", filter=ended & Q(outcome=value)) for value, _ in Outcome.choices
    }
    merge(
        requests.values("region_id")
        .annotate(
            workers_supported=Count("id", filter=supported),
            placements=Count("id", filter=Q(status=RematchStatus.PLACED) & _in("placed_at", period)),
            leave_ended=Count("id", filter=ended),
            leave_end_none=Count("id", filter=ended & Q(outcome="")),
            **outcome_counts,
        )
        .order_by()
    )
    days: dict[int, list[int]] = {r: [] for r in ids}
    placed = requests.filter(Q(status=RematchStatus.PLACED) & _in("placed_at", period)).values_list(
        "region_id", "opened_on", "placed_at"
    )
    for region_id, opened_on, placed_at in placed:
        if opened_on is not None and placed_at is not None:
            days[region_id].append((placed_at - opened_on).days)
    merge(
        Introduction.objects.filter(region_id__in=ids)
        .annotate(made_on=_local_date("created_at"))
        .filter(_in("made_on", period))
        .values("region_id")
        .annotate(introductions=Count("id"))
        .order_by()
    )
    merge(
        CheckIn.objects.filter(region_id__in=ids, due_date__gte=period.start, due_date__lte=period.end)
        .exclude(status=CheckInStatus.CANCELLED)
        .values("region_id")
        .annotate(check_ins_due=Count("id"), check_ins_done=Count("id", filter=Q(status=CheckInStatus.DONE)))
        .order_by()
    )
    raised = _in("opened_on", period)
    referred = ~Q(referral="") & _in("referral_on", period)
    merge(
        Concern.objects.filter(region_id__in=ids)
        .annotate(opened_on=_local_date("opened_at"))
        .filter(raised | referred)
        .values("region_id")
        .annotate(concerns_raised=Count("id", filter=raised), concerns_referred=Count("id", filter=referred))
        .order_by()
    )
    merge(
        Certificate.objects.filter(region_id__in=ids, status=CertificateStatus.VALID)
        .filter(_in("completed_on", period))
        .values("region_id")
        .annotate(training_completions=Count("id"))
        .order_by()
    )
    merge(
        Application.objects.filter(region_id__in=ids)
        .annotate(applied_on=_local_date("applied_at"))
        .filter(_in("applied_on", period))
        .values("region_id")
        .annotate(campaign_applications=Count("id"))
        .order_by()
    )
    merge(
        ApplicationEvent.objects.filter(application__region_id__in=ids, to_stage__in=_CAMPAIGN_STAGES.values())
        .annotate(moved_on=_local_date("at"))
        .filter(_in("moved_on", period))
        .values(region_id=F("application__region_id"))
        .annotate(
            **{
                key: Count("application_id", distinct=True, filter=Q(to_stage=stage))
                for key, stage in _CAMPAIGN_STAGES.items()
            }
        )
        .order_by()
    )
    return counts, days


def region_return(*, region: Region, period: Period) -> MonitoringReturn:
    """A region's own return, for its lead: every figure as it is (the region's own data)."""
    counts, days = region_counts([region.pk], period)
    row = RegionReturn(region.name, counts[region.pk], days[region.pk])
    return MonitoringReturn(period=period, rows=[row], england=None, suppressed=False)


def national_return(*, period: Period, region: Region | None = None) -> MonitoringReturn:
    """Every region and England, suppressed together (portal/suppression.py); `region` picks one row.

    The suppression is worked out over the whole table even when one region is asked for, so a region's
    return shows exactly the cells the England table shows for it.
    """
    regions = list(Region.objects.order_by("name"))
    counts, days = region_counts([r.pk for r in regions], period)
    table = suppress({r.pk: counts[r.pk] for r in regions}, COUNT_KEYS, parts=PARTS)
    rows = [RegionReturn(r.name, counts[r.pk], days[r.pk], table.rows[r.pk]) for r in regions]
    england = RegionReturn(
        "England",
        {key: sum(row.counts[key] for row in rows) for key in COUNT_KEYS},
        sorted(d for row in rows for d in row.placement_days),
        table.totals,
    )
    if region is not None:
        chosen = [row for r, row in zip(regions, rows, strict=True) if r.pk == region.pk]
        return MonitoringReturn(period=period, rows=chosen, england=None, suppressed=True, table=table)
    return MonitoringReturn(period=period, rows=rows, england=england, suppressed=True, table=table)
