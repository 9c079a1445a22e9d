"""Who may see displaced-worker pool requests (rematching; moves with this package in issue 21)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hubs.access import scope_for
from providers.pool.models import PoolRequest


def pool_requests_visible_to(user: Any) -> QuerySet[Any]:
    """Displaced-worker pool requests: the region's hub team and the asking provider's people."""
    scope = scope_for(user)
    return PoolRequest.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))
