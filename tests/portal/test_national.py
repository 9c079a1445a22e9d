"""The national view (issue 17 item 3): every count the national team sees is suppressed.

A crafted fixture gives regions counts of 0, 1-4 and 5 or more. On every national page and CSV no
count of 1 to 4 appears (the table cells, the headline figures and the charts are parsed), no
hidden cell can be worked out by subtraction (the module's invariant, on each view's own table),
each page answers with a fixed number of queries, and the national team reaches no record.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from accesslog.models import AccessEvent
from hubs.models import Region
from portal.national import month_starts
from portal.suppression import SMALL_TEXT, WITHHELD_TEXT
from providers.models import LicenceChange, LicenceStatus
from recruits.models import RecruitStatus, StatusChange
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory, council_in, region
from tests.portal.test_suppression import sums_hold_no_lonely_hidden_cell

SMALL = {"1", "2", "3", "4"}
NORTH_EAST = "E12000001"


class _Cells(HTMLParser):
    """The text of every table cell, headline figure and chart label or value on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.descriptions: list[str] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        median = "data-median" in dict(attrs)
        if (tag == "td" and not median) or tag in ("text", "desc") or "portal-figure__number" in classes:
            self._open, self._text = tag, []  # the cells hold no nested element of the same kind

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            text = "".join(self._text).strip()
            (self.descriptions if tag == "desc" else self.cells).append(text)
            self._open = None


def _no_small_count_in(html: str) -> list[str]:
    parser = _Cells()
    parser.feed(html)
    assert parser.cells, "nothing parsed: the check would prove nothing"
    small = [cell for cell in parser.cells if cell in SMALL]
    for description in parser.descriptions:
        small += [item for item in description.rstrip(".").split("; ") if item.rsplit(": ", 1)[-1] in SMALL]
    assert small == [], f"counts of 1-4 shown: {small}"
    return parser.cells


def _no_small_count_in_csv(content: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(content.decode())))
    header, lines = rows[0], rows[1:]
    counts = [i for i, name in enumerate(header) if i > 0 and "median" not in name]
    small = [(line[0], header[i], line[i]) for line in lines for i in counts if line[i] in SMALL]
    assert small == [], f"counts of 1-4 in the CSV: {small}"
    return rows


@pytest.fixture
def crafted(cast: Cast) -> Cast:
    """West Midlands (A): 12 recruits, 3 needing a sponsor, 1 provider; North West (B): 1 recruit,
    1 provider; North East: 7 recruits, 6 displaced, 6 providers, 1 suspended, 5 revoked; the other
    six regions none. England's needing-a-sponsor trend: 3 this month, 7 last month."""
    RecruitFactory.create_batch(8, provider=cast.provider_a, status=RecruitStatus.EMPLOYED)
    displaced_a = RecruitFactory.create_batch(3, provider=cast.provider_a, status=RecruitStatus.DISPLACED)
    north_east = region(NORTH_EAST)
    council = council_in(north_east)
    ne_provider = ProviderFactory(region=north_east, local_authority=council, licence_status=LicenceStatus.SUSPENDED)
    revoked = [
        ProviderFactory(region=north_east, local_authority=council, licence_status=LicenceStatus.REVOKED)
        for _ in range(5)
    ]
    RecruitFactory(provider=ne_provider, status=RecruitStatus.EMPLOYED)
    displaced = RecruitFactory.create_batch(6, provider=ne_provider, status=RecruitStatus.DISPLACED)
    today = timezone.localdate()
    this_month, last_month = month_starts(today)[-1], month_starts(today)[-2]
    for index, recruit in enumerate([*displaced_a, *displaced, cast.recruit_a]):
        change = StatusChange.objects.create(recruit=recruit, from_status="employed", to_status="displaced")
        month = this_month if index < 3 else last_month
        at = timezone.make_aware(dt.datetime.combine(month + dt.timedelta(days=1), dt.time(12)))
        StatusChange.objects.filter(pk=change.pk).update(at=at)
    for provider in revoked:
        LicenceChange.objects.create(provider=provider, status="revoked", rating="A", effective_on=last_month)
    return cast


NATIONAL_PAGES = [
    ("home", "figures"),
    ("national_trends", "trends"),
    ("rematch_report", "table"),
    ("training_figures", "suppressed"),
]


@pytest.mark.parametrize(("name", "table"), NATIONAL_PAGES)
def test_no_count_of_1_to_4_is_shown_and_none_can_be_worked_out(crafted: Cast, client, name: str, table: str) -> None:
    client.force_login(crafted.national)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    cells = _no_small_count_in(html)
    assert crafted.recruit_a.family_name not in html and crafted.provider_a.name not in html
    suppressed = response.context[table]
    suppressed = getattr(suppressed, "table", suppressed)
    sums_hold_no_lonely_hidden_cell(suppressed, suppressed.parts)
    if name in ("home", "national_trends"):
        assert SMALL_TEXT in cells and WITHHELD_TEXT in cells


def test_the_national_home_hides_small_regions_and_withholds_enough_others(crafted: Cast, client) -> None:
    client.force_login(crafted.national)
    response = client.get(reverse("home"))
    figures = response.context["figures"]
    a, b, ne = crafted.region_a.code, crafted.region_b.code, NORTH_EAST
    rows = figures.table.rows
    # Hand-computed: need a sponsor A 3, NE 6, England 9: A is small, so one more of that column is
    # withheld (the smallest non-zero other: NE), leaving England's 9 shown.
    assert (str(rows[a]["needs_sponsor"]), str(rows[ne]["needs_sponsor"])) == (SMALL_TEXT, WITHHELD_TEXT)
    assert str(figures.table.totals["needs_sponsor"]) == "9"
    # Recruits: A 12, B 1, NE 7: B small, NE withheld, A and England (20) shown.
    assert [str(rows[key]["recruits"]) for key in (a, b, ne)] == ["12", SMALL_TEXT, WITHHELD_TEXT]
    assert str(figures.table.totals["recruits"]) == "20"
    # Revoked or surrendered: NE 5, nowhere else: shown (5 is not small).
    assert str(rows[ne]["lost"]) == "5" and str(figures.table.totals["lost"]) == "5"
    # The chart draws no bar for a hidden region and says why in its description.
    bars = {bar.label: bar for bar in figures.chart.bars}
    assert bars[crafted.region_a.name].suppressed and bars[crafted.region_a.name].width == 0
    assert f"{crafted.region_a.name}: {SMALL_TEXT}" in figures.chart.description
    chart = response.content.decode().split('id="chart-needs-sponsor"')[1].split("</svg>")[0]
    assert "<rect" not in chart  # A and NE hidden, the other regions none: no bar to draw
    assert f">{SMALL_TEXT}</text>" in chart and f">{WITHHELD_TEXT}</text>" in chart


def test_trends_show_englands_months_with_small_months_hidden(crafted: Cast, client) -> None:
    client.force_login(crafted.national)
    response = client.get(reverse("national_trends"))
    trends = response.context["trends"]
    months = month_starts(timezone.localdate())
    assert len(trends.months) == 12 and trends.months == months
    # 3 this month (small), 7 last month (withheld so the 12 months' 10 does not give the 3 back).
    assert str(trends.table.rows[months[-1]]["needs_sponsor"]) == SMALL_TEXT
    assert str(trends.table.rows[months[-2]]["needs_sponsor"]) == WITHHELD_TEXT
    assert str(trends.table.totals["needs_sponsor"]) == "10"
    # Five providers lost their licence last month: shown.
    assert str(trends.table.rows[months[-2]]["licence_actions"]) == "5"
    charts = dict(trends.charts)
    assert set(charts) == {"needs_sponsor", "requests", "placements", "licence_actions", "certificates"}
    needs = charts["needs_sponsor"]
    assert [column.suppressed for column in needs.columns[-2:]] == [True, True]
    assert all(column.height == 0 for column in needs.columns)  # nothing shown: no column drawn
    html = response.content.decode()
    # Drawn: the needing-a-sponsor chart (two hidden months, marked but without a column) and the
    # licence chart; the three with nothing in 12 months say so instead.
    assert html.count('<svg role="img"') == 2
    needs_svg = html.split('id="chart-needs_sponsor"')[1].split("</svg>")[0]
    assert "<rect" not in needs_svg and ">&lt;5</text>" in needs_svg
    assert 'id="by-month"' in html


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("national_regions_csv", "region"),
        ("national_trends_csv", "month"),
        ("training_regions_csv", "region"),
        ("rematch_report_csv", "region"),
    ],
)
def test_the_csv_is_the_suppressed_table_and_is_logged(crafted: Cast, client, name: str, first: str) -> None:
    client.force_login(crafted.national)
    before = AccessEvent.objects.count()
    response = client.get(reverse(name))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    rows = _no_small_count_in_csv(response.content)
    assert rows[0][0] == first
    assert rows[-1][0] in ("England", "Last 12 months")
    # Logged once in each region's access log, as every export is.
    assert AccessEvent.objects.count() - before == Region.objects.count()


def test_the_national_csv_reads_as_the_page(crafted: Cast, client) -> None:
    client.force_login(crafted.national)
    rows = _no_small_count_in_csv(client.get(reverse("national_regions_csv")).content)
    by_region = {row[0]: row for row in rows[1:]}
    assert by_region[crafted.region_a.name][1:3] == [SMALL_TEXT, "12"]
    assert by_region["England"][1:3] == ["9", "20"]


def test_leads_still_see_their_own_region_unsuppressed(crafted: Cast, client) -> None:
    client.force_login(crafted.lead_a)
    page = client.get(reverse("rematch_report"))
    assert page.context["table"] is None
    html = client.get(reverse("home")).content.decode()
    assert 'portal-figure__number">3</span>' in html  # three displaced workers, shown to their lead
    for name in ("national_trends", "national_regions_csv", "national_trends_csv", "training_regions_csv"):
        assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("home", 5),  # the figures come from the store (portal/home/snapshots.py): 8 when computed
        ("national_trends", 10),
        ("rematch_report", 9),
        ("training_figures", 9),
        ("national_regions_csv", 13),  # the home page's stored figures, as shown
        ("national_trends_csv", 19),
        ("training_regions_csv", 17),
    ],
)
def test_each_national_page_takes_a_fixed_number_of_queries(
    crafted: Cast, client, django_assert_num_queries, name: str, queries: int
) -> None:
    # The session, the user, their grants (scope_for) and the menu take the same queries on every page;
    # the figures take three (home), five (trends) or the view's grouped counts.
    client.force_login(crafted.national)
    client.get(reverse(name))
    # More regions' rows change nothing: the counts are grouped in the database.
    RecruitFactory.create_batch(5, provider=crafted.provider_b, status=RecruitStatus.DISPLACED)
    with django_assert_num_queries(queries):
        assert client.get(reverse(name)).status_code == 200
