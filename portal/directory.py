"""The directory of hubs: who to call in every region, open to everyone.

Every region's hubs with their mailbox, phone and lead council, and the region's named IR leads
(the people holding the lead role there). Hubs' contact details are public, as the hubs publish
them themselves; a lead's own email address is shown only to signed-in users, never to the open
web. A signed-in user's own region comes first, so a recruit, a provider or a council officer
finds their hub without knowing which region they are in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubs.access import Scope, scope_for
from hubs.models import Hub, LocalAuthority, Region, RegionGroupObjectPermission
from hubs.roles import PERMISSION_OF_ROLE, Role
from providers.models import Provider
from recruits.models import Recruit


@dataclass(frozen=True)
class Lead:
    name: str
    email: str


@dataclass
class RegionEntry:
    region: Region
    hubs: list[Hub] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    own: bool = False


def own_region_ids(scope: Scope) -> set[int]:
    """The regions a signed-in user belongs to, whatever their role."""
    regions: set[int] = set(scope.hub_regions)
    if scope.council_authorities:
        regions |= set(
            LocalAuthority.objects.filter(id__in=scope.council_authorities).values_list("region_id", flat=True)
        )
    if scope.providers:
        regions |= set(Provider.objects.filter(id__in=scope.providers).values_list("region_id", flat=True))
    if scope.recruit_id is not None:
        regions |= set(Recruit.objects.filter(id=scope.recruit_id).values_list("region_id", flat=True))
    return regions


def leads_by_region() -> dict[int, list[Lead]]:
    """Each region's active IR leads, by name: two queries whatever the number of regions."""
    group_regions: dict[int, set[int]] = defaultdict(set)
    for group_id, region_id in RegionGroupObjectPermission.objects.filter(
        permission__codename=PERMISSION_OF_ROLE[Role.LEAD]
    ).values_list("group_id", "content_object_id"):
        group_regions[group_id].add(region_id)
    leads: dict[int, list[Lead]] = defaultdict(list)
    people = (
        get_user_model()
        .objects.filter(groups__in=list(group_regions), is_active=True)
        .values_list("name", "email", "groups")
        .order_by("name", "email")
    )
    for name, email, group_id in people:
        for region_id in group_regions.get(group_id, ()):
            lead = Lead(name=name or email, email=email)
            if lead not in leads[region_id]:
                leads[region_id].append(lead)
    return leads


def directory(user: Any) -> list[RegionEntry]:
    """Every region with its hubs and leads; the user's own regions first, then by name."""
    own = own_region_ids(scope_for(user)) if getattr(user, "is_authenticated", False) else set()
    entries = {region.id: RegionEntry(region=region, own=region.id in own) for region in Region.objects.all()}
    for hub in Hub.objects.select_related("lead_council").order_by("name"):
        entries[hub.region_id].hubs.append(hub)
    for region_id, leads in leads_by_region().items():
        if region_id in entries:
            entries[region_id].leads = leads
    return sorted(entries.values(), key=lambda entry: (not entry.own, entry.region.name))


@require_GET
def hub_directory(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "about/hubs.html",
        {
            "entries": directory(request.user),
            "show_emails": request.user.is_authenticated,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
        },
    )
