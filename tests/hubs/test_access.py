"""What each role may see, straight from hubs.access."""

from __future__ import annotations

from hubs.access import hubs_visible_to, local_authorities_visible_to, scope_for
from hubs.models import PartnerKind, TrainingPartner
from hubs.roles import Role
from hubs.services import role_grant, role_revoke
from invitations.access import invitations_visible_to
from providers.access import providers_visible_to
from recruits.access import recruits_visible_to
from tests.conftest import Cast
from tests.factories import RecruitFactory, UserFactory


def test_a_lead_sees_everything_in_their_region_only(cast: Cast) -> None:
    assert set(providers_visible_to(cast.lead_a)) == {cast.provider_a}
    assert set(recruits_visible_to(cast.lead_a)) == {cast.recruit_a}
    assert set(hubs_visible_to(cast.lead_a)) == {cast.hub_a}
    assert cast.council_b not in local_authorities_visible_to(cast.lead_a)
    assert cast.council_a in local_authorities_visible_to(cast.lead_a)


def test_hub_staff_see_their_region(cast: Cast) -> None:
    assert set(recruits_visible_to(cast.staff_a)) == {cast.recruit_a}
    assert scope_for(cast.staff_a).roles == [Role.HUB_STAFF]


def test_a_council_officer_sees_providers_of_their_area_but_no_recruit(cast: Cast) -> None:
    assert set(providers_visible_to(cast.council_officer_a)) == {cast.provider_a}
    assert not recruits_visible_to(cast.council_officer_a).exists()


def test_a_provider_admin_sees_their_own_recruits(cast: Cast) -> None:
    assert set(providers_visible_to(cast.provider_admin_a)) == {cast.provider_a}
    assert set(recruits_visible_to(cast.provider_admin_a)) == {cast.recruit_a}
    assert set(recruits_visible_to(cast.provider_staff_a)) == {cast.recruit_a}


def test_a_recruit_sees_only_their_own_record(cast: Cast) -> None:
    from tests.factories import RecruitFactory

    RecruitFactory(provider=cast.provider_a)  # a colleague at the same provider
    assert set(recruits_visible_to(cast.recruit_user_a)) == {cast.recruit_a}
    assert not providers_visible_to(cast.recruit_user_a).exists()


def test_the_national_team_sees_no_personal_records(cast: Cast) -> None:
    assert scope_for(cast.national).national
    assert not recruits_visible_to(cast.national).exists()
    assert not providers_visible_to(cast.national).exists()


def test_hub_staff_see_only_their_own_invitations_leads_see_the_region(cast: Cast) -> None:
    from invitations import services

    mine, _ = services.invitation_create(
        actor=cast.staff_a, email="p@alpha.example", role=Role.PROVIDER_ADMIN, scope_object=cast.provider_a
    )
    leads, _ = services.invitation_create(
        actor=cast.lead_a, email="c@council.example", role=Role.COUNCIL, scope_object=cast.council_a
    )
    assert set(invitations_visible_to(cast.staff_a)) == {mine}
    assert set(invitations_visible_to(cast.lead_a)) == {mine, leads}
    assert not invitations_visible_to(cast.lead_b).exists()


def test_the_scope_is_read_once_per_request_in_one_query(cast: Cast, django_assert_num_queries) -> None:
    user = type(cast.lead_a).objects.get(pk=cast.lead_a.pk)
    with django_assert_num_queries(1):
        scope_for(user)
    with django_assert_num_queries(0):
        scope_for(user)


def test_one_query_reads_every_kind_of_grant_a_user_can_hold(cast: Cast, django_assert_num_queries) -> None:
    """Region roles (through groups), national (a group permission), council, training partner,
    provider admin and staff (object permissions) and the recruit's own record, each where it belongs."""
    person = UserFactory(email="many-hats@example.test")
    partner = TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    for role, scope_object in (
        (Role.LEAD, cast.region_a),
        (Role.HUB_STAFF, cast.region_b),
        (Role.ADASS, cast.region_b),
        (Role.NATIONAL, None),
        (Role.COUNCIL, cast.council_a),
        (Role.PARTNER, partner),
        (Role.PROVIDER_ADMIN, cast.provider_a),
        (Role.PROVIDER_STAFF, cast.provider_b),
    ):
        role_grant(user=person, role=role, scope_object=scope_object)
    recruit = RecruitFactory(provider=cast.provider_a, user=person)
    fresh = type(person).objects.get(pk=person.pk)
    with django_assert_num_queries(1):
        scope = scope_for(fresh)
    assert scope.national
    assert scope.lead_regions == {cast.region_a.pk}
    assert scope.staff_regions == {cast.region_b.pk}
    assert scope.adass_regions == {cast.region_b.pk}
    assert scope.council_authorities == {cast.council_a.pk}
    assert scope.partner_organisations == {partner.pk}
    assert scope.admin_providers == {cast.provider_a.pk}
    assert scope.staff_providers == {cast.provider_b.pk}
    assert scope.recruit_id == recruit.pk
    # Someone else's grants are not read into it.
    assert scope_for(cast.lead_b).lead_regions == {cast.region_b.pk}
    assert scope_for(cast.lead_b).recruit_id is None


def test_revoking_a_role_removes_access(cast: Cast) -> None:
    role_revoke(user=cast.lead_a, role=Role.LEAD, scope_object=cast.region_a)
    user = type(cast.lead_a).objects.get(pk=cast.lead_a.pk)
    assert scope_for(user).roles == []
    assert not recruits_visible_to(user).exists()


def test_grants_are_audited(cast: Cast) -> None:
    from providers.models import ProviderUserObjectPermission

    event_model = ProviderUserObjectPermission.pgh_event_model  # type: ignore[attr-defined]
    role_revoke(user=cast.provider_admin_a, role=Role.PROVIDER_ADMIN, scope_object=cast.provider_a)
    labels = list(event_model.objects.filter(user=cast.provider_admin_a).values_list("pgh_label", flat=True))
    assert labels == ["insert", "delete"]


def test_region_role_memberships_are_audited(cast: Cast) -> None:
    from accounts.models import UserGroupsEvent  # type: ignore[attr-defined]

    role_revoke(user=cast.staff_a, role=Role.HUB_STAFF, scope_object=cast.region_a)
    labels = list(UserGroupsEvent.objects.filter(user=cast.staff_a).values_list("pgh_label", flat=True))
    assert labels == ["group.add", "group.remove"]
