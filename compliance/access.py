"""Licence compliance (issue 6): cases, register alerts.

Leads and hub staff see their region's cases; council officers the cases of providers in their
area (the views show them counts and shareable notes only, never workers). Decisions (events,
opening and closing cases, the protocol, register matches and alerts) are the lead's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from compliance.models import (
    AffectedWorker,
    CaseEntry,
    CaseStep,
    ComplianceCase,
    LicenceEvent,
    RegisterAlert,
    RegisterCandidate,
)
from hubs.access import fetch_changeable, fetch_visible, require_lead, scope_for
from hubs.models import Region


def compliance_cases_visible_to(user: Any) -> QuerySet[Any]:
    scope = scope_for(user)
    return ComplianceCase.objects.filter(
        Q(region_id__in=scope.hub_regions) | Q(provider__local_authority_id__in=scope.council_authorities)
    )


def compliance_cases_workable_by(user: Any) -> QuerySet[Any]:
    """Steps, notes, workers' statuses and rematch requests: the region's hub team."""
    return ComplianceCase.objects.filter(region_id__in=scope_for(user).hub_regions)


def compliance_cases_noted_by(user: Any) -> QuerySet[Any]:
    """Notes from the council: the council officers of the provider's area (not the hub team)."""
    return ComplianceCase.objects.filter(provider__local_authority_id__in=scope_for(user).council_authorities)


def compliance_cases_counted_for(user: Any) -> QuerySet[Any]:
    """Counts only, never a case page: ADASS regional members, for their region."""
    return ComplianceCase.objects.filter(region_id__in=scope_for(user).adass_regions)


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


def case_figures_regions(user: Any) -> QuerySet[Region]:
    """Regions whose case figures the user reads: ADASS members' own, and the hub team's."""
    scope = scope_for(user)
    return Region.objects.filter(id__in=scope.adass_regions | scope.hub_regions)


# -- One fetch per object kind (404: not visible; 403: visible, not changeable) ----------------

CASE_RELATED = ("provider__local_authority", "event", "owner")


def get_compliance_case_for_user(
    request: Any, public_id: Any, *, hub_team_only: bool = False, related: Iterable[str] = CASE_RELATED
) -> ComplianceCase:
    """`hub_team_only`: pages with workers' names (the PDF, the CSV): a council officer gets a 404."""
    visible = compliance_cases_workable_by if hub_team_only else compliance_cases_visible_to
    return fetch_visible(visible(request.user), public_id, related=related)


# What a user may do to a case, and who may: `get_compliance_case_for_user_rw(..., to="decide")`.
CASE_CHANGES: dict[str, Callable[[Any], QuerySet[Any]]] = {
    "work": compliance_cases_workable_by,
    "decide": compliance_cases_decidable_by,
    "council_note": compliance_cases_noted_by,
}


def get_compliance_case_for_user_rw(
    request: Any, public_id: Any, *, to: str = "work", related: Iterable[str] = ("provider", "event")
) -> ComplianceCase:
    """`to`: "work" the case (steps, notes, workers: the hub team), "decide" (status, owner: the lead)
    or "council_note" (a note from the council: the council officers of the provider's area)."""
    return fetch_changeable(
        compliance_cases_visible_to(request.user), CASE_CHANGES[to](request.user), public_id, related=related
    )


def get_case_entry_file_for_user(request: Any, public_id: Any) -> CaseEntry:
    """A case note's document: the hub team; a council officer only a note marked shareable."""
    visible = CaseEntry.objects.filter(case__in=compliance_cases_visible_to(request.user)).exclude(stored_name="")
    entry = fetch_visible(visible, public_id)
    if not scope_for(request.user).is_hub_team(entry.case.region_id) and not entry.shareable:
        raise Http404("Not found")
    return entry


def get_case_step_for_user_rw(request: Any, public_id: Any) -> CaseStep:
    visible = CaseStep.objects.filter(case__in=compliance_cases_workable_by(request.user))
    return fetch_visible(visible, public_id, related=["case__provider", "assignee"])


def get_affected_worker_for_user_rw(request: Any, public_id: Any) -> AffectedWorker:
    visible = AffectedWorker.objects.filter(case__in=compliance_cases_workable_by(request.user))
    return fetch_visible(visible, public_id, related=["case"])


def get_licence_event_for_user_rw(request: Any, public_id: Any) -> LicenceEvent:
    """An event the user corrects or records a fee on: the region's lead (403 for hub staff)."""
    return fetch_changeable(
        licence_events_visible_to(request.user),
        licence_events_decidable_by(request.user),
        public_id,
        related=["provider"],
    )


ALERT_RELATED = ("provider", "register_import", "event")


def get_register_alert_for_user(request: Any, public_id: Any) -> RegisterAlert:
    return fetch_visible(register_alerts_visible_to(request.user), public_id, related=ALERT_RELATED)


def get_register_alert_for_user_rw(request: Any, public_id: Any) -> RegisterAlert:
    alert = get_register_alert_for_user(request, public_id)
    require_lead(request, alert.region_id, "Register alerts are decided by the region's lead.")
    return alert


def get_register_candidate_for_user(request: Any, public_id: Any) -> RegisterCandidate:
    return fetch_visible(
        register_candidates_visible_to(request.user), public_id, related=["provider", "register_import"]
    )


def get_register_candidate_for_user_rw(request: Any, public_id: Any) -> RegisterCandidate:
    candidate = get_register_candidate_for_user(request, public_id)
    require_lead(request, candidate.region_id, "Register matches are confirmed by the region's lead.")
    return candidate


def get_case_figures_region_for_user(request: Any, public_id: Any) -> Region:
    """The region of the case figures page (ADASS regional members and the hub team)."""
    return fetch_visible(case_figures_regions(request.user), public_id)
