"""The region's charts on the hub team's today page: each figure against a fixture counted by hand,
each chart with its table and its list, another region's rows never counted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.home.charts import region_charts
from recruits.models import RecruitStatus
from rematch import services as rematch_services
from rematch.models import Door, RematchRequest
from tests.conftest import Cast
from tests.factories import RecruitFactory
from tests.training.builders import cohort, move_to_past, programme
from training import services as training_services
from training.certificates import attendance_record

pytestmark = pytest.mark.django_db


def _rows(charts, key: str) -> dict[str, object]:
    chart = next(chart for chart in charts if chart.key == key)
    return {row.label: row.value for row in chart.rows}


def _waiting(cast: Cast, provider, *, days_left: int | None) -> RematchRequest:
    today = timezone.localdate()
    expiry = today.replace(year=today.year + 3) if days_left is not None else None  # None: no date on record
    recruit = RecruitFactory(provider=provider, status=RecruitStatus.DISPLACED, visa_expiry=expiry)
    if days_left is not None:
        recruit.curtailment_letter_date = today - dt.timedelta(days=60 - days_left)
        recruit.save()
    return rematch_services.rematch_open(actor=cast.staff_a, recruit=recruit, door=Door.PROVIDER)


def test_recruits_by_status_count_the_region_only(cast: Cast) -> None:
    from portal.home.selectors import region_figures

    def rows() -> dict[str, object]:
        counts = region_figures(user=cast.lead_a)["recruits"]  # computed, not the stored snapshot
        return _rows(region_charts(user=cast.lead_a, recruit_counts=counts), "status")

    before = rows()
    RecruitFactory.create_batch(3, provider=cast.provider_a, status=RecruitStatus.DISPLACED)
    RecruitFactory.create_batch(2, provider=cast.provider_a, status=RecruitStatus.AT_RISK)
    RecruitFactory.create_batch(5, provider=cast.provider_b, status=RecruitStatus.DISPLACED)  # another region
    after = rows()
    changed = {label: after[label] - before[label] for label in after if after[label] != before[label]}  # type: ignore[operator]
    assert changed == {"Displaced": 3, "At risk": 2}
    assert "Left" not in after


def test_waiting_workers_fall_into_the_boards_bands(cast: Cast) -> None:
    for days in (3, -2, 10, 20, 40, 90):
        _waiting(cast, cast.provider_a, days_left=days)
    _waiting(cast, cast.provider_a, days_left=None)
    _waiting(cast, cast.provider_b, days_left=3)  # another region
    rows = _rows(region_charts(user=cast.lead_a, recruit_counts={}), "days-left")
    assert rows == {
        "7 days or fewer": 2,  # 3 days left, and one whose leave ended 2 days ago
        "8 to 14 days": 1,
        "15 to 30 days": 1,
        "31 to 45 days": 1,
        "More than 45 days": 1,
        "Leave end not known yet": 1,
    }


def test_placements_and_certificates_by_month(cast: Cast) -> None:
    today = timezone.localdate()
    this_month, last_month = today.replace(day=1), (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    placed = [_waiting(cast, cast.provider_a, days_left=30) for _ in range(3)]
    elsewhere = _waiting(cast, cast.provider_b, days_left=30)
    for request, day in zip([*placed, elsewhere], [this_month, last_month, last_month, this_month], strict=True):
        RematchRequest.objects.filter(pk=request.pk).update(status="placed", placed_at=day)
    made = cohort(programme(cast.region_a, english=False, certification="Level 1"))
    people = [cast.recruit_a, RecruitFactory(provider=cast.provider_a)]
    enrolments = [training_services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=r) for r in people]
    move_to_past(made)
    for session in made.days.order_by("date"):
        attendance_record(actor=cast.staff_a, day=session, present={e.pk for e in enrolments})
    last_day = made.days.order_by("date").last()
    assert last_day is not None
    completed = last_day.date

    charts = region_charts(user=cast.lead_a, recruit_counts={})
    placements = _rows(charts, "placements")
    assert placements[f"{this_month:%b %Y}"] == 1 and placements[f"{last_month:%b %Y}"] == 2
    assert sum(placements.values()) == 3 and len(placements) == 12
    certificates = _rows(charts, "training")
    assert certificates[f"{completed.replace(day=1):%b %Y}"] == 2 and sum(certificates.values()) == 2
    assert sum(_rows(region_charts(user=cast.lead_b, recruit_counts={}), "training").values()) == 0


def test_check_ins_are_the_pastoral_overviews_figures(cast: Cast, client) -> None:
    from tests.pastoral.builders import plan_for, red_check_in

    plan_for(cast)
    red_check_in(cast)
    rows = _rows(region_charts(user=cast.lead_a, recruit_counts={}), "check-ins")
    assert rows, "check-ins were due in the last 12 months"
    assert sum(int(str(value).split(" of ")[0]) for value in rows.values()) == 1  # the one done
    client.force_login(cast.lead_a)
    overview = client.get(reverse("pastoral_overview")).content.decode()
    for label in rows:
        assert label in overview


def test_the_today_page_draws_each_chart_with_its_table_and_list(cast: Cast, client) -> None:
    RecruitFactory.create_batch(3, provider=cast.provider_a, status=RecruitStatus.DISPLACED)
    _waiting(cast, cast.provider_a, days_left=5)
    client.force_login(cast.lead_a)
    html = client.get(reverse("home")).content.decode()
    assert "Your region in charts" in html
    assert '<svg role="img" aria-labelledby="chart-status-title chart-status-desc"' in html
    assert 'id="table-status"' in html and f'href="{reverse("recruit_list")}?status=displaced">Displaced</a>' in html
    assert 'id="table-days-left"' in html and f"{reverse('rematch_board')}?within=7" in html
    assert "No training was completed in the last 12 months, so there is no chart." in html
    mine = client.get(reverse("home") + "?view=mine").content.decode()
    assert "Your region in charts" not in mine
