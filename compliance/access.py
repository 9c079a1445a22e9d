"""Licence compliance (issue 6): cases, register alerts.

Leads and hub staff see their region's cases; council officers the cases of providers in their
area (the views show them counts and shareable notes only, never workers). Decisions (events,
opening and closing cases, the protocol, register matches and alerts) are the lead's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from compliance.models import ComplianceCase, LicenceEvent, RegisterAlert, RegisterCandidate
from hubs.access import scope_for


def compliance_cases_visible_to(user: Any) -> QuerySet[Any]:
    scope = scope_for(user)
    return ComplianceCase.objects.filter(
        Q(region_id__in=scope.hub_regions) | Q(provider__local_authority_id__in=scope.council_authorities)
    )


def compliance_cases_workable_by(user: Any) -> QuerySet[Any]:
    """Steps, notes, workers' statuses and rematch requests: the region's hub team."""
    return ComplianceCase.objects.filter(region_id__in=scope_for(user).hub_regions)


def compliance_cases_decidable_by(user: Any) -> QuerySet[Any]:
    return ComplianceCase.objects.filter(region_id__in=scope_for(user).lead_regions)


def register_alerts_visible_to(user: Any) -> QuerySet[Any]:
    return RegisterAlert.objects.filter(region_id__in=scope_for(user).hub_regions)


def register_candidates_visible_to(user: Any) -> QuerySet[Any]:
    return RegisterCandidate.objects.filter(region_id__in=scope_for(user).hub_regions)


def licence_events_visible_to(user: Any) -> QuerySet[Any]:
    """A provider's licence events with their clocks: the region's hub team."""
    return LicenceEvent.objects.filter(region_id__in=scope_for(user).hub_regions)


def licence_events_decidable_by(user: Any) -> QuerySet[Any]:
    """Correcting an event or recording its action-plan fee: the region's lead."""
    return LicenceEvent.objects.filter(region_id__in=scope_for(user).lead_regions)
