"""The access review: a lead sees everyone holding a role in their region, with two-factor coverage,
filters and an export; the national team sees every region; nobody else sees it."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from accesslog.models import AccessEvent, Action
from hubs.models import PartnerKind, TrainingPartner
from hubs.roles import Role
from recruits.services import recruit_link_account
from tests.conftest import Cast
from tests.factories import UserFactory, user_with_role


def _page(client, **query) -> str:
    response = client.get(reverse("access_review"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_lead_sees_every_role_held_in_the_region_and_nothing_of_another(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    page = _page(client)
    for user in (
        cast.lead_a,
        cast.staff_a,
        cast.council_officer_a,
        cast.provider_admin_a,
        cast.provider_staff_a,
        cast.recruit_user_a,
    ):
        assert user.email in page, user
    for user in (
        cast.lead_b,
        cast.staff_b,
        cast.council_officer_b,
        cast.provider_admin_b,
        cast.recruit_user_b,
        cast.national,
    ):
        assert user.email not in page, user
    assert "Provider administrator: Alpha Care Ltd" in page
    assert "Recruit: Own record, Alpha Care Ltd" in page


def test_adass_and_training_partner_grants_are_reviewed_with_their_region(cast: Cast, client) -> None:
    college = TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    far = TrainingPartner.objects.create(region=cast.region_b, name="Preston College", kind=PartnerKind.COLLEGE)
    tutor = user_with_role(Role.PARTNER, college, mfa=False, email="tutor@walsall.test")
    user_with_role(Role.PARTNER, far, email="tutor@preston.test")
    client.force_login(cast.lead_a)
    page = _page(client)
    assert cast.adass_a.email in page and cast.adass_b.email not in page
    assert tutor.email in page and "tutor@preston.test" not in page
    assert "Training partner: Walsall College" in page
    lines = {line.role: line for line in client.get(reverse("access_review")).context["coverage"]}
    assert lines[Role.PARTNER].required and lines[Role.ADASS].required
    assert (lines[Role.PARTNER].people, lines[Role.PARTNER].without_second_factor) == (1, 1)


def test_coverage_counts_people_with_and_without_a_second_factor(cast: Cast, client) -> None:
    user_with_role(Role.HUB_STAFF, cast.region_a, mfa=False, email="nofactor@portal.test")
    client.force_login(cast.lead_a)
    response = client.get(reverse("access_review"))
    lines = {line.role: line for line in response.context["coverage"]}
    assert (lines[Role.HUB_STAFF].people, lines[Role.HUB_STAFF].with_second_factor) == (2, 1)
    assert lines[Role.HUB_STAFF].required and not lines[Role.PROVIDER_ADMIN].required
    assert (lines[Role.LEAD].people, lines[Role.LEAD].without_second_factor) == (1, 0)
    assert Role.NATIONAL not in lines  # a region's review has no national team
    only_missing = _page(client, without_second_factor="on")
    assert "nofactor@portal.test" in only_missing and "No: required" in only_missing
    assert f">{cast.staff_a.email}<" not in only_missing


def test_the_role_filter_and_deactivated_accounts(cast: Cast, client) -> None:
    gone = user_with_role(Role.HUB_STAFF, cast.region_a, email="gone@portal.test")
    gone.is_active = False
    gone.save()
    client.force_login(cast.lead_a)
    staff_only = _page(client, role=Role.HUB_STAFF.value)
    assert cast.staff_a.email in staff_only and cast.provider_admin_a.email not in staff_only
    assert "gone@portal.test" not in staff_only
    with_inactive = _page(client, role=Role.HUB_STAFF.value, include_inactive="on")
    assert "gone@portal.test" in with_inactive and "Deactivated" in with_inactive


def test_the_national_team_reviews_every_region(cast: Cast, client) -> None:
    client.force_login(cast.national)
    page = _page(client)
    for user in (cast.lead_a, cast.lead_b, cast.recruit_user_b, cast.national):
        assert user.email in page
    assert "Who has access: England" in page


@pytest.mark.parametrize("role", ["staff_a", "provider_admin_a", "council_officer_a", "recruit_user_a"])
def test_only_leads_and_the_national_team_review_access(cast: Cast, client, role: str) -> None:
    client.force_login(getattr(cast, role))
    assert client.get(reverse("access_review")).status_code == 403
    assert client.get(reverse("access_review_export")).status_code == 403


def test_the_export_lists_every_grant_and_is_logged(cast: Cast, client) -> None:
    formula = UserFactory(name="=HYPERLINK(1)", email="formula@portal.test")
    recruit = cast.recruit_a
    recruit.user = None
    recruit.save()
    recruit_link_account(recruit=recruit, user=formula)
    client.force_login(cast.lead_a)
    response = client.get(reverse("access_review_export"))
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "Email address", "Account active"]
    by_email = {(row[1], row[5]) for row in rows[1:]}
    assert (cast.lead_a.email, "Regional IR lead") in by_email
    assert (cast.provider_staff_a.email, "Provider staff") in by_email
    assert ("formula@portal.test", "Recruit") in by_email
    assert [row[0] for row in rows if row[1] == "formula@portal.test"] == ["'=HYPERLINK(1)"]
    assert cast.lead_b.email not in response.content.decode()
    event = AccessEvent.objects.get()
    assert (event.action, event.region_id) == (Action.EXPORT, cast.region_a.pk)


def test_the_review_pages_in_a_fixed_number_of_queries(cast: Cast, client, django_assert_num_queries) -> None:
    for n in range(130):
        user_with_role(Role.PROVIDER_STAFF, cast.provider_a, email=f"staff{n:03}@portal.test")
    client.force_login(cast.lead_a)
    client.get(reverse("access_review"))  # warm the session
    # session, user, scope, MFA, region name, coverage (8 roles), the page, region names,
    # grants (8 roles), hub, bell: the same with 7 people (ADASS included) or 137
    with django_assert_num_queries(25):
        first = client.get(reverse("access_review"))
    assert len(first.context["page"].items) == 100
    second = client.get(reverse("access_review"), {"after": first.context["page"].next_cursor})
    emails = [person.user.email for person in second.context["page"].items]
    assert len(emails) == 137 - 100 and second.context["page"].next_cursor is None
    assert not {person.user.email for person in first.context["page"].items} & set(emails)
