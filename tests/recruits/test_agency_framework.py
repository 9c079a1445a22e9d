"""The region's approved agencies (issue 16 item 3): maintained by the lead in the portal, read by the
region's providers and councils, the recruits' Code of Practice flag following the list, and a
removal that lists the recruits the agency brought."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hubs.models import Agency, AgencyStatus
from recruits.models import Flag, Recruit
from recruits.services import recruit_register
from tests.conftest import Cast, login_fresh

LIST = "/agencies/"


def agency_in(region, name: str, **fields) -> Agency:
    return Agency.objects.create(region=region, name=name, **fields)


def brought_by(cast: Cast, agency: Agency, family_name: str) -> Recruit:
    data = {
        "given_names": "Joy",
        "family_name": family_name,
        "recruitment_channel": "approved_agency",
        "agency": agency,
    }
    return recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data=data)


def test_the_list_address_is_stable() -> None:
    assert reverse("agency_list") == LIST


def test_a_lead_adds_an_agency_with_its_details_through_the_form(cast: Cast, client: Client) -> None:
    login_fresh(client, cast.lead_a)
    page = client.get(reverse("agency_new"))
    assert page.status_code == 200 and "Add an agency to the framework" in page.content.decode()
    response = client.post(
        reverse("agency_new"),
        {
            "name": "Kindred Recruitment",
            "kind": "agency",
            "companies_house_number": "1234 567",
            "contact_name": "Sam Okafor",
            "contact_email": "sam@kindred.test",
            "contact_phone": "0121 496 0123",
            "services": "Senior carers for nursing homes",
            "countries": "Philippines, india\nGhana",
        },
    )
    agency = Agency.objects.get(name="Kindred Recruitment")
    assert response.status_code == 302 and response["Location"] == reverse("agency_detail", args=[agency.public_id])
    assert agency.region == cast.region_a and agency.status == AgencyStatus.APPROVED
    assert agency.companies_house_number == "01234567"  # leading zero restored
    assert agency.countries == ["PH", "IN", "GH"]
    assert agency.status_changed_on is not None
    detail = client.get(response["Location"]).content.decode()
    assert "Philippines, India, Ghana" in detail and "01234567" in detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("companies_house_number", "ABC", "Enter a Companies House number of 8 characters, like 01234567 or SC123456"),
        ("countries", "Philipines, India", "We do not recognise “Philipines” as a country"),
        ("name", "", "Enter the agency&#x27;s name"),
    ],
)
def test_bad_details_get_a_message_that_says_what_to_fix_and_write_nothing(
    cast: Cast, client: Client, field: str, value: str, message: str
) -> None:
    login_fresh(client, cast.lead_a)
    data = {"name": "Kindred Recruitment", "kind": "agency", "countries": "", "companies_house_number": ""}
    data[field] = value
    page = client.post(reverse("agency_new"), data).content.decode()
    assert message in page
    assert not Agency.objects.filter(name="Kindred Recruitment").exists()


def test_the_same_name_twice_in_a_region_is_refused(cast: Cast, client: Client) -> None:
    agency_in(cast.region_a, "Kindred Recruitment")
    login_fresh(client, cast.lead_a)
    page = client.post(reverse("agency_new"), {"name": "kindred recruitment", "kind": "agency"}).content.decode()
    assert "is already on your region" in page
    assert Agency.objects.filter(region=cast.region_a).count() == 1


def test_providers_and_councils_of_the_region_read_the_framework_not_agencies_merely_seen(
    cast: Cast, client: Client
) -> None:
    agency_in(cast.region_a, "Approved One", countries=["IN"])
    agency_in(
        cast.region_a,
        "Suspended One",
        status=AgencyStatus.SUSPENDED,
        status_reason="Fees charged to workers",
        status_changed_on=dt.date(2026, 11, 2),
    )
    agency_in(cast.region_a, "Seen Only", status=AgencyStatus.NOT_APPROVED)
    agency_in(cast.region_b, "Other Region Agency")
    for who in ("provider_admin_a", "provider_staff_a", "council_officer_a"):
        login_fresh(client, getattr(cast, who))
        page = client.get(LIST).content.decode()
        assert "Approved One" in page and "India" in page
        assert "Suspended One" in page and "Suspended on 2 November 2026" in page
        assert "Seen Only" not in page and "Other Region Agency" not in page
        assert "Add an agency" not in page and "Record a re-check" not in page
    login_fresh(client, cast.lead_a)
    page = client.get(LIST).content.decode()
    assert "Seen Only" in page and "Add an agency" in page and "Other Region Agency" not in page
    login_fresh(client, cast.recruit_user_a)
    assert client.get(LIST).status_code == 404


def test_members_and_hub_staff_cannot_change_the_framework(cast: Cast, client: Client) -> None:
    agency = agency_in(cast.region_a, "Approved One")
    for who, refused in [
        ("provider_admin_a", ["agency_edit", "agency_status", "agency_check"]),
        ("council_officer_a", ["agency_edit", "agency_status", "agency_check"]),
        ("staff_a", ["agency_edit", "agency_status"]),
    ]:
        login_fresh(client, getattr(cast, who))
        for name in refused:
            assert client.get(reverse(name, args=[agency.public_id])).status_code == 403, (who, name)
        assert client.get(reverse("agency_new")).status_code == 404
    login_fresh(client, cast.staff_a)
    assert client.get(reverse("agency_check", args=[agency.public_id])).status_code == 200


def test_suspending_flags_the_recruits_it_brought_and_approving_again_clears_the_flag(
    cast: Cast, client: Client
) -> None:
    agency = agency_in(cast.region_a, "Kindred Recruitment")
    recruit = brought_by(cast, agency, "Mensah")
    other = brought_by(cast, agency_in(cast.region_a, "Another Agency"), "Boateng")
    assert Flag.UNLISTED_AGENCY not in recruit.flags
    login_fresh(client, cast.lead_a)
    status_url = reverse("agency_status", args=[agency.public_id])
    page = client.get(status_url).content.decode()
    assert "Recruits it brought (1)" in page and "Joy Mensah" in page and "Boateng" not in page

    refused = client.post(status_url, {"status": "suspended", "reason": "", "changed_on": "3/12/2026"})
    assert "Enter why the agency is suspended" in refused.content.decode()
    agency.refresh_from_db()
    assert agency.status == AgencyStatus.APPROVED

    response = client.post(
        status_url, {"status": "suspended", "reason": "Workers asked to pay a fee", "changed_on": "3/12/2026"}
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    recruit.refresh_from_db()
    other.refresh_from_db()
    assert agency.status == AgencyStatus.SUSPENDED and agency.status_changed_on == dt.date(2026, 12, 3)
    assert Flag.UNLISTED_AGENCY in recruit.flags
    assert Flag.UNLISTED_AGENCY not in other.flags
    message = client.get(response["Location"]).content.decode()
    assert "Workers asked to pay a fee" in message and "flags of 1 recruit" in message

    client.post(status_url, {"status": "approved", "reason": "", "changed_on": "4/12/2026"})
    recruit.refresh_from_db()
    assert Flag.UNLISTED_AGENCY not in recruit.flags


def test_removing_an_agency_lists_the_recruits_it_brought_before_and_after(cast: Cast, client: Client) -> None:
    agency = agency_in(cast.region_a, "Kindred Recruitment")
    first, second = brought_by(cast, agency, "Mensah"), brought_by(cast, agency, "Owusu")
    brought_by(cast, agency_in(cast.region_a, "Another Agency"), "Boateng")
    login_fresh(client, cast.lead_a)
    status_url = reverse("agency_status", args=[agency.public_id])
    before = client.get(status_url).content.decode()
    assert "Recruits it brought (2)" in before and "Joy Mensah" in before and "Joy Owusu" in before
    assert "Boateng" not in before
    response = client.post(
        status_url, {"status": "removed", "reason": "Struck off the Ethical Recruiters List", "changed_on": "1/12/2026"}
    )
    assert response.status_code == 302
    after = client.get(response["Location"]).content.decode()
    assert "is removed" in after and "flags of 2 recruit" in after
    assert "Struck off the Ethical Recruiters List" in after and "1 December 2026" in after
    assert "Recruits it brought (2)" in after
    for recruit in (first, second):
        assert reverse("recruit_detail", args=[recruit.public_id]) in after
        recruit.refresh_from_db()
        assert Flag.UNLISTED_AGENCY in recruit.flags
    assert Recruit.objects.filter(family_name="Boateng", flags__contains=[Flag.UNLISTED_AGENCY]).count() == 0


def test_the_detail_page_names_the_recruits_only_to_the_hub_team(cast: Cast, client: Client) -> None:
    agency = agency_in(cast.region_a, "Kindred Recruitment")
    brought_by(cast, agency, "Mensah")
    url = reverse("agency_detail", args=[agency.public_id])
    login_fresh(client, cast.staff_a)
    assert "Joy Mensah" in client.get(url).content.decode()
    login_fresh(client, cast.council_officer_a)
    page = client.get(url).content.decode()
    assert "Kindred Recruitment" in page and "Mensah" not in page and "Recruits it brought" not in page


def test_the_list_costs_the_same_queries_whatever_the_number_of_agencies(
    cast: Cast, client: Client, django_assert_max_num_queries
) -> None:
    agency_in(cast.region_a, "First")
    login_fresh(client, cast.lead_a)
    client.get(LIST)
    with django_assert_max_num_queries(30) as first:
        client.get(LIST)
    for number in range(8):
        agency_in(cast.region_a, f"Agency {number}", status=AgencyStatus.SUSPENDED, status_reason="Review")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(LIST)
