"""Who may see and work rematch requests (issue 5; moves with this package in issue 21)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hubs.access import scope_for
from recruits.rematch.models import Door, RematchRequest


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
