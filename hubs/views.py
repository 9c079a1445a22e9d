from __future__ import annotations

from typing import TYPE_CHECKING

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hubs.access import get_hub_for_user, hubs_listed_for, scope_for
from hubs.tasks import HEARTBEAT_KEY

if TYPE_CHECKING:
    from accounts.http import AuthenticatedRequest


@login_required
def hub_list(request: AuthenticatedRequest) -> HttpResponse:
    hubs = list(hubs_listed_for(request.user).select_related("region", "lead_council").order_by("region__name", "name"))
    scope = scope_for(request.user)
    return render(
        request,
        "hubs/hub_list.html",
        {
            "hubs": hubs,
            "openable": scope.hub_regions,
            "national": scope.national,
            "region_count": len(scope.hub_regions),
        },
    )


@login_required
def hub_detail(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    hub = get_hub_for_user(request, public_id, related=["region", "lead_council"])
    provider_count = hub.providers.count()
    return render(request, "hubs/hub_detail.html", {"hub": hub, "provider_count": provider_count})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 503 when the database is unreachable, Redis is informative."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        checks["database"] = f"unavailable: {exc.__class__.__name__}"
    checks["redis"] = _redis_status()
    try:
        checks["celery_heartbeat"] = cache.get(HEARTBEAT_KEY) or "none yet"
    except Exception:  # noqa: BLE001 - the cache may live in Redis
        checks["celery_heartbeat"] = "unknown"
    healthy = checks["database"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def _redis_status() -> str:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError as exc:
        return f"unavailable: {exc.__class__.__name__}"
    return "ok"
