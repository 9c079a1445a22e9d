"""The tenancy's half of access: the user's `Scope` and the generic fetch helpers.

`scope_for(user)` reads the user's grants once per request (cached on the user object). Each
feature app turns the scope into querysets in its own `access.py` (`recruits/access.py`:
`recruits_visible_to`, ...) and into one fetch per object kind (`get_recruit_for_user(request,
public_id)`, `get_recruit_for_user_rw(...)`), built on `fetch_visible` / `fetch_changeable` here.
Views fetch tenant rows only through those, never through a bare `.objects.get(pk=...)` or
`get_object_or_404` (tests/portal/test_fetching.py walks the views). Named checks on the scope
(`scope.is_hub_team(region)`, `is_lead`, `is_provider_user`, `is_provider_admin`, `is_recruit`)
and `require_hub_team` replace hand-written role comparisons.

Another tenant's object is a 404 (the same answer as "does not exist"); an object the user may
see but not change is a 403 (docs/ARCHITECTURE.md, "Fetching objects"). This module imports no
feature app: grants stored on a feature app's rows (a provider's staff, a recruit's own account)
are read by the readers those apps register in their `AppConfig.ready()`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from hubs.models import (
    Hub,
    LocalAuthority,
    LocalAuthorityUserObjectPermission,
    Region,
    RegionGroupObjectPermission,
    TrainingPartner,
    TrainingPartnerUserObjectPermission,
)
from hubs.roles import PERMISSION_OF_ROLE, ROLE_PRECEDENCE, Role

if TYPE_CHECKING:
    from accounts.models import User

_CACHE_ATTR = "_portal_scope"


@dataclass(frozen=True)
class GrantReader:
    """The grants a feature app stores on its own rows (a provider's staff, a recruit's own account).

    `rows(user)` is a queryset of (object id, codename) pairs for the user, its codenames its own
    (permission codenames are unique); `fields(pairs)` picks its codenames out of all the user's pairs
    and turns them into some of the `Scope` fields (e.g. `admin_providers`). The scope reads every
    reader's rows and its own grants in one query (a UNION), so it costs one query per request.
    """

    rows: Callable[[Any], QuerySet[Any]]
    fields: Callable[[list[tuple[int, str]]], dict[str, Any]]


_grant_readers: list[GrantReader] = []

# What the scope checks accept: a model instance (a region, provider, recruit), its id, or None
# (a record without one: never a match).
Ref = Model | int | None


def _id(ref: Ref) -> int | None:
    return ref.pk if isinstance(ref, Model) else ref


def register_grant_reader(reader: GrantReader) -> None:
    """Called from a feature app's `AppConfig.ready()` to add the grants it stores to the scope."""
    if reader not in _grant_readers:
        _grant_readers.append(reader)


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    national: bool = False
    lead_regions: frozenset[int] = field(default_factory=frozenset)
    staff_regions: frozenset[int] = field(default_factory=frozenset)
    council_authorities: frozenset[int] = field(default_factory=frozenset)
    adass_regions: frozenset[int] = field(default_factory=frozenset)
    admin_providers: frozenset[int] = field(default_factory=frozenset)
    staff_providers: frozenset[int] = field(default_factory=frozenset)
    recruit_id: int | None = None
    partner_organisations: frozenset[int] = field(default_factory=frozenset)

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
            Role.ADASS: bool(self.adass_regions),
            Role.PROVIDER_ADMIN: bool(self.admin_providers),
            Role.PROVIDER_STAFF: bool(self.staff_providers),
            Role.RECRUIT: self.recruit_id is not None,
            Role.PARTNER: bool(self.partner_organisations),
        }
        return [role for role in ROLE_PRECEDENCE if held[role]]

    @property
    def primary_role(self) -> Role | None:
        roles = self.roles
        return roles[0] if roles else None

    # -- Named checks: use these instead of comparing ids with the sets above -------------------

    @property
    def on_a_hub_team(self) -> bool:
        """A lead or hub staff member of at least one region (lists and "add" pages)."""
        return bool(self.hub_regions)

    @property
    def leads_a_region(self) -> bool:
        """An IR lead of at least one region (the lead-only pages: reminders, access log)."""
        return bool(self.lead_regions)

    def is_hub_team(self, region: Ref) -> bool:
        """The region's hub team: its leads and hub staff (not those of another region)."""
        return _id(region) in self.hub_regions

    def is_lead(self, region: Ref) -> bool:
        """The region's IR lead (hub staff are not)."""
        return _id(region) in self.lead_regions

    def is_provider_user(self, provider: Ref) -> bool:
        """Works for the provider: its administrators and its staff."""
        return _id(provider) in self.providers

    def is_provider_admin(self, provider: Ref) -> bool:
        return _id(provider) in self.admin_providers

    def is_partner(self, partner: Ref) -> bool:
        """Acts for the training partner (a college, university or NHS trust)."""
        return _id(partner) in self.partner_organisations

    def is_recruit(self, recruit: Ref) -> bool:
        """The recruit themself (the account linked to the record)."""
        return self.recruit_id is not None and _id(recruit) == self.recruit_id


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


def _own_grant_rows(user: User) -> list[QuerySet[Any]]:
    """The grants this module stores, as (object id, codename) rows: region roles (held through the
    region's groups), the national team (a group permission), councils and training partners."""
    return [
        RegionGroupObjectPermission.objects.filter(group__user=user).values_list(
            "content_object_id", "permission__codename"
        ),
        user.groups.filter(permissions__codename="act_as_national").values_list("id", "permissions__codename"),
        LocalAuthorityUserObjectPermission.objects.filter(user=user, permission__codename="act_as_council").values_list(
            "content_object_id", "permission__codename"
        ),
        TrainingPartnerUserObjectPermission.objects.filter(
            user=user, permission__codename="act_as_partner"
        ).values_list("content_object_id", "permission__codename"),
    ]


def _load_scope(user: User) -> Scope:
    # Every source in one query; a grant's codename says which source it came from.
    first, *others = [rows.order_by() for rows in (*_own_grant_rows(user), *(r.rows(user) for r in _grant_readers))]
    pairs: list[tuple[int, str]] = list(first.union(*others, all=True))

    def held(codename: str) -> frozenset[int]:
        return frozenset(pk for pk, code in pairs if code == codename)

    fields: dict[str, Any] = {
        "national": bool(held("act_as_national")),
        "lead_regions": held("act_as_lead"),
        "staff_regions": held("act_as_hub_staff"),
        "adass_regions": held("act_as_adass"),
        "council_authorities": held("act_as_council"),
        "partner_organisations": held("act_as_partner"),
    }
    for reader in _grant_readers:
        fields.update(reader.fields(pairs))
    return Scope(user_id=user.pk, **fields)


def regions_visible_to(user: Any) -> QuerySet[Region]:
    """Regions whose records the user works on (not the national aggregate view)."""
    return Region.objects.filter(id__in=scope_for(user).hub_regions)


def hubs_visible_to(user: Any) -> QuerySet[Hub]:
    return Hub.objects.filter(region_id__in=scope_for(user).hub_regions)


def hubs_listed_for(user: Any) -> QuerySet[Hub]:
    """The hubs on the Hubs page: a national user sees every region's hubs (names and contacts are
    organisational, not personal data); everyone else the hubs of the regions they work in."""
    if scope_for(user).national:
        return Hub.objects.all()
    return hubs_visible_to(user)


def local_authorities_visible_to(user: Any) -> QuerySet[LocalAuthority]:
    scope = scope_for(user)
    return LocalAuthority.objects.filter(Q(region_id__in=scope.hub_regions) | Q(id__in=scope.council_authorities))


def require_hub_team(request: Any, region: Ref = None, message: str = "This is for the hub team.") -> None:
    """403 unless the user is on the hub team of `region` (any region's when None is given)."""
    scope = scope_for(request.user)
    if not (scope.is_hub_team(region) if region is not None else scope.on_a_hub_team):
        raise PermissionDenied(message)


def require_lead(request: Any, region: Ref = None, message: str = "This is for the region's lead.") -> None:
    """403 unless the user leads `region` (any region when None is given)."""
    scope = scope_for(request.user)
    if not (scope.is_lead(region) if region is not None else scope.leads_a_region):
        raise PermissionDenied(message)


def hub_team_required[V: Callable[..., Any]](view: V) -> V:
    """Decorator: the view is for the hub team of some region; anyone else is answered 403."""

    @functools.wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        require_hub_team(request)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def get_visible_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404("Not found") from None


def get_editable_or_403[M: Model](visible: QuerySet[M], editable: QuerySet[M], **lookup: Any) -> M:
    """404 when the user may not even see the object; 403 when they may see but not change it."""
    obj = get_visible_or_404(visible, **lookup)
    if not editable.filter(pk=obj.pk).exists():
        raise PermissionDenied("You can see this record but not change it.")
    return obj


def _refined[M: Model](queryset: QuerySet[M], related: Iterable[str], prefetch: Iterable[str]) -> QuerySet[M]:
    related, prefetch = tuple(related), tuple(prefetch)
    if related:
        queryset = queryset.select_related(*related)
    if prefetch:
        queryset = queryset.prefetch_related(*prefetch)
    return queryset


def fetch_visible[M: Model](
    visible: QuerySet[M], public_id: Any, *, related: Iterable[str] = (), prefetch: Iterable[str] = ()
) -> M:
    """The body of every `get_<entity>_for_user`: the object by public id from what the user may
    see (404 otherwise), with the related rows the page reads joined in."""
    return get_visible_or_404(_refined(visible, related, prefetch), public_id=public_id)


def fetch_changeable[M: Model](
    visible: QuerySet[M],
    changeable: QuerySet[M],
    public_id: Any,
    *,
    related: Iterable[str] = (),
    prefetch: Iterable[str] = (),
) -> M:
    """The body of every `get_<entity>_for_user_rw`: 404 when not visible, 403 when visible but
    not changeable."""
    return get_editable_or_403(_refined(visible, related, prefetch), changeable, public_id=public_id)


def get_hub_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Hub:
    return fetch_visible(hubs_visible_to(request.user), public_id, related=related)


def get_region_for_user(request: Any, public_id: Any) -> Region:
    return fetch_visible(regions_visible_to(request.user), public_id)


# -- People holding a role: who a form may offer, who is told -----------------------------------


def region_people(region_id: int, roles: list[Role]) -> QuerySet[User]:
    """The active users holding any of `roles` (lead, hub staff) in the region."""
    groups = RegionGroupObjectPermission.objects.filter(
        content_object_id=region_id, permission__codename__in=[PERMISSION_OF_ROLE[role] for role in roles]
    ).values("group_id")
    return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct().order_by("name", "email")


def training_partners_visible_to(user: Any) -> QuerySet[TrainingPartner]:
    """The training partners of the regions the user works in, and those the user acts for."""
    scope = scope_for(user)
    return TrainingPartner.objects.filter(Q(region_id__in=scope.hub_regions) | Q(id__in=scope.partner_organisations))


def get_training_partner_for_user(request: Any, public_id: Any) -> TrainingPartner:
    return fetch_visible(training_partners_visible_to(request.user), public_id, related=("region",))
