"""The national team's figures: counts per region and for England, and England's trends by month.

Everything here leaves the regions, so every count goes through the small-number suppression of
`portal/suppression.py` before a template or a CSV sees it: 1 to 4 reads "fewer than 5", and a
second cell of any sum with one hidden member reads "withheld". Nothing here names a person or an
employer, and no figure links to a list of records (the national team has none: the isolation sweep
answers 404 to it on every record's address).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from hubs.models import Region
from portal.charts import BarChart, ColumnChart, bar_chart, column_chart
from portal.db_router import on_replica
from portal.exports import csv_response
from portal.suppression import EXPLANATION, SuppressedTable, suppress
from providers.models import LicenceChange, LicenceStatus, Provider
from recruits.models import Recruit, RecruitStatus, StatusChange
from rematch.models import RematchRequest, RematchStatus
from training.models import Certificate

NEEDS_SPONSOR = [RecruitStatus.AT_RISK, RecruitStatus.DISPLACED]

# The national home's table: (column, heading), in the order shown.
REGION_COLUMNS = [
    ("needs_sponsor", "Need a new sponsor"),
    ("recruits", "Recruits"),
    ("providers", "Providers"),
    ("suspended", "Suspended licence"),
    ("lost", "Licence revoked or surrendered"),
]

# England's trends: (column, heading), one chart each.
TREND_COLUMNS = [
    ("needs_sponsor", "Recruits who came to need a new sponsor"),
    ("requests", "Rematch requests opened"),
    ("placements", "Placements with a new employer"),
    ("licence_actions", "Providers whose licence was suspended or revoked"),
    ("certificates", "Training certificates issued"),
]
MONTHS = 12


def require_national(request: AuthenticatedRequest) -> None:
    """These pages are the national team's: 404 to everybody else (leads have their region's pages)."""
    if not scope_for(request.user).national:
        raise Http404("The national figures are for the national team")


@dataclass(frozen=True)
class RegionTable:
    table: SuppressedTable
    regions: list[Region]
    chart: BarChart

    @property
    def labels(self) -> dict[Any, str]:
        return {region.code: region.name for region in self.regions}

    def rows(self) -> list[tuple[str, list[Any]]]:
        return [
            (region.name, [self.table.rows[region.code][key] for key, _ in REGION_COLUMNS]) for region in self.regions
        ]

    @property
    def totals(self) -> list[Any]:
        return [self.table.totals[key] for key, _ in REGION_COLUMNS]

    @property
    def total_of(self) -> dict[str, Any]:
        return self.table.totals


@on_replica
def region_table() -> RegionTable:
    """Every region's counts, suppressed: three queries whatever the number of regions."""
    regions = list(Region.objects.order_by("code"))
    counts: dict[int, dict[str, int]] = {region.pk: {} for region in regions}
    providers = (
        Provider.objects.values("region_id")
        .annotate(
            providers=Count("id"),
            suspended=Count("id", filter=Q(licence_status=LicenceStatus.SUSPENDED)),
            lost=Count("id", filter=Q(licence_status__in=[LicenceStatus.REVOKED, LicenceStatus.SURRENDERED])),
        )
        .order_by()
    )
    recruits = (
        Recruit.objects.values("region_id")
        .annotate(recruits=Count("id"), needs_sponsor=Count("id", filter=Q(status__in=NEEDS_SPONSOR)))
        .order_by()
    )
    for query in (providers, recruits):
        for row in query:
            values: dict[str, Any] = dict(row)
            counts.setdefault(values.pop("region_id"), {}).update(values)
    columns = [key for key, _ in REGION_COLUMNS]
    table = suppress({region.code: counts[region.pk] for region in regions}, columns)
    chart = bar_chart(
        "Recruits who need a new sponsor, by region",
        [(region.name, table.rows[region.code]["needs_sponsor"]) for region in regions],
    )
    return RegionTable(table=table, regions=regions, chart=chart)


def month_starts(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The first day of each of the last `months` months, this one last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


@dataclass(frozen=True)
class Trends:
    table: SuppressedTable
    months: list[dt.date]
    charts: list[tuple[str, ColumnChart]]

    @property
    def labels(self) -> dict[Any, str]:
        return {month: f"{month:%B %Y}" for month in self.months}

    def rows(self) -> list[tuple[str, list[Any]]]:
        return [(f"{month:%B %Y}", [self.table.rows[month][key] for key, _ in TREND_COLUMNS]) for month in self.months]

    @property
    def totals(self) -> list[Any]:
        return [self.table.totals[key] for key, _ in TREND_COLUMNS]


def _by_month(query: Any, field: str, key: str, counts: dict[Hashable, dict[str, int]], *, distinct: str = "") -> None:
    rows = (
        query.annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count(distinct or "id", distinct=bool(distinct)))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        month = timezone.localtime(month).date() if isinstance(month, dt.datetime) else month
        if month in counts:
            counts[month][key] = row["n"]


@on_replica
def trends(*, today: dt.date | None = None) -> Trends:
    """England's key figures by month for the last 12 months, suppressed: five queries."""
    today = today or timezone.localdate()
    months = month_starts(today)
    since = months[0]
    since_at = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    counts: dict[Hashable, dict[str, int]] = {month: {} for month in months}
    _by_month(
        StatusChange.objects.filter(to_status__in=NEEDS_SPONSOR, at__gte=since_at),
        "at",
        "needs_sponsor",
        counts,
        distinct="recruit_id",
    )
    _by_month(RematchRequest.objects.filter(created_at__gte=since_at, pending=False), "created_at", "requests", counts)
    _by_month(
        RematchRequest.objects.filter(status=RematchStatus.PLACED, placed_at__gte=since),
        "placed_at",
        "placements",
        counts,
    )
    _by_month(
        LicenceChange.objects.filter(
            status__in=[LicenceStatus.SUSPENDED, LicenceStatus.REVOKED], effective_on__gte=since
        ),
        "effective_on",
        "licence_actions",
        counts,
        distinct="provider_id",
    )
    _by_month(Certificate.objects.filter(completed_on__gte=since), "completed_on", "certificates", counts)
    table = suppress(counts, [key for key, _ in TREND_COLUMNS])
    charts = [
        (key, column_chart(title, [(f"{month:%B %Y}", table.rows[month][key]) for month in months]))
        for key, title in TREND_COLUMNS
    ]
    return Trends(table=table, months=months, charts=charts)


@login_required
def national_trends(request: AuthenticatedRequest) -> HttpResponse:
    require_national(request)
    context = {"trends": trends(), "columns": TREND_COLUMNS, "explanation": EXPLANATION}
    return render(request, "national/trends.html", context)


@login_required
def national_csv(request: AuthenticatedRequest, table: str) -> HttpResponse:
    """The suppressed table of the national home ("regions") or of the trends page ("trends"), as shown."""
    require_national(request)
    if table == "regions":
        from portal.home.snapshots import national_figures

        regions = national_figures().value  # the figures the home page shows, as of the same time
        header = ["region", *(label for _, label in REGION_COLUMNS)]
        rows = regions.table.csv_rows(regions.labels)
        what = "national figures by region (CSV)"
        region_ids = [region.pk for region in regions.regions]
    else:
        figures = trends()
        header = ["month", *(label for _, label in TREND_COLUMNS)]
        rows = figures.table.csv_rows(figures.labels, total_label="Last 12 months")
        what = "national trends by month (CSV)"
        region_ids = list(Region.objects.values_list("pk", flat=True))
    access_record_export(request, what=what, regions=region_ids)
    return csv_response(f"national-{table}.csv", header, rows)
