"""The region's charts under the hub team's today page (issue 17, item 1).

Five pictures of the region, each with its table (the alternative for screen readers, and the
figures to copy) and a link to the list behind it:

- recruits by status, now (from the counts the page already has: no query);
- displaced workers by days left, the rematch board's bands (one query);
- check-ins done of those due, by month (the pastoral overview's own figures: one query);
- placements by month (one query);
- training certificates by month (one query).

The counts are the region's own, unsuppressed: the page is the hub team's, who see the records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from hubs.access import scope_for
from pastoral.selectors import Filters, completion_by_month
from portal.charts import BarChart, ColumnChart, Value, bar_chart, column_chart
from portal.national import month_starts
from recruits.models import RecruitStatus
from rematch.access import rematch_requests_visible_to
from rematch.clock import BANDS
from rematch.models import OPEN_STATUSES, RematchStatus
from training.models import Certificate


@dataclass(frozen=True)
class Row:
    label: str
    value: int | str
    href: str = ""


def _pairs(rows: list[Row]) -> list[tuple[str, Value]]:
    """The chart's (label, number) pairs: the rows whose figure is a count."""
    return [(row.label, row.value) for row in rows if isinstance(row.value, int)]


@dataclass(frozen=True)
class RegionChart:
    key: str
    chart: BarChart | ColumnChart
    columns: tuple[str, str]  # the table's headers: what a row is, what its figure is
    rows: list[Row]
    link: str  # the list behind the chart
    link_text: str
    empty_text: str

    @property
    def kind(self) -> str:
        return "columns" if isinstance(self.chart, ColumnChart) else "bars"


def _by_status(counts: dict[str, int]) -> RegionChart:
    url = reverse("recruit_list")
    shown = [status for status in RecruitStatus if status != RecruitStatus.LEFT]
    rows = [Row(status.label, counts.get(status.value, 0), f"{url}?status={status.value}") for status in shown]
    return RegionChart(
        key="status",
        chart=bar_chart("Recruits by status", _pairs(rows)),
        columns=("Status", "Recruits"),
        rows=rows,
        link=url,
        link_text="All recruits",
        empty_text="No recruits are on record in your region yet, so there is no chart.",
    )


def _band_label(band: int | None, previous: int) -> str:
    return f"{previous + 1} to {band} days" if band is not None else f"More than {BANDS[-1]} days"


def _days_left(user: Any, today: dt.date) -> RegionChart:
    ends = rematch_requests_visible_to(user).filter(status__in=OPEN_STATUSES, pending=False)
    counts = {band: 0 for band in (*BANDS, None)}
    unknown = 0
    for leave_end in ends.values_list("leave_end", flat=True):
        if leave_end is None:
            unknown += 1
            continue
        days = (leave_end - today).days
        counts[next((band for band in BANDS if days <= band), None)] += 1
    url = reverse("rematch_board")
    rows, previous = [], -1
    for band, count in counts.items():
        label = "7 days or fewer" if band == BANDS[0] else _band_label(band, previous)
        rows.append(Row(label, count, f"{url}?within={band}" if band is not None else url))
        previous = band if band is not None else previous
    rows.append(Row("Leave end not known yet", unknown, url))
    return RegionChart(
        key="days-left",
        chart=bar_chart("Workers waiting for a new employer, by days of leave left", _pairs(rows)),
        columns=("Leave ends", "Workers"),
        rows=rows,
        link=url,
        link_text="The rematching board",
        empty_text="No worker in your region is waiting for a new employer, so there is no chart.",
    )


def _check_ins(user: Any) -> RegionChart:
    rates = completion_by_month(user=user, filters=Filters())
    rows = [Row(rate.label, f"{rate.done} of {rate.due} ({rate.percent}%)") for rate in rates]
    chart = column_chart("Check-ins done, percent of those due", [(rate.label, rate.percent) for rate in rates])
    return RegionChart(
        key="check-ins",
        chart=chart,
        columns=("Month due", "Done"),
        rows=rows,
        link=reverse("pastoral_overview"),
        link_text="Pastoral support",
        empty_text="No check-in was due in your region in the last 12 months, so there is no chart.",
    )


def _monthly(query: Any, field: str, months: list[dt.date]) -> list[tuple[dt.date, int]]:
    counts = dict.fromkeys(months, 0)
    for row in query.annotate(month=TruncMonth(field)).values("month").annotate(n=Count("id")).order_by():
        month = row["month"]
        month = timezone.localtime(month).date() if isinstance(month, dt.datetime) else month
        if month in counts:
            counts[month] = row["n"]
    return list(counts.items())


def _placements(user: Any, months: list[dt.date]) -> RegionChart:
    placed = rematch_requests_visible_to(user).filter(status=RematchStatus.PLACED, placed_at__gte=months[0])
    url = reverse("rematch_board")
    rows = [Row(f"{month:%b %Y}", n) for month, n in _monthly(placed, "placed_at", months)]
    return RegionChart(
        key="placements",
        chart=column_chart("Workers placed with a new employer", _pairs(rows)),
        columns=("Month", "Placed"),
        rows=rows,
        link=f"{url}?status={RematchStatus.PLACED}",
        link_text="Placed workers on the rematching board",
        empty_text="No worker was placed in the last 12 months, so there is no chart.",
    )


def _certificates(user: Any, months: list[dt.date]) -> RegionChart:
    issued = Certificate.objects.filter(region_id__in=scope_for(user).hub_regions, completed_on__gte=months[0])
    rows = [Row(f"{month:%b %Y}", n) for month, n in _monthly(issued, "completed_on", months)]
    return RegionChart(
        key="training",
        chart=column_chart("Training completed (certificates issued)", _pairs(rows)),
        columns=("Month", "Certificates"),
        rows=rows,
        link=reverse("training_figures"),
        link_text="Training figures",
        empty_text="No training was completed in the last 12 months, so there is no chart.",
    )


def region_charts(*, user: Any, recruit_counts: dict[str, int], today: dt.date | None = None) -> list[RegionChart]:
    """The region's charts for the hub team's home page: four queries."""
    today = today or timezone.localdate()
    months = month_starts(today)
    return [
        _by_status(recruit_counts),
        _days_left(user, today),
        _check_ins(user),
        _placements(user, months),
        _certificates(user, months),
    ]
