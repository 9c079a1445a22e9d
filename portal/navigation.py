"""What the header shows: the navigation of each role and the user's hub."""

from typing import Any

from django.urls import reverse

from hubs.access import Scope
from hubs.models import Hub, LocalAuthority, Region
from hubs.roles import Role
from providers.models import Provider
from recruits.models import Recruit

_HUB_TEAM_NAV = [
    ("Home", "home"),
    ("Providers", "provider_list"),
    ("Recruits", "recruit_list"),
    ("Rematching", "rematch_board"),
    ("Vacancies", "vacancy_list"),
    ("Reporting duties", "duty_list"),
    ("Invitations", "invitation_list"),
    ("Hubs", "hub_list"),
    ("Training", "programme_list"),
    ("Compliance", "case_list"),
    ("Pastoral", "pastoral_overview"),
]
_NAV_BY_ROLE: dict[Role, list[tuple[str, str]]] = {
    Role.NATIONAL: [("Home", "home")],
    Role.LEAD: [*_HUB_TEAM_NAV, ("Reminders", "notification_operations"), ("Access log", "access_log")],
    Role.HUB_STAFF: _HUB_TEAM_NAV,
    Role.COUNCIL: [("Home", "home"), ("Providers", "provider_list"), ("Compliance cases", "case_list")],
    Role.PROVIDER_ADMIN: [
        ("Home", "home"),
        ("Recruits", "recruit_list"),
        ("Import", "recruit_import"),
        ("Rematch requests", "rematch_board"),
        ("Vacancies", "vacancy_list"),
        ("Reporting duties", "duty_list"),
        ("Invitations", "invitation_list"),
        ("Training", "programme_list"),
    ],
    Role.PROVIDER_STAFF: [
        ("Home", "home"),
        ("Recruits", "recruit_list"),
        ("Import", "recruit_import"),
        ("Rematch requests", "rematch_board"),
        ("Vacancies", "vacancy_list"),
        ("Reporting duties", "duty_list"),
        ("Training", "programme_list"),
    ],
    Role.RECRUIT: [
        ("Home", "home"),
        ("My details", "recruit_my_details"),
        ("My training", "my_training_plan"),
        ("Find training", "programme_list"),
        ("New sponsor", "rematch_self_refer"),
        ("Get help", "pastoral_help"),
    ],
}


def nav_for(scope: Scope) -> list[dict[str, Any]]:
    role = scope.primary_role
    if role is None:
        return []
    return [{"label": label, "url": reverse(name)} for label, name in _NAV_BY_ROLE[role]]


def home_hub_name(scope: Scope) -> str:
    """The hub whose name the header shows; the region's name when a region has several hubs."""
    hub: Hub | None = None
    region_id: int | None = None
    if scope.providers:
        provider = Provider.objects.select_related("hub").filter(id__in=scope.providers).first()
        hub, region_id = (provider.hub, provider.region_id) if provider else (None, None)
    elif scope.recruit_id is not None:
        recruit = Recruit.objects.select_related("provider__hub").filter(id=scope.recruit_id).first()
        if recruit:
            hub = recruit.provider.hub if recruit.provider else None
            region_id = recruit.region_id
    elif scope.hub_regions:
        region_id = min(scope.hub_regions)
    elif scope.council_authorities:
        region_id = (
            LocalAuthority.objects.filter(id__in=scope.council_authorities).values_list("region_id", flat=True).first()
        )
    elif scope.national:
        return "National network"
    if hub is not None:
        return hub.name
    if region_id is None:
        return ""
    hubs = list(Hub.objects.filter(region_id=region_id).values_list("name", flat=True)[:2])
    if len(hubs) == 1:
        return hubs[0]
    return Region.objects.filter(id=region_id).values_list("name", flat=True).first() or ""
