"""Who may see and change recruits, built from the tenancy's `Scope`.

Also the recruit's own account (`recruit_grant_rows`, `recruit_grant`, registered in `RecruitsConfig`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import Http404

from hubs.access import fetch_changeable, fetch_visible, get_visible_or_404, scope_for
from hubs.models import Agency, LocalAuthority, Region
from hubs.roles import Role
from providers.models import Provider
from recruits.duties.models import ReportingDuty
from recruits.models import Document, Recruit

if TYPE_CHECKING:
    from accounts.models import User


# The recruit's own record is not a permission row: its grant rows carry this codename of their own.
OWN_RECORD = "own_recruit_record"


def recruit_grant_rows(user: User) -> QuerySet[Any]:
    """The recruit record linked one-to-one to the user, if any, as an (id, codename) pair."""
    return Recruit.objects.filter(user=user).values_list("id", Value(OWN_RECORD))


def recruit_grant(pairs: list[tuple[int, str]]) -> dict[str, Any]:
    """The scope's recruit role: the user's own recruit record."""
    return {"recruit_id": next((pk for pk, code in pairs if code == OWN_RECORD), None)}


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
    """The region's agencies and managed service providers: its hub team, and the members of the
    region (its providers' people and its council officers), who choose agencies from this list."""
    scope = scope_for(user)
    member_regions = (
        Provider.objects.filter(id__in=scope.providers)
        .values("region_id")
        .union(LocalAuthority.objects.filter(id__in=scope.council_authorities).values("region_id"))
    )
    return Agency.objects.filter(Q(region_id__in=scope.hub_regions) | Q(region_id__in=member_regions))


def agencies_checked_by(user: Any) -> QuerySet[Agency]:
    """The agencies whose periodic re-check (rule 19) the user records: the region's hub team."""
    return Agency.objects.filter(region_id__in=scope_for(user).hub_regions)


def agencies_maintained_by(user: Any) -> QuerySet[Agency]:
    """The agencies the user adds, edits, suspends and removes: the region's IR lead."""
    return Agency.objects.filter(region_id__in=scope_for(user).lead_regions)


# -- One fetch per object kind (404: not visible; 403: visible, not changeable) ----------------


def get_recruit_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Recruit:
    return fetch_visible(recruits_visible_to(request.user), public_id, related=related)


def get_recruit_for_user_rw(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Recruit:
    return fetch_changeable(
        recruits_visible_to(request.user), recruits_editable_by(request.user), public_id, related=related
    )


def recruits_whose_data_rights_are_handled_by(user: Any) -> QuerySet[Recruit]:
    """A person's subject access export and erasure (docs/SECURITY.md, "Data rights"): the region's
    IR lead only; hub staff, the provider and the recruit see the record and get 403."""
    return Recruit.objects.filter(region_id__in=scope_for(user).lead_regions)


def get_recruit_for_user_rights(request: Any, public_id: Any) -> Recruit:
    return fetch_changeable(
        recruits_visible_to(request.user),
        recruits_whose_data_rights_are_handled_by(request.user),
        public_id,
        related=["region", "provider"],
    )


def get_own_recruit_for_user(request: Any, *, related: Iterable[str] = (), refusal: str = "Not found") -> Recruit:
    """A recruit's own record (the account's one-to-one link); 404 for anyone else."""
    recruit_id = scope_for(request.user).recruit_id
    if recruit_id is None:
        raise Http404(refusal)
    queryset = recruits_visible_to(request.user)
    return get_visible_or_404(queryset.select_related(*related) if related else queryset, pk=recruit_id)


def get_sensitive_recruit_for_user(
    request: Any, public_id: Any, *, related: Iterable[str] = (), refusal: str = "You cannot see these details."
) -> Recruit:
    """A recruit whose sensitive details (documents, training plan) the user may read: 404 when
    the record is not visible, 403 when visible but its sensitive details are not the user's."""
    recruit = get_recruit_for_user(request, public_id, related=related)
    if not can_see_sensitive(request.user, recruit):
        raise PermissionDenied(refusal)
    return recruit


def get_document_for_user(request: Any, public_id: Any) -> Document:
    """404 unless the user may see the recruit and their sensitive details (the documents)."""
    visible = Document.objects.filter(recruit__in=recruits_visible_to(request.user))
    document = fetch_visible(visible, public_id, related=["recruit"])
    if not can_see_sensitive(request.user, document.recruit):
        raise Http404("Not found")
    return document


def get_duty_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> ReportingDuty:
    return fetch_visible(duties_visible_to(request.user), public_id, related=related)


def get_agency_for_user(request: Any, public_id: Any) -> Agency:
    return fetch_visible(agencies_visible_to(request.user), public_id, related=["region"])


def get_region_for_new_agency(request: Any) -> Region:
    """The region a lead adds an agency to: theirs, or the one chosen (`?region=`) among those they lead."""
    scope = scope_for(request.user)
    if not scope.leads_a_region:
        raise Http404("Only a region's IR lead adds agencies")
    led = Region.objects.filter(id__in=scope.lead_regions).order_by("id")
    chosen = request.GET.get("region")
    return fetch_visible(led, chosen) if chosen else get_visible_or_404(led, id=min(scope.lead_regions))


def get_agency_to_check(request: Any, public_id: Any) -> Agency:
    return fetch_changeable(
        agencies_visible_to(request.user), agencies_checked_by(request.user), public_id, related=["region"]
    )


def get_agency_for_user_rw(request: Any, public_id: Any) -> Agency:
    return fetch_changeable(
        agencies_visible_to(request.user), agencies_maintained_by(request.user), public_id, related=["region"]
    )


def get_duplicate_recruit(duplicate: Any) -> Recruit:
    """The record in another region that a likely duplicate (`cross_region_duplicates`) names: read
    only to ask that region's lead for a hand-over, never shown to the asking hub (rule: a
    record's name shows only to its holder)."""
    return Recruit.objects.get(pk=duplicate.recruit_id)
