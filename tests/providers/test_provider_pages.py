"""Provider detail, create, edit and licence changes: validation, history, who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from hubs.services import role_grant
from providers.models import LicenceChange, LicenceStatus, Provider
from providers.services import provider_change_licence
from recruits.models import RecruitStatus
from tests.conftest import Cast
from tests.factories import HubFactory, ProviderFactory, RecruitFactory, council_in, user_with_role

# The hot pages run under the N+1 guard (tests/performance/n_plus_one.py).
pytestmark = pytest.mark.usefixtures("n_plus_one_guard")


def _form(cast: Cast, **overrides: str) -> dict[str, str]:
    data = {
        "name": "Oakfield House Ltd",
        "cqc_provider_id": "1-101641287",
        "cqc_location_id": "1-1000210669",
        "address": "1 High Street\nBirmingham",
        "postcode": "b1  1aa",
        "local_authority": str(cast.council_a.public_id),
        "hub": str(cast.hub_a.public_id),
        "licence_number": "ABC123XYZ",
        "licence_status": "active",
        "licence_rating": "A",
        "licence_changed_on": "",
    }
    data.update(overrides)
    return data


# Detail


def test_the_detail_shows_details_history_counts_and_open_duties(cast: Cast, client) -> None:
    provider = cast.provider_a
    provider.address, provider.postcode, provider.licence_number = "1 High St", "B1 1AA", "LIC9"
    provider.hub = cast.hub_a
    provider.save()
    LicenceChange.objects.create(provider=provider, status="active", rating="A", effective_on=date(2025, 1, 6))
    provider_change_licence(
        actor=cast.lead_a,
        provider=provider,
        status=LicenceStatus.SUSPENDED,
        rating="A",
        effective_on=date(2026, 10, 5),
        source="ukvi",
        note="Letter ref UKVI/123",
    )
    RecruitFactory.create_batch(2, provider=provider, status=RecruitStatus.DISPLACED)
    client.force_login(cast.staff_a)
    html = client.get(reverse("provider_detail", args=[provider.public_id])).content.decode()
    for text in [provider.cqc_location_id, "B1 1AA", "LIC9", cast.council_a.council_name, cast.hub_a.name]:
        assert text in html
    assert 'govuk-tag--orange">Suspended' in html and "since 5 October 2026" in html
    history = html[html.index("Licence history") :]
    assert history.index("5 October 2026") < history.index("6 January 2025")  # latest first
    assert "UKVI or DHSC notice" in history and "Letter ref UKVI/123" in history and cast.lead_a.name in history
    assert 'Displaced</th><td class="govuk-table__cell govuk-table__cell--numeric">2<' in html
    assert "Reporting duties to UKVI" in html


def test_provider_roles_see_their_own_provider(cast: Cast, client) -> None:
    client.force_login(cast.provider_staff_a)
    response = client.get(reverse("provider_detail", args=[cast.provider_a.public_id]))
    assert response.status_code == 200
    assert "Record a licence change" not in response.content.decode()
    assert client.get(reverse("provider_detail", args=[cast.provider_b.public_id])).status_code == 404


def test_another_provider_of_the_same_region_is_404_to_a_provider_admin(cast: Cast, client) -> None:
    neighbour = ProviderFactory(region=cast.region_a, local_authority=cast.council_a)
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("provider_detail", args=[neighbour.public_id])).status_code == 404


def test_a_council_officer_reads_but_sees_no_duties_or_edit_links(cast: Cast, client) -> None:
    client.force_login(cast.council_officer_a)
    html = client.get(reverse("provider_detail", args=[cast.provider_a.public_id])).content.decode()
    assert cast.provider_a.name in html
    assert "Reporting duties to UKVI" not in html and "Edit details" not in html


def test_a_provider_of_another_region_is_404(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    for name in ["provider_detail", "provider_edit", "provider_licence_change", "duty_new"]:
        url = reverse(name, args=[cast.provider_b.public_id])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"name": "x"}).status_code == 404, name


# Create


def test_a_lead_adds_a_provider_in_their_region(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.post(reverse("provider_create"), _form(cast))
    provider = Provider.objects.get(name="Oakfield House Ltd")
    assert response.status_code == 302 and response["Location"] == reverse("provider_detail", args=[provider.public_id])
    assert provider.region == cast.region_a and provider.local_authority == cast.council_a
    assert provider.hub == cast.hub_a and provider.postcode == "B1 1AA"
    first = provider.licence_changes.get()
    assert first.recorded_by == cast.lead_a and first.effective_on == timezone.localdate()
    html = client.get(response["Location"]).content.decode()
    assert "Invite the provider\u2019s administrator" in html
    assert f"{reverse('invitation_new')}?role=provider_admin&amp;scope=provider:{provider.public_id}" in html


@pytest.mark.parametrize(
    ("typed", "stored"), [("b11aa", "B1 1AA"), (" sw1a   2aa ", "SW1A 2AA"), ("M1 1AE", "M1 1AE"), ("", "")]
)
def test_postcodes_are_normalised(typed: str, stored: str, cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    client.post(reverse("provider_create"), _form(cast, postcode=typed))
    assert Provider.objects.get(name="Oakfield House Ltd").postcode == stored


def test_a_postcode_that_is_not_one_is_refused(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    response = client.post(reverse("provider_create"), _form(cast, postcode="12345"))
    assert "Enter a full UK postcode, like B1 1AA" in response.content.decode()


@pytest.mark.parametrize("bad", ["1-12345678", "1-12345678901", "2-1000210669", "1000210669", "1-10002106AB"])
@pytest.mark.parametrize("field", ["cqc_provider_id", "cqc_location_id"])
def test_bad_cqc_ids_are_refused_with_the_message(field: str, bad: str, cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.post(reverse("provider_create"), _form(cast, **{field: bad}))
    html = response.content.decode()
    assert response.status_code == 200 and not Provider.objects.filter(name="Oakfield House Ltd").exists()
    assert "Enter a CQC ID as 1- followed by 9 or 10 digits, for example 1-1000210669." in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field


def test_missing_name_and_council_say_what_to_fix(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    html = client.post(reverse("provider_create"), _form(cast, name="", local_authority="")).content.decode()
    assert "Enter the provider&#x27;s name" in html and "Choose the council area the provider is in" in html


def test_the_region_comes_from_the_scope_not_the_form(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    client.post(reverse("provider_create"), _form(cast, region=str(cast.region_b.public_id)))
    assert Provider.objects.get(name="Oakfield House Ltd").region == cast.region_a


def test_a_council_or_hub_of_another_region_is_refused(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    html = client.post(
        reverse("provider_create"),
        _form(cast, local_authority=str(council_in(cast.region_b).public_id), hub=str(cast.hub_b.public_id)),
    ).content.decode()
    assert "Choose a council of the provider&#x27;s region" in html
    assert "Choose a hub of the provider&#x27;s region" in html
    assert not Provider.objects.filter(name="Oakfield House Ltd").exists()


def test_a_lead_of_two_regions_chooses_among_theirs(cast: Cast, client) -> None:
    role_grant(user=cast.lead_a, role=Role.LEAD, scope_object=cast.region_b)
    client.force_login(cast.lead_a)
    html = client.get(reverse("provider_create")).content.decode()
    assert 'name="region"' in html and cast.region_b.name in html
    # A council must match the region chosen.
    html = client.post(
        reverse("provider_create"), _form(cast, region=str(cast.region_b.public_id), hub="")
    ).content.decode()
    assert f"Choose a council area in {cast.region_b.name}" in html
    response = client.post(
        reverse("provider_create"),
        _form(cast, region=str(cast.region_b.public_id), local_authority=str(cast.council_b.public_id), hub=""),
    )
    assert response.status_code == 302
    assert Provider.objects.get(name="Oakfield House Ltd").region == cast.region_b


def test_a_region_outside_the_scope_cannot_be_forged(cast: Cast, client) -> None:
    lead = user_with_role(Role.LEAD, cast.region_a)
    role_grant(user=lead, role=Role.LEAD, scope_object=cast.region_b)
    london = cast.region_a.__class__.objects.get(code="E12000007")
    client.force_login(lead)
    html = client.post(reverse("provider_create"), _form(cast, region=str(london.public_id))).content.decode()
    assert "Choose a region" in html and not Provider.objects.filter(name="Oakfield House Ltd").exists()


@pytest.mark.parametrize("who", ["provider_staff_a", "provider_admin_a", "council_officer_a", "recruit_user_a"])
def test_only_the_hub_team_can_add_providers(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("provider_create")).status_code == 403
    assert client.post(reverse("provider_create"), _form(cast)).status_code == 403
    assert not Provider.objects.filter(name="Oakfield House Ltd").exists()


# Edit


def test_hub_staff_edit_the_details(cast: Cast, client) -> None:
    other_hub = HubFactory(region=cast.region_a, name="Second Hub")
    client.force_login(cast.staff_a)
    url = reverse("provider_edit", args=[cast.provider_a.public_id])
    html = client.get(url).content.decode()
    assert f'value="{cast.provider_a.cqc_location_id}"' in html and 'name="licence_status"' not in html
    data = _form(cast, name="Alpha Care Group", hub=str(other_hub.public_id), postcode="dy1 1aa")
    assert client.post(url, data).status_code == 302
    cast.provider_a.refresh_from_db()
    assert (cast.provider_a.name, cast.provider_a.hub, cast.provider_a.postcode) == (
        "Alpha Care Group",
        other_hub,
        "DY1 1AA",
    )
    assert cast.provider_a.region == cast.region_a


@pytest.mark.parametrize("who", ["council_officer_a", "provider_admin_a", "provider_staff_a"])
@pytest.mark.parametrize("name", ["provider_edit", "provider_licence_change"])
def test_people_who_only_read_the_provider_get_403_on_writes(who: str, name: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    url = reverse(name, args=[cast.provider_a.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {**_form(cast), "status": "revoked", "rating": "A"}).status_code == 403
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_status == LicenceStatus.ACTIVE and cast.provider_a.name == "Alpha Care Ltd"


# Licence changes


def test_hub_staff_cannot_decide_licence_matters(cast: Cast, client) -> None:
    """DESIGN: hub staff do everything a lead does except granting roles and licence matters."""
    client.force_login(cast.staff_a)
    url = reverse("provider_licence_change", args=[cast.provider_a.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "revoked", "rating": "A", "effective_on": "2026-01-05"}).status_code == 403
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_status == LicenceStatus.ACTIVE
    detail = client.get(reverse("provider_detail", args=[cast.provider_a.public_id])).content.decode()
    assert "Record a licence change" not in detail


def test_a_licence_change_updates_the_provider_and_records_history(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("provider_licence_change", args=[cast.provider_a.public_id])
    effective = timezone.localdate() - timedelta(days=2)
    response = client.post(
        url,
        {"status": "suspended", "rating": "A", "effective_on": f"{effective}", "source": "ukvi", "note": "Ref 9"},
    )
    assert response.status_code == 302
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_status == LicenceStatus.SUSPENDED
    assert cast.provider_a.licence_changed_on == effective
    change = cast.provider_a.licence_changes.get()
    assert (change.status, change.effective_on, change.source, change.note, change.recorded_by) == (
        "suspended",
        effective,
        "ukvi",
        "Ref 9",
        cast.lead_a,
    )
    assert change.recorded_at.date() == timezone.now().date()
    html = client.get(response["Location"]).content.decode()
    assert f"{effective:%-d %B %Y}" in html and cast.lead_a.name in html


def test_the_licence_date_can_be_typed_day_first(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("provider_licence_change", args=[cast.provider_a.public_id])
    client.post(url, {"status": "active", "rating": "B", "effective_on": "02/11/2026", "source": "register"})
    assert cast.provider_a.licence_changes.get().effective_on == date(2026, 11, 2)


def test_a_change_to_the_same_status_and_rating_is_refused(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("provider_licence_change", args=[cast.provider_a.public_id])
    response = client.post(
        url, {"status": "active", "rating": "A", "effective_on": timezone.localdate().isoformat(), "source": "other"}
    )
    assert response.status_code == 200
    assert "The licence already has this status and rating: nothing to record." in response.content.decode()
    assert not cast.provider_a.licence_changes.exists()


def test_a_licence_change_in_the_future_is_refused(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("provider_licence_change", args=[cast.provider_a.public_id])
    tomorrow = timezone.localdate() + timedelta(days=1)
    html = client.post(url, {"status": "revoked", "rating": "A", "effective_on": tomorrow.isoformat()}).content.decode()
    assert "The date the change took effect cannot be in the future" in html
    assert "Choose where the news came from" in html
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_status == LicenceStatus.ACTIVE
