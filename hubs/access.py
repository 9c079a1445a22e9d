"""The one place that decides what a user may see.

`scope_for(user)` reads the user's grants once per request (cached on the user object) and the
`*_visible_to(user)` functions turn it into querysets. Views, exports, PDFs and tasks fetch
tenant rows through these functions, never through a bare `.objects.get(pk=...)`.

Another tenant's object is a 404 (the same answer as "does not exist").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from hubs.models import (
    Hub,
    LocalAuthority,
    LocalAuthorityUserObjectPermission,
    Region,
    RegionGroupObjectPermission,
)
from hubs.roles import PERMISSION_OF_ROLE, ROLE_PRECEDENCE, Role
from notifications.models import Notification, Reminder
from providers.models import Provider, ProviderUserObjectPermission, ReportingDuty
from recruits.models import Recruit

if TYPE_CHECKING:
    from accounts.models import InvitationQuerySet, User

_CACHE_ATTR = "_portal_scope"


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    national: bool = False
    lead_regions: frozenset[int] = field(default_factory=frozenset)
    staff_regions: frozenset[int] = field(default_factory=frozenset)
    council_authorities: frozenset[int] = field(default_factory=frozenset)
    admin_providers: frozenset[int] = field(default_factory=frozenset)
    staff_providers: frozenset[int] = field(default_factory=frozenset)
    recruit_id: int | None = None

    @property
    def hub_regions(self) -> frozenset[int]:
        """Regions whose every record the user may read (leads and hub staff)."""
        return self.lead_regions | self.staff_regions

    @property
    def providers(self) -> frozenset[int]:
        return self.admin_providers | self.staff_providers

    @property
    def roles(self) -> list[Role]:
        held = {
            Role.NATIONAL: self.national,
            Role.LEAD: bool(self.lead_regions),
            Role.HUB_STAFF: bool(self.staff_regions),
            Role.COUNCIL: bool(self.council_authorities),
            Role.PROVIDER_ADMIN: bool(self.admin_providers),
            Role.PROVIDER_STAFF: bool(self.staff_providers),
            Role.RECRUIT: self.recruit_id is not None,
        }
        return [role for role in ROLE_PRECEDENCE if held[role]]

    @property
    def primary_role(self) -> Role | None:
        roles = self.roles
        return roles[0] if roles else None


def scope_for(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope(user_id=None)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = _load_scope(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's grants change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _load_scope(user: User) -> Scope:
    region_grants = RegionGroupObjectPermission.objects.filter(group__user=user).values_list(
        "content_object_id", "permission__codename"
    )
    lead, staff, national = set(), set(), False
    for region_id, codename in region_grants:
        if codename == "act_as_lead":
            lead.add(region_id)
        elif codename == "act_as_hub_staff":
            staff.add(region_id)
    national = user.groups.filter(permissions__codename="act_as_national").exists()
    councils = LocalAuthorityUserObjectPermission.objects.filter(
        user=user, permission__codename="act_as_council"
    ).values_list("content_object_id", flat=True)
    provider_grants = ProviderUserObjectPermission.objects.filter(user=user).values_list(
        "content_object_id", "permission__codename"
    )
    admins = {pid for pid, code in provider_grants if code == "act_as_provider_admin"}
    staff_providers = {pid for pid, code in provider_grants if code == "act_as_provider_staff"}
    recruit_id = Recruit.objects.filter(user=user).values_list("id", flat=True).first()
    return Scope(
        user_id=user.pk,
        national=national,
        lead_regions=frozenset(lead),
        staff_regions=frozenset(staff),
        council_authorities=frozenset(councils),
        admin_providers=frozenset(admins),
        staff_providers=frozenset(staff_providers - admins),
        recruit_id=recruit_id,
    )


def regions_visible_to(user: Any) -> QuerySet[Region]:
    """Regions whose records the user works on (not the national aggregate view)."""
    return Region.objects.filter(id__in=scope_for(user).hub_regions)


def hubs_visible_to(user: Any) -> QuerySet[Hub]:
    return Hub.objects.filter(region_id__in=scope_for(user).hub_regions)


def local_authorities_visible_to(user: Any) -> QuerySet[LocalAuthority]:
    scope = scope_for(user)
    return LocalAuthority.objects.filter(Q(region_id__in=scope.hub_regions) | Q(id__in=scope.council_authorities))


def providers_visible_to(user: Any) -> QuerySet[Provider]:
    scope = scope_for(user)
    return Provider.objects.filter(
        Q(region_id__in=scope.hub_regions)
        | Q(id__in=scope.providers)
        | Q(local_authority_id__in=scope.council_authorities)
    )


def recruits_visible_to(user: Any) -> QuerySet[Recruit]:
    """Council officers see counts of affected workers through cases, never recruit records."""
    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(id=scope.recruit_id)
    return Recruit.objects.filter(condition)


def providers_editable_by(user: Any) -> QuerySet[Provider]:
    """Provider records a user may change: the hub team of the region (leads and hub staff)."""
    return Provider.objects.filter(region_id__in=scope_for(user).hub_regions)


def provider_recruits_managed_by(user: Any) -> QuerySet[Provider]:
    """Providers whose recruits the user may register and edit: the hub team and the provider's own people."""
    scope = scope_for(user)
    return Provider.objects.filter(Q(region_id__in=scope.hub_regions) | Q(id__in=scope.providers))


def recruits_editable_by(user: Any) -> QuerySet[Recruit]:
    scope = scope_for(user)
    return Recruit.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def providers_licence_editable_by(user: Any) -> QuerySet[Provider]:
    """Licence matters are decided by the region's lead, not hub staff (DESIGN: roles)."""
    return Provider.objects.filter(region_id__in=scope_for(user).lead_regions)


def duties_visible_to(user: Any) -> QuerySet[ReportingDuty]:
    """Reporting duties: the region's hub team and the provider's own people; never council
    officers or the national team (a duty names a worker)."""
    scope = scope_for(user)
    return ReportingDuty.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def can_see_sensitive(user: Any, recruit: Recruit) -> bool:
    """Passport, CoS and DBS details: the hub team, the recruit and their current provider only."""
    scope = scope_for(user)
    return (
        recruit.region_id in scope.hub_regions
        or (recruit.provider_id is not None and recruit.provider_id in scope.providers)
        or recruit.pk == scope.recruit_id
    )


def get_editable_or_403[M: Model](visible: QuerySet[M], editable: QuerySet[M], **lookup: Any) -> M:
    """404 when the user may not even see the object; 403 when they may see but not change it."""
    obj = get_visible_or_404(visible, **lookup)
    if not editable.filter(pk=obj.pk).exists():
        raise PermissionDenied("You can see this record but not change it.")
    return obj


def invitations_visible_to(user: Any) -> InvitationQuerySet:
    from accounts.models import Invitation

    scope = scope_for(user)
    return Invitation.objects.filter(  # type: ignore[return-value]
        Q(region_id__in=scope.lead_regions)
        | Q(region_id__in=scope.staff_regions, invited_by_id=scope.user_id)
        | Q(provider_id__in=scope.admin_providers, role=Role.PROVIDER_STAFF)
    )


def get_visible_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404("Not found") from None


# Notifications: a person's inbox is theirs alone; the operations page is the region's leads'.
def notifications_visible_to(user: Any) -> QuerySet[Notification]:
    user_id = scope_for(user).user_id
    return Notification.objects.filter(user_id=user_id) if user_id is not None else Notification.objects.none()


def reminders_operable_by(user: Any) -> QuerySet[Reminder]:
    """Reminders whose failures a user may see and retry: those of the regions they lead."""
    return Reminder.objects.filter(region_id__in=scope_for(user).lead_regions)


def notification_emails_operable_by(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(region_id__in=scope_for(user).lead_regions)


# -- Rematching displaced workers (issue 5): requests and vacancies ----------------------------


def rematch_requests_visible_to(user: Any) -> QuerySet[Any]:
    """The region's hub team sees every request; a provider only those it filed itself (a worker's
    self-referral may be about their employer, so it never reaches the provider); a recruit their own."""
    from recruits.rematch.models import Door, RematchRequest

    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | (
        Q(provider_id__in=scope.providers) & (Q(door=Door.PROVIDER) | Q(provider_requested=True))
    )
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id, pending=False)
    return RematchRequest.objects.filter(condition)


def rematch_requests_editable_by(user: Any) -> QuerySet[Any]:
    """Requests are worked by the region's hub team (leads and hub staff)."""
    from recruits.rematch.models import RematchRequest

    return RematchRequest.objects.filter(region_id__in=scope_for(user).hub_regions)


def vacancies_visible_to(user: Any) -> QuerySet[Any]:
    """The region's hub team and the provider's own people."""
    from providers.vacancies.models import Vacancy

    scope = scope_for(user)
    return Vacancy.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def vacancies_editable_by(user: Any) -> QuerySet[Any]:
    return vacancies_visible_to(user)


def pool_requests_visible_to(user: Any) -> QuerySet[Any]:
    """Displaced-worker pool requests: the region's hub team and the asking provider's people."""
    from providers.pool.models import PoolRequest

    scope = scope_for(user)
    return PoolRequest.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


# Training (issue 8): programmes and cohorts are seen by everyone working in their region;
# enrolments, evidence, certificates and plans belong to a recruit and are seen by the region's
# hub team, the recruit's current provider and the recruit (never council officers or national).


def _training_regions(scope: Scope) -> Q:
    """Regions whose training catalogue the user may browse: hub team, providers' and own region."""
    condition = Q(region_id__in=scope.hub_regions) | Q(
        region_id__in=Provider.objects.filter(id__in=scope.providers).values("region_id")
    )
    if scope.recruit_id is not None:
        condition |= Q(region_id__in=Recruit.objects.filter(id=scope.recruit_id).values("region_id"))
    return condition


def programmes_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import Programme

    return Programme.objects.filter(_training_regions(scope_for(user)))


def programmes_editable_by(user: Any) -> QuerySet[Any]:
    from training.models import Programme

    return Programme.objects.filter(region_id__in=scope_for(user).hub_regions)


def cohorts_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import Cohort

    return Cohort.objects.filter(_training_regions(scope_for(user)))


def cohorts_editable_by(user: Any) -> QuerySet[Any]:
    from training.models import Cohort

    return Cohort.objects.filter(region_id__in=scope_for(user).hub_regions)


def cohorts_registered_by(user: Any) -> QuerySet[Any]:
    """Cohorts whose attendance the user takes: the region's hub team and the cohort's trainer."""
    from training.models import Cohort

    scope = scope_for(user)
    return Cohort.objects.filter(Q(region_id__in=scope.hub_regions) | Q(trainer_id=scope.user_id or 0))


def _recruit_owned(scope: Scope) -> Q:
    condition = Q(region_id__in=scope.hub_regions) | Q(recruit__provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id)
    return condition


def enrolments_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import Enrolment

    return Enrolment.objects.filter(_recruit_owned(scope_for(user)))


def english_evidence_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import EnglishEvidence

    return EnglishEvidence.objects.filter(_recruit_owned(scope_for(user)))


def certificates_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import Certificate

    return Certificate.objects.filter(_recruit_owned(scope_for(user)))


def recruits_bookable_by(user: Any) -> QuerySet[Recruit]:
    """Whom the user may book onto training: the hub team anyone in the region, a provider its
    own staff, a recruit themself."""
    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(id=scope.recruit_id)
    return Recruit.objects.filter(condition)


def training_resources_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import Resource

    return Resource.objects.filter(_training_regions(scope_for(user)))


def training_resources_editable_by(user: Any) -> QuerySet[Any]:
    """The hub team edits its region's library; a provider its own placement offers."""
    from training.models import Resource

    scope = scope_for(user)
    return Resource.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


# -- Licence compliance (issue 6): cases, register alerts ---------------------------------------
# Leads and hub staff see their region's cases; council officers the cases of providers in their
# area (the views show them counts and shareable notes only, never workers). Decisions (events,
# opening and closing cases, the protocol, register matches and alerts) are the lead's.


def compliance_cases_visible_to(user: Any) -> QuerySet[Any]:
    from compliance.models import ComplianceCase

    scope = scope_for(user)
    return ComplianceCase.objects.filter(
        Q(region_id__in=scope.hub_regions) | Q(provider__local_authority_id__in=scope.council_authorities)
    )


def compliance_cases_workable_by(user: Any) -> QuerySet[Any]:
    """Steps, notes, workers' statuses and rematch requests: the region's hub team."""
    from compliance.models import ComplianceCase

    return ComplianceCase.objects.filter(region_id__in=scope_for(user).hub_regions)


def compliance_cases_decidable_by(user: Any) -> QuerySet[Any]:
    from compliance.models import ComplianceCase

    return ComplianceCase.objects.filter(region_id__in=scope_for(user).lead_regions)


def register_alerts_visible_to(user: Any) -> QuerySet[Any]:
    from compliance.models import RegisterAlert

    return RegisterAlert.objects.filter(region_id__in=scope_for(user).hub_regions)


def register_candidates_visible_to(user: Any) -> QuerySet[Any]:
    from compliance.models import RegisterCandidate

    return RegisterCandidate.objects.filter(region_id__in=scope_for(user).hub_regions)


# Pastoral support (issue 7). Plans and check-in dates are seen by the region's hub team, the
# recruit's current employer and the recruit. What the recruit tells the hub (answers, concerns)
# and appointments are the hub team's and the recruit's alone: NEVER a provider's (DESIGN.md).


def _pastoral_recruits(scope: Scope, *, providers: bool) -> Q:
    condition = Q(recruit__region_id__in=scope.hub_regions)
    if providers:
        condition |= Q(recruit__provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id)
    return condition


def pastoral_plans_visible_to(user: Any) -> QuerySet[Any]:
    from training.models import PastoralPlan

    return PastoralPlan.objects.filter(_pastoral_recruits(scope_for(user), providers=True))


def pastoral_plans_editable_by(user: Any) -> QuerySet[Any]:
    from training.models import PastoralPlan

    return PastoralPlan.objects.filter(recruit__region_id__in=scope_for(user).hub_regions)


def check_ins_visible_to(user: Any) -> QuerySet[Any]:
    """The check-in rows (dates, done or not). Providers get these, never `answers` or `red`:
    views for providers read only the fields in `PROVIDER_CHECK_IN_FIELDS`."""
    from training.models import CheckIn, PastoralPlan

    plans = PastoralPlan.objects.filter(_pastoral_recruits(scope_for(user), providers=True))
    return CheckIn.objects.filter(plan__in=plans.values("id"))


def check_in_answers_visible_to(user: Any) -> QuerySet[Any]:
    """Confidential: the hub team of the recruit's region and the recruit who gave them."""
    from training.models import CheckInAnswers

    scope = scope_for(user)
    condition = Q(check_in__plan__recruit__region_id__in=scope.hub_regions)
    if scope.recruit_id is not None:
        condition |= Q(check_in__plan__recruit_id=scope.recruit_id)
    return CheckInAnswers.objects.filter(condition)


def concerns_visible_to(user: Any) -> QuerySet[Any]:
    """Confidential: the hub team of the recruit's region only."""
    from training.models import Concern

    return Concern.objects.filter(recruit__region_id__in=scope_for(user).hub_regions)


def appointments_visible_to(user: Any) -> QuerySet[Any]:
    """The hub team and the recruit (a purpose may be confidential, so never the employer)."""
    from training.models import Appointment

    return Appointment.objects.filter(_pastoral_recruits(scope_for(user), providers=False))


def booklets_editable_by(user: Any) -> QuerySet[Any]:
    from training.models import Booklet

    return Booklet.objects.filter(region_id__in=scope_for(user).hub_regions)


# -- People holding a role: who a form may offer, who is told -----------------------------------


def region_people(region_id: int, roles: list[Role]) -> QuerySet[User]:
    """The active users holding any of `roles` (lead, hub staff) in the region."""
    from accounts.models import User

    groups = RegionGroupObjectPermission.objects.filter(
        content_object_id=region_id, permission__codename__in=[PERMISSION_OF_ROLE[role] for role in roles]
    ).values("group_id")
    return User.objects.filter(groups__in=groups, is_active=True).distinct().order_by("name", "email")


def provider_admins(provider: Provider) -> QuerySet[User]:
    """The provider's administrators (the people told of what happens to its vacancies and workers)."""
    from accounts.models import User

    grants = ProviderUserObjectPermission.objects.filter(
        content_object=provider, permission__codename=PERMISSION_OF_ROLE[Role.PROVIDER_ADMIN]
    ).values("user_id")
    return User.objects.filter(pk__in=grants).order_by("pk")
