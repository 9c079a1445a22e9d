"""Who sees and changes recruitment campaigns.

The hub team (lead and hub staff) of the campaign's region sees and changes it; the employers it
recruits for (their administrators and staff) read it; everyone else gets 404, as for any record
they may not see. The list page is for hub teams and employers (others: 403, a role page).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from campaigns.models import Application, ApplicationDocument, Campaign, Interview, PanelMember
from hubs.access import fetch_changeable, fetch_visible, scope_for


def campaigns_visible_to(user: Any) -> QuerySet[Campaign]:
    scope = scope_for(user)
    if not (scope.hub_regions or scope.providers):
        return Campaign.objects.none()
    employer_of = Campaign.employers.through.objects.filter(provider_id__in=scope.providers).values("campaign_id")
    return Campaign.objects.filter(Q(region_id__in=scope.hub_regions) | Q(id__in=employer_of))


def campaigns_editable_by(user: Any) -> QuerySet[Campaign]:
    return Campaign.objects.filter(region_id__in=scope_for(user).hub_regions)


def campaign_reader(user: Any) -> bool:
    scope = scope_for(user)
    return bool(scope.hub_regions or scope.providers)


def require_campaign_reader(user: Any) -> None:
    if not campaign_reader(user):
        raise PermissionDenied("Campaigns are for hub teams and the employers they recruit for.")


def get_campaign_for_user(request: Any, public_id: Any) -> Campaign:
    return fetch_visible(campaigns_visible_to(request.user), public_id, related=["region"])


def get_campaign_for_user_rw(request: Any, public_id: Any) -> Campaign:
    """404 when not visible; 403 for an employer, who reads the campaign but does not change it."""
    return fetch_changeable(
        campaigns_visible_to(request.user), campaigns_editable_by(request.user), public_id, related=["region"]
    )


# -- applications: the hub team of the campaign's region only --------------------------------------
# Employers read their campaigns, not the applicants: candidates' details reach an employer when it
# sits on an interview panel or makes an offer (later stages), not before.


def applications_visible_to(user: Any) -> QuerySet[Application]:
    return Application.objects.filter(region_id__in=scope_for(user).hub_regions)


def get_application_for_user(request: Any, public_id: Any) -> Application:
    return fetch_visible(applications_visible_to(request.user), public_id, related=["campaign", "region"])


def applications_whose_data_rights_are_handled_by(user: Any) -> QuerySet[Application]:
    """A candidate's subject access export and erasure (docs/SECURITY.md, "Data rights"): the
    region's IR lead only, as for a recruit; hub staff see the application and get 403."""
    return Application.objects.filter(region_id__in=scope_for(user).lead_regions)


def get_application_for_user_rights(request: Any, public_id: Any) -> Application:
    """404 when the user may not see the application (employers, other regions), 403 when they
    see it but do not lead its region."""
    return fetch_changeable(
        applications_visible_to(request.user),
        applications_whose_data_rights_are_handled_by(request.user),
        public_id,
        related=["campaign", "region"],
    )


def application_documents_visible_to(user: Any) -> QuerySet[ApplicationDocument]:
    return ApplicationDocument.objects.filter(application__region_id__in=scope_for(user).hub_regions)


# -- interviews: the hub team of the region, and the interview's own panel members -----------------


def interviews_visible_to(user: Any) -> QuerySet[Interview]:
    scope = scope_for(user)
    if scope.user_id is None:
        return Interview.objects.none()
    hub = Q(application__region_id__in=scope.hub_regions)
    on_panel = Q(id__in=PanelMember.objects.filter(user_id=scope.user_id).values("interview_id"))
    return Interview.objects.filter(hub | on_panel)


def get_interview_for_user(request: Any, public_id: Any) -> Interview:
    return fetch_visible(
        interviews_visible_to(request.user), public_id, related=["application__campaign", "application__region"]
    )
