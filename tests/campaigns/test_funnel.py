"""The campaigns' funnel report (issue 15 item 9): each figure against a hand-computed fixture,
ended applications counted up to their furthest stage, the medians, the filters, the CSV, who may
see it, and the query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accesslog.models import AccessEvent, Action
from campaigns.funnel import FunnelFilters, funnel_of
from campaigns.models import Application, ApplicationEvent, Campaign, Offer, Stage
from campaigns.pipeline import application_move
from providers.models import Provider
from tests.campaigns.builders import accepted_in_a, campaign_in_a
from tests.conftest import Cast
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
_serial = itertools.count(1)


def day(n: float, hour: int = 9) -> dt.datetime:
    """`n` days after the start, at `hour` o'clock England's time."""
    return START.replace(hour=hour) + dt.timedelta(days=n)


def application_with(
    campaign: Campaign, country: str, moves: list[tuple[str, dt.datetime]], *, applied: dt.datetime
) -> Application:
    """An application and its timeline: applied at `applied`, then each (stage, when) move in turn."""
    n = next(_serial)
    stage = moves[-1][0] if moves else Stage.APPLIED
    application = Application.objects.create(
        region=campaign.region,
        campaign=campaign,
        role="nurse",
        given_names=f"Candidate {n}",
        family_name="Example",
        email=f"candidate{n}@example.org",
        phone="+91 98765 43210",
        country=country,
        nationality=country,
        passport_number=f"P{n:07d}",
        consent_at=applied,
        applied_at=applied,
        stage=stage,
        stage_since=moves[-1][1] if moves else applied,
        end_reason="Not for now" if stage in (Stage.REJECTED, Stage.WITHDRAWN) else "",
    )
    ApplicationEvent.objects.create(application=application, at=applied, to_stage=Stage.APPLIED, text="Applied")
    previous: str = Stage.APPLIED
    for to_stage, at in moves:
        ApplicationEvent.objects.create(application=application, at=at, from_stage=previous, to_stage=to_stage)
        previous = to_stage
    return application


def offer(application: Application, employer: Provider, made: dt.datetime) -> None:
    Offer.objects.create(
        application=application,
        employer=employer,
        salary=Decimal("31500"),
        hours_per_week=Decimal("37.5"),
        starts_on=made.date() + dt.timedelta(days=90),
        made_at=made,
    )


def funnel_in_a(cast: Cast) -> dict[str, Any]:
    """The hand-computed fixture (answers in the tests below): six applications of region A, five to
    one campaign and one to another, and one application of region B that region A never sees."""
    campaign = campaign_in_a(cast)
    second = campaign_in_a(cast, title="Senior carers, in the UK")
    gamma = ProviderFactory(region=cast.region_a, name="Gamma Homes")
    rejected = application_with(  # rejected when shortlisted: counts up to "shortlisted"
        campaign,
        "IN",
        [(Stage.SCREENED, day(2)), (Stage.SHORTLISTED, day(5)), (Stage.REJECTED, day(6))],
        applied=day(0),
    )
    ApplicationEvent.objects.create(application=rejected, at=day(1), text="Screening recorded: 5 of 5 items met")
    application_with(campaign, "IN", [(Stage.SCREENED, day(4))], applied=day(0))  # still screened
    arrived = application_with(
        campaign,
        "PH",
        [
            (Stage.SCREENED, day(3)),
            (Stage.SHORTLISTED, day(4)),
            (Stage.INTERVIEWED, day(10)),
            (Stage.OFFERED, day(12)),
            (Stage.ACCEPTED, day(15)),
            (Stage.CHECKS, day(16)),
            (Stage.COS_ASSIGNED, day(20)),
            (Stage.PRE_ARRIVAL, day(22)),
            (Stage.ARRIVED, day(40, hour=21)),  # 18.5 days in pre-arrival
        ],
        applied=day(1),
    )
    offer(arrived, cast.provider_a, day(12))
    application_with(campaign, "PH", [(Stage.WITHDRAWN, day(1))], applied=day(0))
    withdrawn_offered = application_with(
        campaign,
        "IN",
        [
            (Stage.SCREENED, day(1)),
            (Stage.SHORTLISTED, day(2)),
            (Stage.INTERVIEWED, day(4)),
            (Stage.OFFERED, day(6)),
            (Stage.WITHDRAWN, day(9)),
        ],
        applied=day(0),
    )
    offer(withdrawn_offered, cast.provider_a, day(5))  # an earlier offer: the latest (Gamma's) counts
    offer(withdrawn_offered, gamma, day(6))
    application_with(second, "KE", [], applied=day(2))  # still applied

    b_campaign = Campaign.objects.create(
        region=cast.region_b, title="Beta nurses", opens_on=START.date(), closes_on=START.date()
    )
    application_with(b_campaign, "NG", [(Stage.SCREENED, day(1))], applied=day(0))
    return {"campaign": campaign, "second": second, "gamma": gamma}


def _by_stage(group: Any) -> dict[str, tuple]:
    return {
        f.stage.value: (f.reached, f.from_previous, f.from_first, f.median_days, f.timed, f.now) for f in group.stages
    }


def test_each_stage_is_counted_with_conversion_and_median_days(cast: Cast) -> None:
    funnel_in_a(cast)
    funnel = funnel_of(user=cast.lead_a)
    # (reached, % of previous, % of applied, median days, how many left the stage, in it now)
    assert _by_stage(funnel.total) == {
        "applied": (6, None, None, 2.0, 5, 1),  # left after 2, 4, 2, 1, 1 days; one still applied
        "screened": (4, 66.7, 66.7, 1.0, 3, 1),  # 3, 1, 1 days; one still screened
        "shortlisted": (3, 75.0, 50.0, 2.0, 3, 0),  # 1 (rejected), 6, 2
        "interviewed": (2, 66.7, 33.3, 2.0, 2, 0),
        "offered": (2, 100.0, 33.3, 3.0, 2, 0),  # 3 (accepted), 3 (withdrawn)
        "accepted": (1, 50.0, 16.7, 1.0, 1, 0),
        "checks": (1, 100.0, 16.7, 4.0, 1, 0),
        "cos_assigned": (1, 100.0, 16.7, 2.0, 1, 0),
        "pre_arrival": (1, 100.0, 16.7, 18.5, 1, 0),
        "arrived": (1, 100.0, 16.7, None, 0, 1),  # the end: no median
    }
    assert funnel.ended == {"rejected": 1, "withdrawn": 2}
    assert funnel.applications == 6


def test_per_country_and_per_employer_from_offered_on(cast: Cast) -> None:
    funnel_in_a(cast)
    funnel = funnel_of(user=cast.lead_a)
    countries = {g.label: [f.reached for f in g.stages] for g in funnel.by_country}
    assert list(countries) == ["India", "Philippines", "Kenya"]  # most applications first
    assert countries["India"] == [3, 3, 2, 1, 1, 0, 0, 0, 0, 0]
    assert countries["Philippines"] == [2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    assert countries["Kenya"] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert [g.first_to_last for g in funnel.by_country] == [0.0, 50.0, 0.0]
    employers = {g.label: [(f.stage.value, f.reached) for f in g.stages] for g in funnel.by_employer}
    assert list(employers) == ["Alpha Care Ltd", "Gamma Homes"]
    assert employers["Alpha Care Ltd"] == [
        ("offered", 1),
        ("accepted", 1),
        ("checks", 1),
        ("cos_assigned", 1),
        ("pre_arrival", 1),
        ("arrived", 1),
    ]
    assert [n for _stage, n in employers["Gamma Homes"]] == [1, 0, 0, 0, 0, 0]  # the latest offer's employer
    assert [g.first_to_last for g in funnel.by_employer] == [100.0, 0.0]


def test_filters_by_campaign_country_and_employer(cast: Cast) -> None:
    made = funnel_in_a(cast)
    by_campaign = funnel_of(user=cast.lead_a, filters=FunnelFilters(campaign=made["second"]))
    assert by_campaign.applications == 1 and [g.label for g in by_campaign.by_country] == ["Kenya"]
    india = funnel_of(user=cast.lead_a, filters=FunnelFilters(country="IN"))
    assert [f.reached for f in india.total.stages][:5] == [3, 3, 2, 1, 1]
    gamma = funnel_of(user=cast.lead_a, filters=FunnelFilters(employer=made["gamma"]))
    assert gamma.applications == 1 and gamma.ended == {"rejected": 0, "withdrawn": 1}
    nothing = funnel_of(user=cast.lead_a, filters=FunnelFilters(campaign=made["campaign"], country="KE"))
    assert nothing.empty and nothing.by_country == [] and nothing.by_employer == []


def test_offered_applications_without_an_offer_on_record_have_a_row_of_their_own(cast: Cast, client) -> None:
    campaign = campaign_in_a(cast)
    to_offer = [(Stage.SCREENED, day(1)), (Stage.SHORTLISTED, day(2)), (Stage.INTERVIEWED, day(3))]
    with_offer = application_with(campaign, "IN", [*to_offer, (Stage.OFFERED, day(4))], applied=day(0))
    offer(with_offer, cast.provider_a, day(4))
    application_with(campaign, "IN", [*to_offer, (Stage.OFFERED, day(4)), (Stage.ACCEPTED, day(5))], applied=day(0))
    funnel = funnel_of(user=cast.lead_a)
    assert [(g.label, g.stages[0].reached, g.stages[1].reached) for g in funnel.by_employer] == [
        ("Alpha Care Ltd", 1, 0),
        ("Employer not recorded", 1, 1),
    ]
    client.force_login(cast.lead_a)
    assert "with no offer on record" in client.get(reverse("campaign_funnel")).content.decode()


def test_moves_made_through_the_services_are_counted(cast: Cast) -> None:
    """The pipeline's own timeline (not a hand-built one): an accepted application, then withdrawn."""
    application = accepted_in_a(cast)
    application_move(actor=cast.lead_a, application=application, to_stage=Stage.WITHDRAWN, reason="Stayed home")
    funnel = funnel_of(user=cast.staff_a)
    reached = {f.stage.value: f.reached for f in funnel.total.stages}
    assert reached["accepted"] == 1 and reached["checks"] == 0 and funnel.ended["withdrawn"] == 1
    assert [g.label for g in funnel.by_employer] == ["Alpha Care Ltd"]


def test_another_regions_hub_team_sees_nothing_of_region_a(cast: Cast, client) -> None:
    made = funnel_in_a(cast)
    assert funnel_of(user=cast.lead_b).applications == 1  # region B's own application only
    client.force_login(cast.lead_b)
    page = client.get(reverse("campaign_funnel")).content.decode()
    assert "1 application:" in page and "Nigeria" in page
    for leak in ("India", "Philippines", "Kenya", "Alpha Care", "Gamma Homes", made["campaign"].title):
        assert leak not in page, leak
    asked = client.get(reverse("campaign_funnel"), {"campaign": str(made["campaign"].public_id)})
    assert asked.status_code == 400 and "Choose a campaign from the list" in asked.content.decode()
    assert made["campaign"].title not in asked.content.decode()
    csv_asked = client.get(reverse("campaign_funnel"), {"campaign": str(made["campaign"].public_id), "format": "csv"})
    assert csv_asked.status_code == 400 and not csv_asked["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize(
    "who", ["provider_admin_a", "provider_staff_a", "recruit_user_a", "council_officer_a", "national", "adass_a"]
)
def test_employers_recruits_councils_and_national_are_refused(cast: Cast, client, who: str) -> None:
    funnel_in_a(cast)
    client.force_login(getattr(cast, who))
    for query in ({}, {"format": "csv"}):
        response = client.get(reverse("campaign_funnel"), query)
        assert response.status_code == 403, who
        assert "India" not in response.content.decode()


def test_the_page_shows_the_chart_the_tables_and_the_notes(cast: Cast, client) -> None:
    made = funnel_in_a(cast)
    client.force_login(cast.staff_a)
    response = client.get(reverse("campaign_funnel"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="chart-funnel"' in page and "<desc" in page and "Applied: 6; Screened: 4" in page
    assert 'href="#funnel-table"' in page  # the chart points at its table
    assert 'id="funnel-by-country"' in page and 'id="funnel-by-employer"' in page
    assert "66.7%" in page and "18.5" in page and "Still" not in page
    assert "certificate of sponsorship (CoS)" in page
    assert "6 applications: 1 rejected and 2 withdrawn" in page
    assert "format=csv" in page
    filtered = client.get(reverse("campaign_funnel"), {"campaign": str(made["second"].public_id)}).content.decode()
    assert "1 application match these filters" in filtered and made["second"].title in filtered
    assert "No offer has been made to these applicants yet." in filtered


def test_the_empty_state(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    page = client.get(reverse("campaign_funnel")).content.decode()
    assert 'id="funnel-empty"' in page and "chart-funnel" not in page


def test_the_campaign_pages_link_to_the_funnel(cast: Cast, client) -> None:
    made = funnel_in_a(cast)
    Campaign.objects.filter(pk=made["campaign"].pk).update(status="published")
    client.force_login(cast.lead_a)
    filtered = f"{reverse('campaign_funnel')}?campaign={made['campaign'].public_id}"
    assert reverse("campaign_funnel") in client.get(reverse("campaign_list")).content.decode()
    assert filtered in client.get(made["campaign"].get_absolute_url()).content.decode()
    assert filtered in client.get(reverse("campaign_board", args=[made["campaign"].public_id])).content.decode()


def _csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv") and response["Cache-Control"] == "no-store"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_has_every_figure_with_the_same_filters_and_is_logged(cast: Cast, client) -> None:
    made = funnel_in_a(cast)
    client.force_login(cast.lead_a)
    rows = _csv(client.get(reverse("campaign_funnel"), {"format": "csv"}))
    assert rows[0] == [
        "Grouping",
        "Group",
        "Stage",
        "Reached",
        "Conversion from the previous stage (%)",
        "Conversion from applied (%)",
        "Median days in the stage",
        "Applications in the median (left the stage)",
        "In the stage now (not in the median)",
    ]
    assert rows[1] == ["All", "All applications", "Applied", "6", "", "", "2", "5", "1"]
    assert rows[2] == ["All", "All applications", "Screened", "4", "66.7", "66.7", "1", "3", "1"]
    assert rows[9] == ["All", "All applications", "Pre-arrival", "1", "100", "16.7", "18.5", "1", "0"]
    assert rows[10] == ["All", "All applications", "Arrived", "1", "100", "16.7", "", "", "1"]
    assert len(rows) == 1 + 10 + 3 * 10 + 2 * 6
    assert rows[11][:4] == ["Country", "India", "Applied", "3"]
    gamma = [row for row in rows if row[1] == "Gamma Homes"]
    assert gamma[0] == ["Employer", "Gamma Homes", "Offered", "1", "", "", "3", "1", "0"]
    assert list(AccessEvent.objects.values_list("region_id", "action")) == [(cast.region_a.pk, Action.EXPORT)]
    kenya = _csv(client.get(reverse("campaign_funnel"), {"format": "csv", "country": "KE"}))
    assert [row[1] for row in kenya[1:]] == ["All applications"] * 10 + ["Kenya"] * 10
    one = _csv(client.get(reverse("campaign_funnel"), {"format": "csv", "campaign": str(made["second"].public_id)}))
    assert one[1][3] == "1"


def test_the_page_takes_a_fixed_number_of_queries_for_one_or_many_applications(cast: Cast, client) -> None:
    campaign = campaign_in_a(cast)
    application_with(campaign, "IN", [(Stage.SCREENED, day(1))], applied=day(0))
    client.force_login(cast.lead_a)
    url = reverse("campaign_funnel")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    funnel_in_a(cast)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "7 applications" in page
    assert len(one) == len(many) == 11, [q["sql"] for q in many.captured_queries]


def test_the_funnel_is_two_queries(cast: Cast, django_assert_num_queries) -> None:
    funnel_in_a(cast)
    funnel_of(user=cast.lead_a)  # the scope is computed once per user
    with django_assert_num_queries(2):
        funnel_of(user=cast.lead_a)
