"""Celery on the real Redis broker: a task sent by the portal is run by a worker."""

from __future__ import annotations

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache

from hubs.tasks import HEARTBEAT_KEY, heartbeat
from portal.celery import app


def test_the_beat_schedule_is_defined_in_code() -> None:
    schedule = app.conf.beat_schedule
    assert schedule["heartbeat"]["task"] == "hubs.tasks.heartbeat"
    assert "django_celery_beat" not in str(app.conf.beat_scheduler)


def test_tasks_are_acknowledged_late_and_requeued_if_a_worker_dies() -> None:
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.broker_url.startswith("redis://")


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_sent_through_redis() -> None:
    queue = f"test-{uuid.uuid4().hex}"  # a private queue: a dev worker on this Redis won't take it
    with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False, shutdown_timeout=10):
        heartbeat.apply_async(queue=queue)
        deadline = time.monotonic() + 20
        while cache.get(HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.2)
    assert cache.get(HEARTBEAT_KEY) is not None
