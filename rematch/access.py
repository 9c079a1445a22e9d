"""Who may see and work rematch requests, vacancies and displaced-worker pool requests.

Built on the scope (`hubs.access.scope_for`), as every app's access module is: the region's hub
team sees everything of its regions; provider people see their own provider's vacancies and pool
requests, and only the rematch requests their provider filed; a recruit sees their own request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from hubs.access import fetch_changeable, fetch_visible, scope_for
from rematch.models import Door, Handover, PoolCandidate, PoolRequest, RematchRequest, Vacancy


def rematch_requests_visible_to(user: Any) -> QuerySet[Any]:
    """The region's hub team sees every request; a provider only those it filed itself (a worker's
    self-referral may be about their employer, so it never reaches the provider); a recruit their own."""
    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | (
        Q(provider_id__in=scope.providers) & (Q(door=Door.PROVIDER) | Q(provider_requested=True))
    )
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id, pending=False)
    return RematchRequest.objects.filter(condition)


def rematch_requests_editable_by(user: Any) -> QuerySet[Any]:
    """Requests are worked by the region's hub team (leads and hub staff)."""
    return RematchRequest.objects.filter(region_id__in=scope_for(user).hub_regions)


def vacancies_visible_to(user: Any) -> QuerySet[Any]:
    """The region's hub team and the provider's own people."""
    scope = scope_for(user)
    return Vacancy.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def vacancies_editable_by(user: Any) -> QuerySet[Any]:
    return vacancies_visible_to(user)


def pool_requests_visible_to(user: Any) -> QuerySet[Any]:
    """Displaced-worker pool requests: the region's hub team and the asking provider's people."""
    scope = scope_for(user)
    return PoolRequest.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def handovers_visible_to(user: Any) -> QuerySet[Handover]:
    """Hand-overs in and out of the regions the user leads."""
    leads = scope_for(user).lead_regions
    return Handover.objects.filter(Q(from_region_id__in=leads) | Q(to_region_id__in=leads))


# -- One fetch per object kind (404: not visible; 403: visible, not changeable) ----------------


def get_rematch_request_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> RematchRequest:
    return fetch_visible(rematch_requests_visible_to(request.user), public_id, related=related)


def get_rematch_request_for_user_rw(request: Any, public_id: Any) -> RematchRequest:
    """A request the user works (the region's hub team), with what its pages read."""
    return fetch_changeable(
        rematch_requests_visible_to(request.user),
        rematch_requests_editable_by(request.user),
        public_id,
        related=["recruit", "provider", "owner", "region"],
    )


def get_vacancy_for_user(
    request: Any, public_id: Any, *, related: Iterable[str] = (), region_id: int | None = None
) -> Vacancy:
    """`region_id`: only a vacancy of that region (an introduction stays within the request's region)."""
    vacancy = fetch_visible(vacancies_visible_to(request.user), public_id, related=related)
    if region_id is not None and vacancy.region_id != region_id:
        raise Http404("Not found")
    return vacancy


def get_vacancy_for_user_rw(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Vacancy:
    return fetch_changeable(
        vacancies_visible_to(request.user), vacancies_editable_by(request.user), public_id, related=related
    )


def get_pool_request_for_user(request: Any, public_id: Any) -> PoolRequest:
    return fetch_visible(pool_requests_visible_to(request.user), public_id, related=["provider", "vacancy", "region"])


def get_pool_request_for_user_rw(request: Any, public_id: Any) -> PoolRequest:
    """A pool request the user answers: the region's hub team (403 for the asking provider)."""
    pool = get_pool_request_for_user(request, public_id)
    if not scope_for(request.user).is_hub_team(pool.region_id):
        raise PermissionDenied("The hub answers pool requests.")
    return pool


def get_pool_candidate_for_user_rw(request: Any, public_id: Any) -> PoolCandidate:
    """A shortlisted worker whose outcome the user records: the asking provider's people."""
    visible = PoolCandidate.objects.filter(pool_request__in=pool_requests_visible_to(request.user))
    candidate = fetch_visible(visible, public_id, related=["pool_request"])
    if not scope_for(request.user).is_provider_user(candidate.pool_request.provider_id):
        raise PermissionDenied("The provider records what happened with each candidate.")
    return candidate


def get_handover_for_user(request: Any, public_id: Any) -> Handover:
    return fetch_visible(handovers_visible_to(request.user), public_id)


def get_handover_for_user_rw(request: Any, public_id: Any) -> Handover:
    """A hand-over the user decides: the lead of the region holding the record."""
    handover = get_handover_for_user(request, public_id)
    if not scope_for(request.user).is_lead(handover.from_region_id):
        raise PermissionDenied("Only the lead of the region holding the record decides.")
    return handover
