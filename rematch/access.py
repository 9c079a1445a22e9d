"""Who may see and work rematch requests, vacancies and displaced-worker pool requests.

Built on the scope (`hubs.access.scope_for`), as every app's access module is: the region's hub
team sees everything of its regions; provider people see their own provider's vacancies and pool
requests, and only the rematch requests their provider filed; a recruit sees their own request.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hubs.access import scope_for
from rematch.models import Door, PoolRequest, RematchRequest, Vacancy


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
