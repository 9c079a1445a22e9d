"""The directory of hubs (issue 16 item 5): every region's hubs and named IR leads, open to everyone,
the signed-in user's own region first, leads' own email addresses only for signed-in users."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from hubs.models import Region
from hubs.roles import Role
from tests.conftest import Cast
from tests.factories import HubFactory, user_with_role

URL = "/about/hubs/"


def region_headings(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", heading).split("Your region")[0].strip()
        for heading in re.findall(r'<h2 class="govuk-heading-m" id="region-[^"]+">(.*?)</h2>', html, re.S)
    ]


def test_everyone_finds_every_region_and_its_hubs_without_signing_in(cast: Cast, client: Client) -> None:
    cast.hub_a.mailbox, cast.hub_a.phone = "alpha.hub@council.test", "0121 496 0000"
    cast.hub_a.save()
    cast.lead_a.name = "Amara Lead"
    cast.lead_a.save()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert region_headings(html) == sorted(region.name for region in Region.objects.all())
    assert "Alpha Hub" in html and "Beta Hub" in html
    assert 'href="mailto:alpha.hub@council.test"' in html
    assert 'href="tel:+441214960000"' in html
    # The lead is named; their own address is not published to the open web.
    assert "Amara Lead" in html
    assert cast.lead_a.email not in html
    assert "Signed-in users also see each IR lead" in html


def test_a_region_without_a_hub_says_whom_to_write_to(cast: Cast, client: Client, settings) -> None:
    html = client.get(URL).content.decode()
    empty = Region.objects.exclude(id__in=[cast.region_a.id, cast.region_b.id]).order_by("name").first()
    assert empty is not None
    section = html.split(f'id="region-{empty.code}"', 1)[1].split("</section>", 1)[0]
    assert "No hub is listed for this region yet" in section
    assert settings.PORTAL_CONTACT_EMAIL in section


@pytest.mark.parametrize("who", ["recruit_user_a", "provider_admin_a", "council_officer_a", "staff_a"])
def test_a_signed_in_user_sees_their_own_region_first_with_the_leads_emails(cast: Cast, client: Client, who) -> None:
    client.force_login(getattr(cast, who))
    html = client.get(URL).content.decode()
    assert region_headings(html)[0] == cast.region_a.name
    first = html.split("</section>", 1)[0]
    assert "Your region" in first and "Alpha Hub" in first
    assert f'href="mailto:{cast.lead_a.email}"' in first
    assert html.count("Your region") == 1


def test_a_deactivated_lead_is_not_listed(cast: Cast, client: Client) -> None:
    cast.lead_b.name = "Gone Lead"
    cast.lead_b.is_active = False
    cast.lead_b.save()
    assert "Gone Lead" not in client.get(URL).content.decode()


def test_the_directory_costs_the_same_queries_however_many_hubs_and_leads(
    cast: Cast, client: Client, django_assert_max_num_queries
) -> None:
    client.get(URL)
    with django_assert_max_num_queries(5) as few:
        client.get(URL)
    for number in range(4):
        HubFactory(region=cast.region_b, name=f"Extra Hub {number}")
        user_with_role(Role.LEAD, cast.region_b, email=f"extra.lead{number}@portal.test")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_the_footer_and_contact_page_lead_to_it(cast: Cast, client: Client) -> None:
    assert f'href="{URL}"' in client.get(reverse("about_contact")).content.decode()
    assert reverse("about_hubs") == URL


def test_the_public_referral_form_and_its_answer_lead_to_it(cast: Cast, client: Client) -> None:
    """A worker on the wrong hub's form finds the right one (issue 16 item 5)."""
    url = reverse("rematch_public_refer", args=[cast.hub_a.public_id])
    form = client.get(url).content.decode()
    link = form.split('id="other-hubs"', 1)[1].split("</p>", 1)[0]
    assert f"Not in {cast.region_a.name}?" in link and f'href="{URL}"' in link
    data = {
        "given_names": "Chidi",
        "family_name": "Okoro",
        "phone": "07700 900456",
        "address": "2 Low St",
        "postcode": "M1 1AA",
        "current_sponsor_name": "Gone Care Ltd",
    }
    done = client.post(url, data)
    assert "Your request is sent" in done.content.decode() and f'href="{URL}"' in done.content.decode()


def test_a_region_with_a_hub_but_no_lead_in_the_portal_says_so(cast: Cast, client: Client) -> None:
    cast.lead_b.is_active = False
    cast.lead_b.save()
    html = client.get(URL).content.decode()
    section = html.split(f'id="region-{cast.region_b.code}"', 1)[1].split("</section>", 1)[0]
    assert "Beta Hub" in section and "No IR lead is named in the portal for this region yet" in section
    first = html.split(f'id="region-{cast.region_a.code}"', 1)[1].split("</section>", 1)[0]
    assert "No IR lead is named" not in first
