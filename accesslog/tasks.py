"""Background work of the access log app (beat: portal/celery.py)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from accesslog.rights import retention_run


@shared_task(acks_late=True)
def retention_task(today: str | None = None) -> dict[str, int]:
    """Every app's retention rules (docs/SECURITY.md, the retention table), for `today` (an ISO
    date; England's date when not given). Idempotent: a rule clears only what is not cleared yet."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return retention_run(day)
