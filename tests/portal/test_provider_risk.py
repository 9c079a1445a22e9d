"""Provider risk (issue 17, item 2): each signal on a hand-built fixture (one provider per signal),
the ranking, sorting and pagination, a fixed number of queries, who may open the page, the
confidentiality of what workers told the hub, and region isolation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.models import EventKind, LicenceEvent, RegisterAlert, RegisterImport
from pastoral.models import CheckIn, Concern
from portal.risk import selectors
from portal.risk.weights import SIGNALS, WEIGHTS
from providers.models import LicenceChange, Provider
from recruits.duties.models import ReportingDuty
from rematch.models import RematchRequest
from tests.factories import ProviderFactory, RecruitFactory
from tests.pastoral.builders import SECRET, plan_for
from training.models import PlanItem

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def _event(provider: Provider, kind: str, on: dt.date) -> None:
    change = LicenceChange.objects.create(provider=provider, status="active", rating="A", effective_on=on)
    LicenceEvent.objects.create(
        region=provider.region, provider=provider, kind=kind, event_date=on, licence_change=change
    )


def build_signals(cast: Any) -> dict[str, Provider]:
    """One provider of region A per signal, each with what counts (value 2 where a count is possible,
    or 1 for a flag) and something beside it that must not count."""
    region = cast.region_a
    made: dict[str, Provider] = {}

    def provider(key: str, **fields: Any) -> Provider:
        made[key] = Provider.objects.get(pk=ProviderFactory(region=region, name=f"Signal {key}", **fields).pk)
        return made[key]

    provider("b_rated", licence_rating="B")
    provider("licence_lost", licence_status="suspended")

    events = provider("licence_events")
    _event(events, EventKind.B_RATING, TODAY - 30 * DAY)
    _event(events, EventKind.SUSPENSION, TODAY - 300 * DAY)
    _event(events, EventKind.REINSTATEMENT, TODAY - 20 * DAY)  # not a risk
    _event(events, EventKind.SUSPENSION, TODAY - 400 * DAY)  # older than 12 months

    alerts = provider("register_alerts")
    register = RegisterImport.objects.create(source="test")
    for status in ("open", "open", "dismissed"):
        RegisterAlert.objects.create(
            region=region, provider=alerts, register_import=register, kind="b_rating", details="B", status=status
        )

    red = provider("red_check_ins")
    for n in range(3):
        plan = plan_for(cast, RecruitFactory(provider=red))
        check_in = plan.check_ins.order_by("due_date").first()
        assert check_in is not None and check_in.provider == red
        done_on = TODAY - (400 if n == 2 else 10) * DAY  # the third is older than 6 months
        CheckIn.objects.filter(pk=check_in.pk).update(red=True, status="done", done_on=done_on)

    concerns = provider("open_concerns")
    worker = RecruitFactory(provider=concerns)
    for status in ("open", "escalated", "closed"):
        Concern.objects.create(region=region, recruit=worker, source="hub", summary=SECRET, status=status)

    rematch = provider("rematch_requests")
    for door, extra in [
        ("recruit", {}),
        ("hub", {}),
        ("provider", {}),  # the employer's own request
        ("hub", {"reason": "licence_lost"}),  # counted by the licence signals
        ("public", {"pending": True}),  # not confirmed yet
    ]:
        RematchRequest.objects.create(
            region=region, recruit=RecruitFactory(provider=rematch), provider=rematch, door=door, **extra
        )

    duties = provider("overdue_duties")
    for deadline, reported in [(TODAY - 5 * DAY, None), (TODAY - DAY, None), (TODAY - 9 * DAY, TODAY), (TODAY, None)]:
        ReportingDuty.objects.create(
            region=region,
            provider=duties,
            kind="pay_cut",
            event_date=TODAY - 20 * DAY,
            deadline=deadline,
            reported_on=reported,
        )

    training = provider("overdue_training")
    learner = RecruitFactory(provider=training)
    for target, status in [(TODAY - 3 * DAY, "planned"), (TODAY - 30 * DAY, "planned"), (TODAY - 3 * DAY, "done")]:
        PlanItem.objects.create(
            region=region, recruit=learner, title="Moving and handling", target_date=target, status=status
        )
    PlanItem.objects.create(region=region, recruit=learner, title="Later", target_date=TODAY + 9 * DAY)
    return made


EXPECTED = {
    "b_rated": 1,
    "licence_lost": 1,
    "licence_events": 2,
    "register_alerts": 2,
    "red_check_ins": 2,
    "open_concerns": 2,
    "rematch_requests": 2,
    "overdue_duties": 2,
    "overdue_training": 2,
}


def _rows(user: Any, **kwargs: Any) -> dict[str, selectors.RiskRow]:
    return {row.provider.name: row for row in selectors.provider_risk_page(user=user, page_size=100, **kwargs).items}


def test_every_signal_counts_what_it_should_and_nothing_else(cast) -> None:
    assert set(EXPECTED) == set(WEIGHTS)
    made = build_signals(cast)
    rows = _rows(cast.lead_a)
    for key, provider in made.items():
        row = rows[provider.name]
        values = dict((signal.key, value) for signal, value in row.cells)
        assert values == {k: (EXPECTED[key] if k == key else 0) for k in WEIGHTS}, key
        assert row.score == EXPECTED[key] * WEIGHTS[key], key
        assert [(signal.key, points) for signal, _, points in row.reasons] == [(key, row.score)]
    quiet = rows[cast.provider_a.name]
    assert quiet.score == 0 and quiet.reasons == []


def test_the_ranking_adds_the_weighted_signals(cast) -> None:
    made = build_signals(cast)
    # One provider with several signals at once goes to the top.
    worst = made["b_rated"]
    _event(worst, EventKind.B_RATING, TODAY - 5 * DAY)
    ReportingDuty.objects.create(
        region=cast.region_a, provider=worst, kind="pay_cut", event_date=TODAY - 20 * DAY, deadline=TODAY - DAY
    )
    page = selectors.provider_risk_page(user=cast.staff_a, page_size=100)
    scores = [row.score for row in page.items]
    assert scores == sorted(scores, reverse=True)
    top = page.items[0]
    assert top.provider == worst
    assert top.score == WEIGHTS["b_rated"] + WEIGHTS["licence_events"] + WEIGHTS["overdue_duties"] == 36
    assert [signal.key for signal, _, _ in top.reasons] == ["b_rated", "licence_events", "overdue_duties"]
    # Equal scores fall back to the name.
    expected = sorted(
        ((EXPECTED[k] * WEIGHTS[k], p.name) for k, p in made.items() if p != worst), key=lambda s: (-s[0], s[1])
    )
    assert [(row.score, row.provider.name) for row in page.items[1:-1]] == expected
    assert page.items[-1].provider == cast.provider_a


@pytest.mark.parametrize("sort", ["name", "-name", "score", "-score", *(s.key for s in SIGNALS), "-open_concerns"])
def test_every_column_sorts(cast, sort: str) -> None:
    build_signals(cast)
    page = selectors.provider_risk_page(user=cast.lead_a, sort=sort, page_size=100)
    key = sort.removeprefix("-")
    values = [
        row.provider.name
        if key == "name"
        else row.score
        if key == "score"
        else dict((s.key, v) for s, v in row.cells)[key]
        for row in page.items
    ]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_an_unknown_sort_falls_back_to_score(cast) -> None:
    assert selectors.parse_sort("-summary") == "-score"
    assert selectors.parse_sort("password") == "-score"
    assert selectors.parse_sort("-red_check_ins") == "-red_check_ins"


def _providers_with_every_signal(cast: Any, count: int) -> None:
    for n in range(count):
        provider = ProviderFactory(region=cast.region_a, name=f"Busy {n:02d}", licence_rating="B")
        _event(provider, EventKind.B_RATING, TODAY - 3 * DAY)
        worker = RecruitFactory(provider=provider)
        Concern.objects.create(region=cast.region_a, recruit=worker, source="hub", summary=SECRET)
        ReportingDuty.objects.create(
            region=cast.region_a, provider=provider, kind="pay_cut", event_date=TODAY - 20 * DAY, deadline=TODAY - DAY
        )
        PlanItem.objects.create(region=cast.region_a, recruit=worker, title="Course", target_date=TODAY - DAY)
        RematchRequest.objects.create(region=cast.region_a, recruit=worker, provider=provider, door="recruit")


def _page_queries(client: Any, user: Any) -> tuple[int, str]:
    client.force_login(user)
    client.get(reverse("provider_risk"))  # warm: session, MFA check
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("provider_risk"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_page_takes_the_same_queries_for_2_and_10_providers(cast, client) -> None:
    _providers_with_every_signal(cast, 1)  # with cast.provider_a: 2 providers
    two, html = _page_queries(client, cast.lead_a)
    assert html.count('<th scope="row" class="govuk-table__header"><a') == 2
    _providers_with_every_signal(cast, 8)  # 10
    ten, html = _page_queries(client, cast.lead_a)
    assert html.count('<th scope="row" class="govuk-table__header"><a') == 10
    assert two == ten


def test_the_selector_is_one_query(cast, django_assert_num_queries) -> None:
    _providers_with_every_signal(cast, 10)
    selectors.provider_risk_page(user=cast.lead_a)  # the user's scope is read once per request
    with django_assert_num_queries(1):
        page = selectors.provider_risk_page(user=cast.lead_a)
    assert page.total == 11


def test_pages_of_providers(cast, client) -> None:
    _providers_with_every_signal(cast, 4)
    first = selectors.provider_risk_page(user=cast.lead_a, page_size=2)
    second = selectors.provider_risk_page(user=cast.lead_a, page_size=2, number=2)
    last = selectors.provider_risk_page(user=cast.lead_a, page_size=2, number=3)
    assert first.total == second.total == 5 and first.next_cursor and second.previous_cursor
    assert last.next_cursor is None and len(last.items) == 1
    names = [row.provider.name for page in (first, second, last) for row in page.items]
    assert len(set(names)) == 5
    past_the_end = selectors.provider_risk_page(user=cast.lead_a, page_size=2, number=9)
    assert past_the_end.number == 1

    client.force_login(cast.lead_a)
    html = client.get(reverse("provider_risk"), {"sort": "name", "after": "2", "page": "2"}).content.decode()
    assert "Page 2" in html  # the pagination tag's links carry the page number and the sort
    assert re.search(r'href="\?sort=name&amp;page=1|href="\?sort=name"', html)


def test_the_page_is_a_captioned_govuk_table_with_sort_links(cast, client) -> None:
    build_signals(cast)
    client.force_login(cast.staff_a)
    html = client.get(reverse("provider_risk")).content.decode()
    assert '<table class="govuk-table" id="risk-table">' in html
    assert re.search(r'<caption class="govuk-table__caption[^"]*">10 providers by risk score</caption>', html)
    # The current sort is announced on its header; every header is a link that sorts by it.
    assert html.count("aria-sort=") == 1
    assert re.search(r'aria-sort="descending">\s*<a [^>]*href="\?sort=score"', html)
    for signal in SIGNALS:
        assert f'href="?sort=-{signal.key}"' in html
    assert 'href="?sort=name"' in html
    ascending = client.get(reverse("provider_risk"), {"sort": "name"}).content.decode()
    assert re.search(r'aria-sort="ascending">\s*<a [^>]*href="\?sort=-name"', ascending)
    assert '<th scope="row" class="govuk-table__header">' in html


def test_only_the_hub_team_opens_the_page(cast, client) -> None:
    for user in (
        cast.provider_admin_a,
        cast.provider_staff_a,
        cast.council_officer_a,
        cast.national,
        cast.recruit_user_a,
    ):
        client.force_login(user)
        assert client.get(reverse("provider_risk")).status_code in (403, 404), user.email
    for user in (cast.lead_a, cast.staff_a):
        client.force_login(user)
        assert client.get(reverse("provider_risk")).status_code == 200


def test_the_page_shows_counts_never_what_a_worker_said(cast, client) -> None:
    build_signals(cast)
    client.force_login(cast.lead_a)
    html = client.get(reverse("provider_risk"), {"sort": "-open_concerns"}).content.decode()
    assert SECRET not in html and "ZQX" not in html
    assert "Signal open_concerns" in html


def test_another_regions_providers_never_appear(cast, client) -> None:
    build_signals(cast)
    other = Provider.objects.get(
        pk=ProviderFactory(region=cast.region_b, name="Gamma Northwest Care", licence_rating="B").pk
    )
    worker = RecruitFactory(provider=other)
    Concern.objects.create(region=cast.region_b, recruit=worker, source="hub", summary="North secret")
    # A region A worker's concern about region B's provider is not B's team's to count either.
    names_a = set(_rows(cast.lead_a))
    assert other.name not in names_a and cast.provider_b.name not in names_a
    rows_b = _rows(cast.lead_b)
    assert set(rows_b) == {other.name, cast.provider_b.name}
    assert not any(name.startswith("Signal") for name in rows_b)
    assert rows_b[other.name].score == WEIGHTS["b_rated"] + WEIGHTS["open_concerns"]
    client.force_login(cast.staff_b)
    html = client.get(reverse("provider_risk")).content.decode()
    assert "Signal " not in html and cast.provider_a.name not in html


def test_the_menu_and_the_provider_list_link_to_the_page(cast, client) -> None:
    url = reverse("provider_risk")
    for user in (cast.lead_a, cast.staff_a):
        client.force_login(user)
        assert f'href="{url}"' in client.get(reverse("provider_list")).content.decode()
    client.force_login(cast.council_officer_a)
    assert f'href="{url}"' not in client.get(reverse("provider_list")).content.decode()
