"""Advice reminders on beat: requests waiting past their target (`advice.services.advice_remind_waiting`)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from advice.services import advice_remind_waiting


@shared_task(acks_late=True)
def remind_waiting_task(now: str | None = None) -> int:
    """`now` (ISO 8601) for tests; the beat runs it every hour."""
    return advice_remind_waiting(now=dt.datetime.fromisoformat(now) if now else None)
