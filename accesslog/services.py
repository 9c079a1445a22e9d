"""Recording a read of sensitive details: one call from the view that shows or sends them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from accesslog.models import AccessEvent, Action, Detail
from hubs.access import scope_for


def access_record(
    request: HttpRequest,
    *,
    action: Action,
    detail: Detail,
    what: str,
    region_id: int | None,
    subject: tuple[str, uuid.UUID] | None = None,
) -> None:
    """Log that the signed-in user read `what` (no personal details in it: name the record by
    `subject`, a kind and a public id). Callers leave out a person reading their own record: the
    log is of who else looked."""
    user: Any = request.user
    role = scope_for(user).primary_role
    AccessEvent.objects.create(
        user=user,
        role=role.value if role else ("superuser" if user.is_superuser else ""),
        region_id=region_id,
        action=action,
        detail=detail,
        subject_kind=subject[0] if subject else "",
        subject_id=subject[1] if subject else None,
        what=what[:200],
        path=request.get_full_path()[:300],
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )


def access_record_export(request: HttpRequest, *, what: str, regions: Iterable[int]) -> None:
    """Log an export once in the log of each region whose data it holds."""
    for region_id in sorted(set(regions)):
        access_record(request, action=Action.EXPORT, detail=Detail.EXPORT, what=what, region_id=region_id)
