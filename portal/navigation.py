"""What the header shows: the navigation of each role and the user's hub."""

from typing import Any

from django.urls import reverse

from hubs.access import Scope
from hubs.models import Hub, LocalAuthority, Region
from hubs.roles import Role
from providers.models import Provider
from recruits.models import Recruit

# The hub team's menu must fit one line at 1280 px (the 960 px page width): short labels, and the
# lead's occasional pages grouped under "More" (MORE below).
_HUB_TEAM_NAV = [
    ("Home", "home"),
    ("Providers", "provider_list"),
    ("Recruits", "recruit_list"),
    ("Rematching", "rematch_board"),
    ("Vacancies", "vacancy_list"),
    ("Duties", "duty_list"),
    ("Invitations", "invitation_list"),
    ("Training", "programme_list"),
    ("Compliance", "case_list"),
    ("Pastoral", "pastoral_overview"),
    ("Hubs", "hub_list"),
    ("Agencies", "agency_list"),
    ("Good practice", "practice_list"),
    ("Provider risk", "provider_risk"),
    ("Advice", "advice_home"),
    ("Campaigns", "campaign_list"),
]
# Items shown under the menu's "More" (a <details>, so it opens without JavaScript) for roles whose
# menu would otherwise wrap.
MORE: dict[Role, set[str]] = {
    Role.LEAD: {
        "hub_list",
        "agency_list",
        "practice_list",
        "provider_risk",
        "campaign_list",
        "notification_operations",
        "access_log",
        "monitoring_return",
        "advice_home",
    },
    Role.HUB_STAFF: {"hub_list", "agency_list", "practice_list", "provider_risk", "advice_home", "campaign_list"},
}
# The national team's pages: each one reads across every region (every link must open for the role).
_NATIONAL_NAV = [
    ("Home", "home"),
    ("Trends", "national_trends"),
    ("Hubs", "hub_list"),
    ("Rematching figures", "rematch_report"),
    ("Training figures", "training_figures"),
    ("Good practice", "practice_list"),
    ("Monitoring returns", "monitoring_return"),
]
_NAV_BY_ROLE: dict[Role, list[tuple[str, str]]] = {
    Role.NATIONAL: _NATIONAL_NAV,
    Role.LEAD: [
        *_HUB_TEAM_NAV,
        ("Reminders", "notification_operations"),
        ("Access log", "access_log"),
        ("Monitoring returns", "monitoring_return"),
    ],
    Role.HUB_STAFF: _HUB_TEAM_NAV,
    Role.COUNCIL: [
        ("Home", "home"),
        ("Providers", "provider_list"),
        ("Compliance cases", "case_list"),
        ("Approved agencies", "agency_list"),
        ("Advice", "advice_home"),
    ],
    Role.ADASS: [
        ("Home", "home"),
        ("Case figures", "case_figures"),
    ],
    Role.PROVIDER_ADMIN: [
        ("Home", "home"),
        ("Recruits", "recruit_list"),
        ("Import", "recruit_import"),
        ("Rematch requests", "rematch_board"),
        ("Vacancies", "vacancy_list"),
        ("Reporting duties", "duty_list"),
        ("Invitations", "invitation_list"),
        ("Training", "programme_list"),
        ("Advice", "advice_home"),
    ],
    Role.PROVIDER_STAFF: [
        ("Home", "home"),
        ("Recruits", "recruit_list"),
        ("Import", "recruit_import"),
        ("Rematch requests", "rematch_board"),
        ("Vacancies", "vacancy_list"),
        ("Reporting duties", "duty_list"),
        ("Training", "programme_list"),
        ("Advice", "advice_home"),
    ],
    Role.PARTNER: [
        ("Home", "home"),
        ("Student placements", "placement_offer_list"),
        ("Careers in care", "career_list"),
    ],
    Role.RECRUIT: [
        ("Home", "home"),
        ("My details", "recruit_my_details"),
        ("My training", "my_training_plan"),
        ("Find training", "programme_list"),
        ("Find a new employer", "rematch_self_refer"),
        ("Get help", "pastoral_help"),
    ],
}


# Pages whose address sits under one section but which belong to another: a recruit's training
# plan (/training/recruits/<id>/plan/) is part of the recruit's record, so "Recruits" (or, for the
# recruit, "My training") is the current item, not "Training". The first name in the menu wins.
_SECTION_OWNERS: list[tuple[str, list[str]]] = [
    ("/training/recruits/", ["recruit_list", "my_training_plan"]),
]


def nav_for(scope: Scope) -> list[dict[str, Any]]:
    role = scope.primary_role
    if role is None:
        return []
    more = MORE.get(role, set())
    return [
        {"label": label, "url": reverse(name), "name": name, "more": name in more} for label, name in _NAV_BY_ROLE[role]
    ]


def mark_current(items: list[dict[str, Any]], path: str) -> None:
    """Mark the item of the section the path is in: ``current`` on it, ``exact`` if it is the page itself.

    The section is the longest menu link the path starts with ("/recruits/import/" is Import, not
    Recruits), unless the path is one another section owns; Home only on the home page itself.
    """
    current: dict[str, Any] | None = None
    for prefix, owners in _SECTION_OWNERS:
        if path.startswith(prefix):
            current = next((item for name in owners for item in items if item["name"] == name), None)
            if current is not None:
                break
    if current is None:
        home = reverse("home")
        matches = [
            item for item in items if path == item["url"] or (item["url"] != home and path.startswith(item["url"]))
        ]
        current = max(matches, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is current
        item["exact"] = item is current and path == item["url"]


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
    elif scope.adass_regions:
        region_id = min(scope.adass_regions)
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
