"""The campaign pages: the rules through the form, who sees what, and the query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignStatus
from portal.policy import policy_figure
from providers.models import Provider
from recruits.models import CodeList, CodeOfPracticeCountry
from tests.campaigns.builders import OPENS, campaign_in_a
from tests.conftest import Cast
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db

CLOSURE = policy_figure("care_visa_from_abroad", on=dt.date(2030, 1, 1)).effective_from


@pytest.fixture(autouse=True)
def lists(db):
    CodeOfPracticeCountry.objects.create(
        iso_code="AF", name="Afghanistan", code_list=CodeList.RED, effective_from=dt.date(2023, 3, 23)
    )
    CodeOfPracticeCountry.objects.create(
        iso_code="KE", name="Kenya", code_list=CodeList.AMBER, effective_from=dt.date(2021, 11, 11)
    )


def _form(cast: Cast, **overrides: str) -> dict[str, str]:
    data = {
        "title": "Nurses 2027",
        "employers": [str(cast.provider_a.public_id)],
        "target_countries": "IN",
        "amber_agreement": "",
        "channels": "NHS Jobs",
        "opens_on": OPENS.isoformat(),
        "closes_on": (OPENS + dt.timedelta(days=30)).isoformat(),
        "posts_nurse": "5",
        "target_applications": "50",
        "advert": "Come and work with us.",
    }
    data.update(overrides)
    return data


def _post(client, cast: Cast, **overrides: str):
    client.force_login(cast.lead_a)
    return client.post(reverse("campaign_new"), _form(cast, **overrides))


def test_a_campaign_is_saved_as_a_draft_with_its_roles(cast: Cast, client) -> None:
    response = _post(client, cast, posts_midwife="2")
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.status == CampaignStatus.DRAFT
    assert dict(campaign.roles.values_list("role", "posts")) == {"nurse": 5, "midwife": 2}
    assert campaign.region == cast.region_a and list(campaign.employers.all()) == [cast.provider_a]


def test_a_red_list_country_is_refused_through_the_form(cast: Cast, client) -> None:
    html = _post(client, cast, target_countries="IN AF").content.decode()
    assert "AF is on the Code of Practice red list" in html and not Campaign.objects.exists()


def test_an_amber_country_needs_the_agreement(cast: Cast, client) -> None:
    html = _post(client, cast, target_countries="KE").content.decode()
    assert "enter the government-to-government agreement" in html and not Campaign.objects.exists()
    _post(client, cast, target_countries="KE", amber_agreement="UK-Kenya bilateral agreement")
    assert Campaign.objects.get().amber_agreement == "UK-Kenya bilateral agreement"


def test_care_roles_from_abroad_after_the_closure_are_refused_with_the_rule(cast: Cast, client) -> None:
    opens = max(OPENS, CLOSURE)
    dates = {"opens_on": opens.isoformat(), "closes_on": (opens + dt.timedelta(days=30)).isoformat()}
    html = _post(client, cast, posts_nurse="", posts_care_worker="4", **dates).content.decode()
    assert f"From {CLOSURE:%-d %B %Y} no new Health and Care Worker visas" in html
    assert not Campaign.objects.exists()


def test_an_in_country_campaign_for_care_roles_is_allowed(cast: Cast, client) -> None:
    response = _post(client, cast, posts_nurse="", posts_care_worker="4", target_countries="", in_country="on")
    assert response.status_code == 302 and Campaign.objects.get().in_country


def test_employers_of_another_region_are_refused(cast: Cast, client) -> None:
    html = _post(client, cast, employers=[str(cast.provider_b.public_id)]).content.decode()
    assert "Choose employers of the campaign&#x27;s region only" in html and not Campaign.objects.exists()


def test_publishing_needs_the_no_fee_confirmation(cast: Cast, client) -> None:
    campaign = campaign_in_a(cast)
    client.force_login(cast.staff_a)
    url = reverse("campaign_publish", args=[campaign.public_id])
    html = client.post(url, {}).content.decode()
    assert "Confirm that candidates are never charged a fee before you publish" in html
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT and not campaign.no_fee_confirmed
    client.post(url, {"no_fee_confirmed": "on"})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PUBLISHED and campaign.no_fee_confirmed and campaign.published_at


def test_the_advert_is_sanitised(cast: Cast, client) -> None:
    campaign = campaign_in_a(cast)
    Campaign.objects.filter(pk=campaign.pk).update(advert="<script>alert(1)</script>\n\n**Nurses**")
    client.force_login(cast.lead_a)
    html = client.get(reverse("campaign_detail", args=[campaign.public_id])).content.decode()
    i = html.find("alert(1)")
    assert i == -1 and "<strong>Nurses</strong>" in html, html[i - 300 : i + 50]


def test_an_employer_reads_its_campaign_and_cannot_change_it(cast: Cast, client) -> None:
    campaign = campaign_in_a(cast)
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("campaign_detail", args=[campaign.public_id])).status_code == 200
    assert client.get(reverse("campaign_edit", args=[campaign.public_id])).status_code == 403
    listed = client.get(reverse("campaign_list")).context["page"].items
    assert listed == [campaign]


def test_an_employer_not_on_the_campaign_does_not_see_it(cast: Cast, client) -> None:
    campaign = campaign_in_a(cast)
    other: Provider = ProviderFactory(region=cast.region_a)  # type: ignore[assignment]
    campaign.employers.set([other])
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("campaign_detail", args=[campaign.public_id])).status_code == 404
    assert client.get(reverse("campaign_list")).context["page"].items == []


def test_the_list_and_detail_take_a_fixed_number_of_queries(cast: Cast, client, django_assert_num_queries) -> None:
    for n in range(27):
        campaign_in_a(cast, title=f"Campaign {n}")
    client.force_login(cast.staff_a)
    client.get(reverse("campaign_list"))
    # session, user, scope, MFA, header (hub, bell), the campaigns, their roles and employers
    with django_assert_num_queries(9):
        first = client.get(reverse("campaign_list"))
    assert len(first.context["page"].items) == 25
    second = client.get(reverse("campaign_list"), {"after": first.context["page"].next_cursor})
    assert len(second.context["page"].items) == 2
    campaign = Campaign.objects.first()
    assert campaign is not None
    with django_assert_num_queries(9):  # the campaign, its roles, its employers
        client.get(reverse("campaign_detail", args=[campaign.public_id]))
