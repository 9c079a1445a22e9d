"""Home-page figures for each role: composes every app, so it lives in portal/, above them all."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from accounts.models import User
from compliance.figures import region_case_figures
from hubs.access import hubs_visible_to, scope_for
from hubs.models import Hub, LocalAuthority, Region, TrainingPartner
from invitations.access import invitations_visible_to
from invitations.models import Invitation
from portal.home import queue
from portal.national import REGION_COLUMNS
from portal.suppression import EXPLANATION
from providers.access import providers_visible_to
from providers.models import LicenceStatus, Provider, ProviderUserObjectPermission
from recruits.access import recruits_visible_to
from recruits.models import Recruit, RecruitStatus


def _licence_counts(providers: Any) -> dict[str, int]:
    counts = providers.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(licence_status=LicenceStatus.ACTIVE)),
        suspended=Count("id", filter=Q(licence_status=LicenceStatus.SUSPENDED)),
        lost=Count("id", filter=Q(licence_status__in=[LicenceStatus.REVOKED, LicenceStatus.SURRENDERED])),
        revoked=Count("id", filter=Q(licence_status=LicenceStatus.REVOKED)),
        surrendered=Count("id", filter=Q(licence_status=LicenceStatus.SURRENDERED)),
        b_rated=Count("id", filter=Q(licence_rating="B", licence_status=LicenceStatus.ACTIVE)),
    )
    return counts


def _recruit_counts(recruits: Any) -> dict[str, int]:
    counts = {"total": 0, **{status.value: 0 for status in RecruitStatus}}
    for row in recruits.values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
        counts["total"] += row["n"]
    counts["needs_sponsor"] = counts[RecruitStatus.AT_RISK] + counts[RecruitStatus.DISPLACED]
    return counts


def hub_dashboard(*, user: User) -> dict[str, Any]:
    """What a lead or hub staff member sees of their region(s): the lists read live, the figures and
    charts from the stored snapshot (portal/home/snapshots.py), with the time they were computed."""
    from portal.home.snapshots import region_figures as stored_figures

    scope = scope_for(user)
    figures = stored_figures(user=user, region_ids=scope.hub_regions)
    return {
        "regions": list(Region.objects.filter(id__in=scope.hub_regions)),
        "hubs": list(hubs_visible_to(user).select_related("region")),
        "pending_invitations": invitations_visible_to(user).pending().count(),
        **figures.value,
        "figures_as_of": figures.label,
    }


def region_figures(*, user: User) -> dict[str, Any]:
    """The counts and charts of a lead's or hub officer's regions: everything in them is theirs."""
    from portal.home.charts import region_charts
    from recruits.duties.selectors import overdue_duties_in_region

    scope = scope_for(user)
    regions = Region.objects.filter(id__in=scope.hub_regions).annotate(duties_overdue=overdue_duties_in_region())
    recruits = _recruit_counts(recruits_visible_to(user))
    return {
        "providers": _licence_counts(providers_visible_to(user)),
        "recruits": recruits,
        "people": User.objects.filter(
            is_active=True, groups__regiongroupobjectpermission__content_object_id__in=scope.hub_regions
        )
        .distinct()
        .count(),
        "duties_overdue": sum(region.duties_overdue for region in regions),
        "charts": region_charts(user=user, recruit_counts=recruits),
    }


def council_dashboard(*, user: User) -> dict[str, Any]:
    providers = providers_visible_to(user).filter(local_authority_id__in=scope_for(user).council_authorities)
    return {
        "queue": queue.council_queue(user=user),
        "councils": list(LocalAuthority.objects.filter(id__in=scope_for(user).council_authorities)),
        "providers": _licence_counts(providers),
        "at_risk_providers": list(
            providers.exclude(licence_status=LicenceStatus.ACTIVE).select_related("local_authority")[:20]
        ),
    }


def adass_dashboard(*, user: User) -> dict[str, Any]:
    regions = Region.objects.filter(id__in=scope_for(user).adass_regions)
    return {
        "regions": [region_case_figures(user=user, region=region) for region in regions],
        "explanation": EXPLANATION,
    }


def partner_dashboard(*, user: User) -> dict[str, Any]:
    """A training partner's home: its organisations and the cohorts it delivers, with their days
    (each day opens its register)."""
    from training.models import Cohort

    scope = scope_for(user)
    partners = list(TrainingPartner.objects.filter(id__in=scope.partner_organisations).select_related("region"))
    cohorts = list(
        Cohort.objects.filter(delivery_partner_id__in=scope.partner_organisations)
        .select_related("programme", "delivery_partner", "trainer")
        .prefetch_related("days")
        .order_by("booking_deadline", "id")
    )
    return {"partners": partners, "cohorts": cohorts}


def provider_dashboard(*, user: User) -> dict[str, Any]:
    from recruits.duties.selectors import duties_due_soonest

    scope = scope_for(user)
    providers = list(Provider.objects.filter(id__in=scope.providers).select_related("hub", "local_authority"))
    recruits = Recruit.objects.filter(provider_id__in=scope.providers)
    return {
        "queue": queue.provider_queue(user=user),
        "providers": providers,
        "recruits": _recruit_counts(recruits),
        "flagged_recruits": recruits.exclude(flags=[]).count(),
        "duties": duties_due_soonest(user=user, limit=10),
        "staff": _provider_staff_count(scope.providers),
        "pending_invitations": Invitation.objects.pending().filter(provider_id__in=scope.admin_providers).count(),
    }


def _provider_staff_count(provider_ids: frozenset[int]) -> int:
    return (
        ProviderUserObjectPermission.objects.filter(content_object_id__in=provider_ids, user__is_active=True)
        .values("user_id")
        .distinct()
        .count()
    )


def recruit_dashboard(*, user: User) -> dict[str, Any]:
    recruit_id = scope_for(user).recruit_id
    recruit = (
        recruits_visible_to(user).select_related("provider", "provider__hub", "region").filter(id=recruit_id).first()
        if recruit_id is not None
        else None
    )
    hub = recruit.provider.hub if recruit and recruit.provider and recruit.provider.hub else None
    if hub is None and recruit is not None:
        hub = Hub.objects.filter(region_id=recruit.region_id).first()
    from pastoral.selectors import recruit_home

    return {"recruit": recruit, "hub": hub, **recruit_home(user=user, recruit=recruit)}


def national_dashboard(*, user: User) -> dict[str, Any]:
    """Counts per region and England's, suppressed (portal/national.py): no personal data. Read from
    the stored snapshot (portal/home/snapshots.py), with the time it was computed."""
    from portal.home.snapshots import national_figures

    snapshot = national_figures()
    figures = snapshot.value
    return {
        "figures": figures,
        "columns": REGION_COLUMNS,
        "totals": figures.total_of,
        "chart": figures.chart,
        "explanation": EXPLANATION,
        "figures_as_of": snapshot.label,
    }
