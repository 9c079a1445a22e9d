"""Celery entry points for reminders: they take ids and call services."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from celery import shared_task
from django.db import transaction

from notifications.services import reminder_record_failure, reminder_send, reminders_claim_due

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
MAX_BACKOFF_SECONDS = 300  # no ETA further than a few minutes ahead (Redis redelivers after an hour)


def dispatch_due(now: dt.datetime | None = None, limit: int = 500) -> int:
    """Claim the due reminders and enqueue one send each once the claim has committed."""
    with transaction.atomic():
        ids = reminders_claim_due(now=now, limit=limit)
        for reminder_id in ids:
            # robust: one failed enqueue (Redis down) must not stop the others; the claim goes
            # stale and the next dispatch picks the reminder up again.
            transaction.on_commit(partial(_enqueue_send, reminder_id), robust=True)
    return len(ids)


def _enqueue_send(reminder_id: int) -> None:
    send_reminder.delay(reminder_id)


@shared_task(ignore_result=True)
def dispatch_due_task() -> int:
    return dispatch_due()


def _backoff(retries: int) -> int:
    return min(30 * 2**retries, MAX_BACKOFF_SECONDS)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1, ignore_result=True)
def send_reminder(self: Any, reminder_id: int) -> None:
    try:
        reminder_send(reminder_id=reminder_id)
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        logger.warning("Reminder %s failed to send (final=%s)", reminder_id, final, exc_info=True)
        reminder_record_failure(reminder_id=reminder_id, error=f"{type(exc).__name__}: {exc}", final=final)
        if not final:
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
