"""Rematching figures per region: open requests by band, placements, time to placement, outcomes; CSV.

Aggregates only (no names), so the national team sees every region and the hub team theirs.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from hubs.models import Region
from portal.charts import bar_chart
from portal.exports import csv_response
from portal.suppression import EXPLANATION, SMALLEST_SHOWN, Cell, SuppressedTable, suppress
from rematch.clock import BANDS
from rematch.models import OPEN_STATUSES, Outcome, RematchRequest, RematchStatus


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    open_by_band: dict[str, int]
    placed_this_month: int
    median_days_to_placement: float | None
    outcomes: dict[str, int]
    placement_days: tuple[int, ...] = ()

    @property
    def open_total(self) -> int:
        return sum(self.open_by_band.values())

    @property
    def outcomes_other(self) -> int:
        shown = {Outcome.PLACED.label, Outcome.LEFT_UK.label}
        return sum(number for label, number in self.outcomes.items() if label not in shown)


def _regions(user: object) -> list[Region]:
    scope = scope_for(user)
    if scope.national:
        return list(Region.objects.order_by("name"))
    if scope.hub_regions:
        return list(Region.objects.filter(pk__in=scope.hub_regions).order_by("name"))
    raise Http404("No rematching figures for this role")


def rematch_figures(*, regions: list[Region], today: dt.date | None = None) -> list[RegionFigures]:
    """Three queries whatever the number of regions."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    bands, lower = {}, None
    for band in BANDS:
        upper = today + dt.timedelta(days=band)
        bands[f"within_{band}"] = Q(leave_end__lte=upper) & (Q(leave_end__gt=lower) if lower else Q())
        lower = upper
    bands["later"] = Q(leave_end__gt=lower)
    bands["unknown"] = Q(leave_end__isnull=True)
    region_ids = [r.pk for r in regions]
    requests = RematchRequest.objects.filter(region_id__in=region_ids)
    open_rows = (
        requests.filter(status__in=OPEN_STATUSES, pending=False)
        .values("region_id")
        .annotate(**{name: Count("id", filter=cond) for name, cond in bands.items()})
        .order_by()
    )
    open_counts: dict[int, dict[str, int]] = {
        row["region_id"]: {name: row[name] for name in bands}  # type: ignore[literal-required]
        for row in open_rows
    }
    outcome_rows = (
        requests.filter(status__in=[RematchStatus.PLACED, RematchStatus.CLOSED])
        .values("region_id", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    outcomes: dict[int, dict[str, int]] = {}
    for row in outcome_rows:
        outcomes.setdefault(row["region_id"], {})[row["outcome"]] = row["n"]
    placed = requests.filter(status=RematchStatus.PLACED, placed_at__gte=today - dt.timedelta(days=365)).values_list(
        "region_id", "created_at", "placed_at"
    )
    durations: dict[int, list[int]] = {}
    this_month: dict[int, int] = {}
    for region_id, created_at, placed_at in placed:
        if placed_at is None:
            continue
        durations.setdefault(region_id, []).append((placed_at - timezone.localtime(created_at).date()).days)
        if placed_at >= month_start:
            this_month[region_id] = this_month.get(region_id, 0) + 1
    empty_bands = dict.fromkeys(bands, 0)
    return [
        RegionFigures(
            region=region,
            open_by_band=open_counts.get(region.pk, empty_bands),
            placed_this_month=this_month.get(region.pk, 0),
            median_days_to_placement=statistics.median(durations[region.pk]) if region.pk in durations else None,
            outcomes={label: outcomes.get(region.pk, {}).get(value, 0) for value, label in Outcome.choices},
            placement_days=tuple(durations.get(region.pk, ())),
        )
        for region in regions
    ]


BAND_LABELS = [
    ("within_7", "7 days or fewer"),
    ("within_14", "8 to 14 days"),
    ("within_30", "15 to 30 days"),
    ("within_45", "31 to 45 days"),
    ("later", "more than 45 days"),
    ("unknown", "leave end not known"),
]


def england_total(figures: list[RegionFigures]) -> RegionFigures:
    """The sum of the regions' figures (the median over every region's placements), for the last row."""
    days = tuple(day for row in figures for day in row.placement_days)
    bands = {key: sum(row.open_by_band.get(key, 0) for row in figures) for key, _ in BAND_LABELS}
    outcome_labels = [label for _, label in Outcome.choices]
    return RegionFigures(
        region=Region(name="England"),
        open_by_band=bands,
        placed_this_month=sum(row.placed_this_month for row in figures),
        median_days_to_placement=statistics.median(days) if days else None,
        outcomes={label: sum(row.outcomes.get(label, 0) for row in figures) for label in outcome_labels},
        placement_days=days,
    )


# The page's count columns, in the order shown; the median stands between "this month" and the outcomes.
COUNT_COLUMNS = ["open_total", *(key for key, _ in BAND_LABELS), "placed_this_month"]
OUTCOME_COLUMNS = ["placed", "left_uk", "other"]
# The smallest number of placements whose median the national team sees (a median of fewer is
# nearly one worker's own days).
MEDIAN_FROM = SMALLEST_SHOWN


def _counts(row: RegionFigures) -> dict[str, int]:
    return {
        "open_total": row.open_total,
        **row.open_by_band,
        "placed_this_month": row.placed_this_month,
        "placed": row.outcomes.get(Outcome.PLACED.label, 0),
        "left_uk": row.outcomes.get(Outcome.LEFT_UK.label, 0),
        "other": row.outcomes_other,
    }


@dataclass(frozen=True)
class ReportRow:
    """A line of the figures table as drawn: counts (ints for the hub team, suppressed Cells for the
    national team) and the median as text."""

    name: str
    before: list[Any]
    median: str
    after: list[Any]


def _median_text(row: RegionFigures, *, national: bool) -> str:
    if row.median_days_to_placement is None:
        return ""
    if national and len(row.placement_days) < MEDIAN_FROM:
        return "fewer than 5 placed"
    return f"{row.median_days_to_placement:g}"


def report_rows(figures: list[RegionFigures], *, national: bool) -> tuple[list[ReportRow], SuppressedTable | None]:
    """The table's lines, England's last when there are several regions; for the national team every
    count is suppressed (portal/suppression.py), the open requests' bands adding up to "all open"."""
    lines = [*figures, england_total(figures)] if len(figures) > 1 else list(figures)
    table = None
    cells: list[Mapping[str, Any]]
    if national:
        bands = [key for key, _ in BAND_LABELS]
        table = suppress(
            {row.region.pk: _counts(row) for row in figures},
            [*COUNT_COLUMNS, *OUTCOME_COLUMNS],
            parts={"open_total": bands},
        )
        cells = [*table.rows.values(), table.totals]
    else:
        cells = [_counts(row) for row in lines]
    return [
        ReportRow(
            name=row.region.name,
            before=[counts[key] for key in COUNT_COLUMNS],
            median=_median_text(row, national=national),
            after=[counts[key] for key in OUTCOME_COLUMNS],
        )
        for row, counts in zip(lines, cells, strict=True)
    ], table


@login_required
def rematch_report(request: AuthenticatedRequest) -> HttpResponse:
    figures = rematch_figures(regions=_regions(request.user))
    national = scope_for(request.user).national
    rows, table = report_rows(figures, national=national)
    chart = bar_chart(
        "Open rematch requests, by region",
        [(row.region.name, table.rows[row.region.pk]["open_total"] if table else row.open_total) for row in figures],
    )
    return render(
        request,
        "rematch/report.html",
        {
            "rows": rows[:-1] if len(figures) > 1 else rows,
            "total": rows[-1] if len(figures) > 1 else None,
            "table": table,
            "chart": chart,
            "band_labels": BAND_LABELS,
            "explanation": EXPLANATION,
        },
    )


HEADER = [
    "region",
    "open: all",
    *[f"open: {label}" for _, label in BAND_LABELS],
    "placed this month",
    "median days from request to placement",
    "closed: placed",
    "closed: left the UK",
    "closed: other",
]


@login_required
def rematch_report_csv(request: AuthenticatedRequest) -> HttpResponse:
    regions = _regions(request.user)
    figures = rematch_figures(regions=regions)
    access_record_export(request, what="rematching figures by region (CSV)", regions=[r.pk for r in regions])
    if scope_for(request.user).national:
        # The national team's file is the table on its page, suppressed the same way (the hub team's
        # file below splits "other" into each outcome, which beside the page's "other" would give a
        # hidden cell back).
        rows, _table = report_rows(figures, national=True)
        lines = ([row.name, *map(_csv_cell, row.before), row.median, *map(_csv_cell, row.after)] for row in rows)
        return csv_response("rematching-by-region.csv", HEADER, lines)
    outcome_labels = [label for _, label in Outcome.choices]
    header = [
        "region",
        *[f"open: {label}" for _, label in BAND_LABELS],
        "placed this month",
        "median days from request to placement",
        *[f"closed: {label}" for label in outcome_labels],
    ]
    lines = (
        [
            row.region.name,
            *[row.open_by_band[key] for key, _ in BAND_LABELS],
            row.placed_this_month,
            "" if row.median_days_to_placement is None else f"{row.median_days_to_placement:g}",
            *[row.outcomes[label] for label in outcome_labels],
        ]
        for row in figures
    )
    return csv_response("rematching-by-region.csv", header, lines)


def _csv_cell(cell: Cell) -> Any:
    return cell.value if not cell.suppressed else str(cell)
