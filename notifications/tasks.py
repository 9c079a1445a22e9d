"""Celery entry points for reminders and their emails: they take ids and call services."""

from __future__ import annotations

import datetime as dt
import logging
import time
from functools import partial
from typing import Any

from celery import shared_task
from django.db import transaction

from notifications.emails import (
    digest_recipients,
    digest_send,
    notification_email_record_failure,
    notification_email_send,
    notification_emails_claim_stale,
)
from notifications.services import reminder_record_failure, reminder_send, reminders_claim_due

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
MAX_BACKOFF_SECONDS = 300  # no ETA further than a few minutes ahead (Redis redelivers after an hour)


DISPATCH_BATCH = 500


def dispatch_due(now: dt.datetime | None = None, limit: int = DISPATCH_BATCH) -> int:
    """Claim the due reminders (and emails whose enqueue was lost) and enqueue their sends once
    the claim has committed. Returns the number of reminders claimed."""
    with transaction.atomic():
        ids = reminders_claim_due(now=now, limit=limit)
        email_ids = notification_emails_claim_stale(now=now, limit=limit)
        # robust: one failed enqueue (Redis down) must not stop the others; the claim goes
        # stale and a later dispatch picks the row up again.
        for reminder_id in ids:
            transaction.on_commit(partial(_enqueue_send, reminder_id), robust=True)
        for notification_id in email_ids:
            transaction.on_commit(partial(_enqueue_email, notification_id), robust=True)
    return len(ids)


def _enqueue_send(reminder_id: int) -> None:
    send_reminder.delay(reminder_id)


def _enqueue_email(notification_id: int) -> None:
    send_notification_email.delay(notification_id)


def _enqueue_digest(user_id: int) -> None:
    send_digest.delay(user_id)


# One beat run claims batches until nothing is due or this much time has gone, so a backlog
# (10,000 reminders after an outage) drains in one run rather than 500 every two minutes.
DISPATCH_BUDGET_SECONDS = 60.0


@shared_task(ignore_result=True)
def dispatch_due_task() -> int:
    started, total = time.monotonic(), 0
    while True:
        claimed = dispatch_due(limit=DISPATCH_BATCH)
        total += claimed
        if claimed < DISPATCH_BATCH or time.monotonic() - started > DISPATCH_BUDGET_SECONDS:
            return total


def _backoff(retries: int) -> int:
    return min(30 * 2**retries, MAX_BACKOFF_SECONDS)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1, ignore_result=True)
def send_reminder(self: Any, reminder_id: int) -> None:
    try:
        with transaction.atomic():
            for notification_id in reminder_send(reminder_id=reminder_id):
                transaction.on_commit(partial(_enqueue_email, notification_id), robust=True)
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        logger.warning("Reminder %s failed to send (final=%s)", reminder_id, final, exc_info=True)
        reminder_record_failure(reminder_id=reminder_id, error=f"{type(exc).__name__}: {exc}", final=final)
        if not final:
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1, ignore_result=True)
def send_notification_email(self: Any, notification_id: int) -> None:
    try:
        notification_email_send(notification_id=notification_id)
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        logger.warning("Email of notification %s failed (final=%s)", notification_id, final, exc_info=True)
        notification_email_record_failure(
            notification_ids=[notification_id], error=f"{type(exc).__name__}: {exc}", final=final
        )
        if not final:
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


def dispatch_digests() -> int:
    """Enqueue one digest per person with something waiting (beat runs it every morning)."""
    with transaction.atomic():
        user_ids = digest_recipients()
        for user_id in user_ids:
            transaction.on_commit(partial(_enqueue_digest, user_id), robust=True)
    return len(user_ids)


@shared_task(ignore_result=True)
def dispatch_digests_task() -> int:
    return dispatch_digests()


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1, ignore_result=True)
def send_digest(self: Any, user_id: int) -> None:
    try:
        digest_send(user_id=user_id)
    except Exception as exc:
        # The rows stay pending (not failed): tomorrow's digest carries them if every retry fails.
        logger.warning("Digest for user %s failed", user_id, exc_info=True)
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
