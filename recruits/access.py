"""Who may see and change recruits, built from the tenancy's `Scope`.

Also the recruit's own account (`recruit_grant`, registered in `RecruitsConfig`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat

from hubs.access import scope_for
from hubs.models import Agency
from hubs.roles import Role
from recruits.duties.models import ReportingDuty
from recruits.models import Recruit

if TYPE_CHECKING:
    from accounts.models import User


def recruit_grant(user: User) -> dict[str, Any]:
    """The recruit record linked one-to-one to the user, if any (the scope's recruit role)."""
    return {"recruit_id": Recruit.objects.filter(user=user).values_list("id", flat=True).first()}


def recruit_grant_source(regions: frozenset[int] | None) -> dict[Role, QuerySet[Any]]:
    """Recruits' own accounts in `regions`, for the access review (`accesslog.review`): each is held
    on the recruit's own record, named by their employer."""
    rows = Recruit.objects.filter(user__isnull=False)
    if regions is not None:
        rows = rows.filter(region_id__in=regions)
    return {Role.RECRUIT: rows.values("user_id", "region_id", on=Concat(Value("Own record, "), "provider__name"))}


def recruits_visible_to(user: Any) -> QuerySet[Recruit]:
    """Council officers see counts of affected workers through cases, never recruit records."""
    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(id=scope.recruit_id)
    return Recruit.objects.filter(condition)


def recruits_editable_by(user: Any) -> QuerySet[Recruit]:
    scope = scope_for(user)
    return Recruit.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def can_see_sensitive(user: Any, recruit: Recruit) -> bool:
    """Passport, CoS and DBS details: the hub team, the recruit and their current provider only."""
    scope = scope_for(user)
    return (
        recruit.region_id in scope.hub_regions
        or (recruit.provider_id is not None and recruit.provider_id in scope.providers)
        or recruit.pk == scope.recruit_id
    )


def duties_visible_to(user: Any) -> QuerySet[ReportingDuty]:
    """Reporting duties: the region's hub team and the provider's own people; never council
    officers or the national team (a duty names a worker)."""
    scope = scope_for(user)
    return ReportingDuty.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """The agencies a region knows, and their re-checks (rule 19): the region's hub team."""
    return Agency.objects.filter(region_id__in=scope_for(user).hub_regions)
