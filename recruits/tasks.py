"""Background work of the recruits app (beat: portal/celery.py)."""

from __future__ import annotations

from celery import shared_task

from recruits.agencies import agency_rechecks_sync_all


@shared_task(acks_late=True)
def agency_rechecks_task() -> int:
    """Every agency's re-check reminders in line with its record, including changes made in the admin."""
    return agency_rechecks_sync_all()
