"""Who may see and change providers, built from the tenancy's `Scope`.

Also the provider grants that the scope holds (`provider_grant_rows`, `provider_grants`) and who
holds a provider's roles when a reminder is sent (`provider_role_holders`), both registered in
`ProvidersConfig`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import F, Q, QuerySet

from hubs.access import fetch_changeable, fetch_visible, scope_for
from hubs.roles import PERMISSION_OF_ROLE, Role
from providers.models import Provider, ProviderUserObjectPermission

if TYPE_CHECKING:
    from accounts.models import User
    from notifications.models import Reminder


def provider_grant_rows(user: User) -> QuerySet[Any]:
    """The user's provider grants as (provider id, codename) pairs, for the scope's one query."""
    return ProviderUserObjectPermission.objects.filter(user=user).values_list(
        "content_object_id", "permission__codename"
    )


def provider_grants(pairs: list[tuple[int, str]]) -> dict[str, Any]:
    """The providers the user administers or works for (the scope's provider roles)."""
    admins = {pid for pid, code in pairs if code == "act_as_provider_admin"}
    staff = {pid for pid, code in pairs if code == "act_as_provider_staff"}
    return {"admin_providers": frozenset(admins), "staff_providers": frozenset(staff - admins)}


def provider_grant_source(regions: frozenset[int] | None) -> dict[Role, QuerySet[Any]]:
    """The holders of provider roles in `regions`, for the access review (`accesslog.review`)."""
    holders = {}
    for role in (Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF):
        rows = ProviderUserObjectPermission.objects.filter(permission__codename=PERMISSION_OF_ROLE[role])
        if regions is not None:
            rows = rows.filter(content_object__region_id__in=regions)
        holders[role] = rows.values("user_id", on=F("content_object__name"), region_id=F("content_object__region_id"))
    return holders


def providers_visible_to(user: Any) -> QuerySet[Provider]:
    scope = scope_for(user)
    return Provider.objects.filter(
        Q(region_id__in=scope.hub_regions)
        | Q(id__in=scope.providers)
        | Q(local_authority_id__in=scope.council_authorities)
    )


def providers_editable_by(user: Any) -> QuerySet[Provider]:
    """Provider records a user may change: the hub team of the region (leads and hub staff)."""
    return Provider.objects.filter(region_id__in=scope_for(user).hub_regions)


def provider_recruits_managed_by(user: Any) -> QuerySet[Provider]:
    """Providers whose recruits the user may register and edit: the hub team and the provider's own people."""
    scope = scope_for(user)
    return Provider.objects.filter(Q(region_id__in=scope.hub_regions) | Q(id__in=scope.providers))


def providers_licence_editable_by(user: Any) -> QuerySet[Provider]:
    """Licence matters are decided by the region's lead, not hub staff (DESIGN: roles)."""
    return Provider.objects.filter(region_id__in=scope_for(user).lead_regions)


# -- One fetch per object kind (404: not visible; 403: visible, not changeable) ----------------


def get_provider_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Provider:
    return fetch_visible(providers_visible_to(request.user), public_id, related=related)


# What a user may do to a provider, and who may: `get_provider_for_user_rw(..., to="licence")`.
PROVIDER_CHANGES: dict[str, Callable[[Any], QuerySet[Provider]]] = {
    "edit": providers_editable_by,
    "licence": providers_licence_editable_by,
    "recruits": provider_recruits_managed_by,
}


def get_provider_for_user_rw(
    request: Any, public_id: Any, *, to: str = "edit", related: Iterable[str] = (), hub_team_only: bool = False
) -> Provider:
    """`to`: "edit" the record (hub team), change its "licence" (lead), manage its "recruits"
    (hub team and the provider's people). `hub_team_only`: a provider's own people get a 404 too."""
    visible = providers_visible_to(request.user)
    if hub_team_only:
        visible = visible.filter(region_id__in=scope_for(request.user).hub_regions)
    return fetch_changeable(visible, PROVIDER_CHANGES[to](request.user), public_id, related=related)


# -- People holding a role: who is told ----------------------------------------------------------


def provider_admins(provider: Provider) -> QuerySet[User]:
    """The provider's administrators (the people told of what happens to its vacancies and workers)."""
    from accounts.models import User

    grants = ProviderUserObjectPermission.objects.filter(
        content_object=provider, permission__codename=PERMISSION_OF_ROLE[Role.PROVIDER_ADMIN]
    ).values("user_id")
    return User.objects.filter(pk__in=grants).order_by("pk")


def provider_role_holders(reminder: Reminder, role: str) -> QuerySet[Any] | None:
    """Who a reminder to a provider role goes to (registered with notifications in `ProvidersConfig`)."""
    if reminder.provider_id is None:
        return None
    return ProviderUserObjectPermission.objects.filter(
        content_object_id=reminder.provider_id, permission__codename=PERMISSION_OF_ROLE[Role(role)]
    ).values("user_id")
