"""Monitoring returns (issue 17, item 5): each figure against a hand-computed fixture, the period's
boundaries, the CSV and XLSX, national suppression, who may see which region, and query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zoneinfo
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accesslog.models import AccessEvent, Action
from campaigns.models import Stage
from hubs.models import Region
from pastoral.models import CheckIn, Concern, PastoralPlan
from portal.returns.figures import COLUMNS, COUNT_KEYS, Period, national_return, region_return
from portal.suppression import SMALL_TEXT, WITHHELD_TEXT
from recruits.models import Recruit
from rematch.models import Introduction, RematchRequest
from tests.campaigns.builders import campaign_in_a
from tests.campaigns.test_funnel import application_with
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory
from tests.rematch.test_vacancies import vacancy_of
from tests.training.builders import cohort, programme
from training.learners import learner_for_recruit
from training.models import Certificate, Enrolment

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30), "November 2026")
NOVEMBER_QUERY = {"period": "month", "year": "2026", "month": "11"}
_serial = itertools.count(1)


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment on `day`, England's time."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def d(month: int, day: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, day)


def rematch_request(region: Region, opened: dt.datetime, **fields: Any) -> RematchRequest:
    made = RematchRequest.objects.create(region=region, door="hub", given_names=f"Worker {next(_serial)}", **fields)
    RematchRequest.objects.filter(pk=made.pk).update(created_at=opened)
    made.refresh_from_db()
    return made


def introduction(request: RematchRequest, vacancy: Any, made: dt.datetime) -> None:
    intro = Introduction.objects.create(
        region=request.region,
        request=request,
        vacancy=vacancy,
        consent_at=made,
        consent_how="by phone",
        token_hash=f"{next(_serial):064d}",
        expires_at=made + dt.timedelta(days=14),
    )
    Introduction.objects.filter(pk=intro.pk).update(created_at=made)


def concern(recruit: Recruit, opened: dt.datetime, **fields: Any) -> None:
    made = Concern.objects.create(region=recruit.region, recruit=recruit, source="hub", summary="Something", **fields)
    Concern.objects.filter(pk=made.pk).update(opened_at=opened)


def certificate(region: Region, of: Any, completed_on: dt.date, status: str = "valid") -> None:
    recruit = RecruitFactory(provider=ProviderFactory(region=region))
    learner = learner_for_recruit(recruit)
    enrolment = Enrolment.objects.create(region=region, cohort=of, learner=learner, recruit=recruit, status="completed")
    n = next(_serial)
    Certificate.objects.create(
        region=region,
        learner=learner,
        recruit=recruit,
        enrolment=enrolment,
        programme=of.programme,
        holder_name=f"Holder {n}",
        programme_title=of.programme.title,
        completed_on=completed_on,
        code=f"C{n:09d}",
        status=status,
    )


def november_in_region_a(cast: Cast) -> None:
    """The hand-computed fixture: region A's records around November 2026 (answers in EXPECTED)."""
    a = cast.region_a
    r1 = rematch_request(a, at(d(10, 15)), status="searching", leave_end=d(12, 20))
    r2 = rematch_request(a, at(d(11, 30), 23, 59), status="new")  # last day: supported
    rematch_request(a, at(d(12, 1), 0, 0), status="new", leave_end=d(11, 20))  # leave ended, though opened after
    rematch_request(
        a,
        at(d(9, 1)),
        status="placed",
        outcome="placed",
        placed_at=d(11, 1),
        closed_at=at(d(11, 1)),
        leave_end=d(11, 10),
    )  # placed on the first day: 61 days
    rematch_request(a, at(d(10, 1)), status="placed", outcome="placed", placed_at=d(10, 31), closed_at=at(d(10, 31)))
    r6 = rematch_request(a, at(d(11, 2)), status="placed", outcome="placed", placed_at=d(11, 30), leave_end=d(12, 5))
    rematch_request(a, at(d(8, 1)), status="closed", outcome="left_uk", closed_at=at(d(11, 15)), leave_end=d(11, 30))
    rematch_request(a, at(d(8, 1)), status="closed", outcome="no_contact", closed_at=at(d(10, 31), 23, 59),
                    leave_end=d(11, 5))  # fmt: skip
    r9 = rematch_request(a, at(d(10, 20)), status="searching", leave_end=d(11, 1))
    rematch_request(a, at(d(11, 5)), status="new", pending=True, leave_end=d(11, 10))  # unconfirmed: left out

    vacancy = vacancy_of(cast.provider_a)
    introduction(r1, vacancy, at(d(11, 1), 0, 0))
    introduction(r2, vacancy, at(d(11, 30), 23, 59))
    introduction(r6, vacancy, at(d(10, 31), 23, 59))
    introduction(r9, vacancy, at(d(12, 1), 0, 0))

    newcomer = RecruitFactory(provider=cast.provider_a)
    plan = PastoralPlan.objects.create(region=a, recruit=newcomer, start_date=d(10, 1), end_date=d(9, 30, 2027))
    for step, due, status, done_on in [
        ("1w", d(11, 1), "done", d(11, 3)),
        ("2w", d(11, 30), "due", None),
        ("3w", d(11, 15), "cancelled", None),
        ("4w", d(10, 31), "done", d(11, 2)),
        ("1m", d(12, 1), "due", None),
    ]:
        CheckIn.objects.create(region=a, plan=plan, step=step, due_date=due, status=status, done_on=done_on)

    concern(cast.recruit_a, at(d(11, 1), 0, 0))
    concern(cast.recruit_a, at(d(10, 20)), referral="safeguarding", referral_on=d(11, 30))
    concern(cast.recruit_a, at(d(11, 10)), referral="modern_slavery", referral_on=d(11, 12))
    concern(cast.recruit_a, at(d(12, 1), 0, 0), referral="safeguarding", referral_on=d(12, 1))
    concern(cast.recruit_a, at(d(11, 5)))

    course = cohort(programme(a, title=f"Course {next(_serial)}", english=False), start=d(10, 1))
    for completed_on, status in [
        (d(11, 1), "valid"),
        (d(11, 30), "valid"),
        (d(11, 15), "revoked"),
        (d(10, 31), "valid"),
    ]:
        certificate(a, course, completed_on, status)

    campaign = campaign_in_a(cast)
    to_interview = [(Stage.SCREENED, at(d(10, 10))), (Stage.SHORTLISTED, at(d(10, 11)))]
    application_with(  # applied in November, interviewed on its last minute, offered in December
        campaign,
        "IN",
        [*to_interview, (Stage.INTERVIEWED, at(d(11, 30), 23, 59)), (Stage.OFFERED, at(d(12, 1), 0, 0))],
        applied=at(d(11, 1), 0, 30),
    )
    later = [(Stage.ACCEPTED, at(d(11, 12))), (Stage.CHECKS, at(d(11, 13))), (Stage.COS_ASSIGNED, at(d(11, 20)))]
    application_with(  # applied in October; interviewed, offered and arrived in November
        campaign,
        "PH",
        [
            *to_interview,
            (Stage.INTERVIEWED, at(d(11, 1), 0, 0)),
            (Stage.OFFERED, at(d(11, 10))),
            *later,
            (Stage.PRE_ARRIVAL, at(d(11, 21))),
            (Stage.ARRIVED, at(d(11, 30))),
        ],
        applied=at(d(10, 31), 23, 59),
    )
    application_with(campaign, "IN", [(Stage.WITHDRAWN, at(d(11, 16)))], applied=at(d(11, 15)))
    application_with(campaign, "KE", [], applied=at(d(12, 1), 0, 0))  # December


EXPECTED = {
    "workers_supported": 6,  # opened by 30 Nov and not placed or closed before 1 Nov
    "introductions": 2,  # 1 Nov 00:00 and 30 Nov 23:59
    "placements": 2,  # placed 1 Nov (61 days) and 30 Nov (28 days)
    "leave_ended": 5,
    "leave_end_placed": 1,
    "leave_end_left_uk": 1,
    "leave_end_switched_route": 0,
    "leave_end_moved_region": 0,
    "leave_end_no_contact": 1,
    "leave_end_none": 2,
    "check_ins_due": 2,
    "check_ins_done": 1,
    "concerns_raised": 3,
    "concerns_referred": 2,
    "training_completions": 2,
    "campaign_applications": 2,  # 1 Nov 00:30 and 15 Nov; not 31 Oct 23:59 or 1 Dec 00:00
    "campaign_interviewed": 2,  # 1 Nov 00:00 and 30 Nov 23:59
    "campaign_offered": 1,  # 10 Nov; not 1 Dec 00:00
    "campaign_arrived": 1,
}


def test_each_figure_matches_the_hand_computed_fixture(cast: Cast) -> None:
    november_in_region_a(cast)
    result = region_return(region=cast.region_a, period=NOVEMBER)
    (row,) = result.rows
    assert row.counts == EXPECTED
    assert sorted(row.placement_days) == [28, 61]
    assert row.shown("median_days_to_placement") == 44.5
    assert set(EXPECTED) == set(COUNT_KEYS)


def test_the_period_includes_its_first_and_last_day_and_nothing_else(cast: Cast) -> None:
    november_in_region_a(cast)
    first_day = region_return(region=cast.region_a, period=Period(d(11, 1), d(11, 1), "1 November")).rows[0]
    assert first_day.counts["introductions"] == 1 and first_day.counts["placements"] == 1
    assert first_day.counts["check_ins_due"] == 1 and first_day.counts["training_completions"] == 1
    assert first_day.counts["concerns_raised"] == 1 and first_day.counts["leave_end_none"] == 1
    last_day = region_return(region=cast.region_a, period=Period(d(11, 30), d(11, 30), "30 November")).rows[0]
    assert last_day.counts["introductions"] == 1 and last_day.counts["placements"] == 1
    assert last_day.counts["check_ins_due"] == 1 and last_day.counts["concerns_referred"] == 1
    assert last_day.counts["leave_end_left_uk"] == 1 and last_day.counts["training_completions"] == 1
    assert (first_day.counts["campaign_applications"], first_day.counts["campaign_interviewed"]) == (1, 1)
    assert (last_day.counts["campaign_interviewed"], last_day.counts["campaign_arrived"]) == (1, 1)
    december = region_return(region=cast.region_a, period=Period(d(12, 1), d(12, 31), "December")).rows[0]
    assert december.counts["introductions"] == 1 and december.counts["concerns_raised"] == 1
    assert (december.counts["campaign_applications"], december.counts["campaign_offered"]) == (1, 1)


def test_a_day_is_englands_day_even_in_summer_time(cast: Cast) -> None:
    # 00:30 on 1 October in England is 23:30 on 30 September in UTC: it counts in October.
    concern(cast.recruit_a, at(d(10, 1), 0, 30))
    october = region_return(region=cast.region_a, period=Period(d(10, 1), d(10, 31), "October")).rows[0]
    september = region_return(region=cast.region_a, period=Period(d(9, 1), d(9, 30), "September")).rows[0]
    assert (october.counts["concerns_raised"], september.counts["concerns_raised"]) == (1, 0)


def test_the_leads_page_shows_the_regions_figures_in_a_fixed_number_of_queries(cast: Cast, client) -> None:
    november_in_region_a(cast)
    client.force_login(cast.lead_a)
    url = reverse("monitoring_return")
    client.get(url, NOVEMBER_QUERY)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url, NOVEMBER_QUERY).content.decode()
    assert "West Midlands: November 2026" in page and "44.5" in page
    assert "fewer than 5" not in page  # a lead's own region is not suppressed
    # Twice the records: the same number of queries.
    november_in_region_a(cast)
    with CaptureQueriesContext(connection) as more:
        client.get(url, NOVEMBER_QUERY)
    assert len(more) == len(few) == 15, [q["sql"] for q in few.captured_queries]


def _csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv") and response["Cache-Control"] == "no-store"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_holds_the_figures_then_a_glossary_of_every_column_and_is_logged(cast: Cast, client) -> None:
    november_in_region_a(cast)
    client.force_login(cast.lead_a)
    rows = _csv(client.get(reverse("monitoring_return_csv"), NOVEMBER_QUERY))
    header, figures = rows[0], rows[1]
    assert header == ["Region", "Period", *[c.label for c in COLUMNS]]
    values = dict(zip(header, figures, strict=True))
    assert values["Region"] == "West Midlands" and values["Period"] == "2026-11-01 to 2026-11-30"
    for column in COLUMNS:
        if column.key in EXPECTED:
            assert values[column.label] == str(EXPECTED[column.key]), column.label
    assert values["Median days to placement"] == "44.5"
    assert rows[2] == [] and rows[3] == ["Glossary", "Definition"]
    defined = {row[0]: row[1] for row in rows[4:]}
    assert all(defined.get(column.label) for column in COLUMNS)
    assert "Campaigns" in defined
    assert list(AccessEvent.objects.values_list("region_id", "action")) == [(cast.region_a.pk, Action.EXPORT)]


def test_the_xlsx_has_the_return_and_a_glossary_sheet(cast: Cast, client) -> None:
    november_in_region_a(cast)
    client.force_login(cast.lead_a)
    response = client.get(reverse("monitoring_return_xlsx"), NOVEMBER_QUERY)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;") and ".xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Return", "Glossary"]
    header, figures = list(book["Return"].iter_rows(values_only=True))
    values = dict(zip(header, figures, strict=True))
    for column in COLUMNS:
        if column.key in EXPECTED:
            assert values[column.label] == EXPECTED[column.key], column.label
    assert values["Median days to placement"] == 44.5
    glossary = {term: text for term, text in book["Glossary"].iter_rows(min_row=2, values_only=True)}
    assert all(glossary.get(column.label) for column in COLUMNS)
    assert AccessEvent.objects.filter(action=Action.EXPORT, region=cast.region_a).count() == 1


def _numbers(cells: list[Any]) -> list[int]:
    return [int(cell) for cell in cells if isinstance(cell, int) or (isinstance(cell, str) and cell.isdigit())]


def test_national_output_never_shows_a_count_of_1_to_4(cast: Cast, client) -> None:
    november_in_region_a(cast)
    # Region B: seven workers supported, so its column has something to show.
    for _ in range(7):
        rematch_request(cast.region_b, at(d(11, 3)), status="searching")
    client.force_login(cast.national)
    rows = _csv(client.get(reverse("monitoring_return_csv"), {**NOVEMBER_QUERY, "region": "england"}))
    glossary_at = rows.index([])
    table = rows[1:glossary_at]
    assert len(table) == Region.objects.count() + 1 and table[-1][0] == "England"
    for line in table:
        assert not [n for n in _numbers(line[2:]) if 1 <= n <= 4], line
    by_name = {line[0]: dict(zip(rows[0], line, strict=True)) for line in table}
    west_midlands = by_name["West Midlands"]
    assert west_midlands["Introductions"] == SMALL_TEXT and by_name["England"]["Introductions"] == SMALL_TEXT
    assert west_midlands["Workers supported"] == "6" and by_name["North West"]["Workers supported"] == "7"
    assert by_name["England"]["Workers supported"] == "13"
    assert west_midlands["Median days to placement"] == WITHHELD_TEXT  # over 2 placements
    assert west_midlands["Campaign applications"] == SMALL_TEXT and west_midlands["Campaign offers made"] == SMALL_TEXT
    # No suppressed cell can be recovered by subtraction: a column never has exactly one hidden cell.
    result = national_return(period=NOVEMBER)
    assert result.table is not None
    for key in COUNT_KEYS:
        hidden = [row[key] for row in [*result.table.rows.values(), result.table.totals] if row[key].suppressed]
        assert len(hidden) != 1, key
    # The page and the XLSX follow the same rules.
    page = client.get(reverse("monitoring_return"), {**NOVEMBER_QUERY, "region": "england"}).content.decode()
    assert "fewer than 5" in page and "so that nobody can be identified" in page
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("monitoring_return_xlsx"), {**NOVEMBER_QUERY, "region": "england"}).content)
    )
    for line in book["Return"].iter_rows(min_row=2, values_only=True):
        assert not [n for n in _numbers(list(line[2:])) if 1 <= n <= 4], line
    assert "Suppression" in [row[0] for row in book["Glossary"].iter_rows(values_only=True)]


def test_the_national_team_can_ask_for_one_region_with_the_same_suppression(cast: Cast, client) -> None:
    november_in_region_a(cast)
    client.force_login(cast.national)
    rows = _csv(client.get(reverse("monitoring_return_csv"), {**NOVEMBER_QUERY, "region": cast.region_a.code}))
    assert rows[1][0] == "West Midlands" and rows[2] == []
    values = dict(zip(rows[0], rows[1], strict=True))
    assert values["Workers supported"] == "6" and values["Introductions"] == SMALL_TEXT
    assert not [n for n in _numbers(rows[1][2:]) if 1 <= n <= 4]
    assert list(AccessEvent.objects.values_list("region_id", flat=True)) == [cast.region_a.pk]


def test_the_national_page_takes_a_fixed_number_of_queries(cast: Cast, client) -> None:
    client.force_login(cast.national)
    url = reverse("monitoring_return")
    client.get(url)
    with CaptureQueriesContext(connection) as empty:
        client.get(url)
    november_in_region_a(cast)
    with CaptureQueriesContext(connection) as full:
        assert client.get(url, {**NOVEMBER_QUERY, "region": "england"}).status_code == 200
    assert len(full) == len(empty) <= 20, [q["sql"] for q in full.captured_queries]


@pytest.mark.parametrize("who", ["provider_admin_a", "provider_staff_a", "council_officer_a", "recruit_user_a"])
@pytest.mark.parametrize("name", ["monitoring_return", "monitoring_return_csv", "monitoring_return_xlsx",
                                  "monitoring_return_glossary"])  # fmt: skip
def test_providers_councils_and_recruits_are_refused(cast: Cast, client, who: str, name: str) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse(name)).status_code == 403
    assert not AccessEvent.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.parametrize("name", ["monitoring_return", "monitoring_return_csv", "monitoring_return_xlsx"])
def test_a_lead_cannot_choose_another_region(cast: Cast, client, name: str) -> None:
    for _ in range(7):
        rematch_request(cast.region_b, at(d(11, 3)), status="searching")
    client.force_login(cast.lead_a)
    for region in (cast.region_b.code, "england"):
        response = client.get(reverse(name), {**NOVEMBER_QUERY, "region": region})
        assert response.status_code == 400
        page = response.content.decode()
        assert "a lead sees the return of your own region only" in page
        assert "North West" not in page and 'id="monitoring-return"' not in page
    assert not AccessEvent.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "dates", "start": "2026-11-31", "end": "2026-12-01"}, "From must be a real date"),
        ({"period": "dates", "start": "2026-12-01", "end": "2026-11-01"}, "must be the same as or after"),
        ({"period": "dates", "start": "2026-11-01"}, "Enter the last day of the period"),
        ({"period": "dates", "start": "2016-01-01", "end": "2026-01-01"}, "5 years at most"),
        ({"period": "month", "year": "twenty", "month": "11"}, "Year must be a number"),
        ({"period": "month", "year": "", "month": "11"}, "Enter the year"),
        ({"period": "month", "year": "2026", "month": "13"}, "Choose a month from the list"),
        ({"period": "fortnight"}, "Choose a month, a quarter, a year or two dates"),
    ],
)
def test_invalid_filters_say_what_to_fix_and_never_fail(cast: Cast, client, query: dict, message: str) -> None:
    client.force_login(cast.lead_a)
    for name in ("monitoring_return", "monitoring_return_csv"):
        response = client.get(reverse(name), query)
        assert response.status_code == 400
        assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_quarters_years_and_dates_give_their_periods(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("monitoring_return")
    cases = [
        ({"period": "quarter", "year": "2026", "quarter": "4"}, "Q4 2026", "1 October 2026 to 31 December 2026"),
        ({"period": "year", "year": "2024"}, "2024", "1 January 2024 to 31 December 2024"),
        ({"period": "month", "year": "2024", "month": "2"}, "February 2024", "1 February 2024 to 29 February 2024"),
        ({"period": "dates", "start": "2026-11-03", "end": "2026-11-09"}, "3 November 2026 to 9 November 2026",
         "3 November 2026 to 9 November 2026"),
    ]  # fmt: skip
    for query, label, span in cases:
        page = client.get(url, query).content.decode()
        assert f"West Midlands: {label}" in page, label
        assert f"From {span}, both days included" in page, label


def test_the_glossary_defines_every_column_and_is_in_the_menus(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    page = client.get(reverse("monitoring_return_glossary")).content.decode()
    for column in COLUMNS:
        assert f'id="{column.key}"' in page and column.label in page
    assert "Campaigns" in page
    assert reverse("monitoring_return") in client.get(reverse("home")).content.decode()
    client.force_login(cast.national)
    assert reverse("monitoring_return") in client.get(reverse("home")).content.decode()
    assert client.get(reverse("monitoring_return_glossary")).status_code == 200
