"""The engine against real failures: Redis down, a worker killed in the middle of a send.

These tests run real processes (manage.py, a Celery worker) against the test database, so they
use transactional tests: the rows must be committed for another process to see them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification, Reminder
from notifications.services import CLAIM_TIMEOUT, reminder_schedule
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
CLOSED_REDIS = "redis://127.0.0.1:1/0"
DUE = timezone.now() - dt.timedelta(minutes=1)


def _env(**extra: str) -> dict[str, str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=_env(**env), capture_output=True, text=True, timeout=120
    )


def test_pages_load_and_sign_in_works_while_redis_is_down(db, client, settings) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/1"},
    }
    settings.REDIS_URL = CLOSED_REDIS
    user = UserFactory(email="down@portal.test", password="a long pass phrase 2026")
    response = client.post(reverse("account_login"), {"login": user.email, "password": "a long pass phrase 2026"})
    assert response.status_code == 302, response.content.decode()[:500]
    for name in ("home", "inbox", "notification_settings"):
        assert client.get(reverse(name)).status_code == 200, name
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["redis"].startswith("unavailable")


@pytest.mark.django_db(transaction=True)
def test_reminders_claimed_while_the_broker_is_down_go_out_when_it_is_back(mailoutbox, monkeypatch) -> None:
    user = UserFactory(email="later@portal.test")
    reminder = reminder_schedule(recipient=user, kind="pastoral.check_in", about=user, due_at=DUE)

    down = _manage("dispatch_reminders", CELERY_BROKER_URL=CLOSED_REDIS)
    assert down.returncode == 0, down.stderr
    assert "Dispatched 1 reminder" in down.stdout
    reminder.refresh_from_db()
    assert reminder.status == "scheduled" and reminder.claimed_at is not None  # claimed, not sent

    from notifications import tasks

    monkeypatch.setattr(tasks, "_enqueue_send", lambda pk: tasks.send_reminder.apply(args=[pk]))
    monkeypatch.setattr(tasks, "_enqueue_email", lambda pk: tasks.send_notification_email.apply(args=[pk]))
    assert tasks.dispatch_due() == 0  # the claim is fresh: nobody sends it twice meanwhile
    assert tasks.dispatch_due(now=timezone.now() + CLAIM_TIMEOUT + dt.timedelta(minutes=1)) == 1
    assert [m.to for m in mailoutbox] == [["later@portal.test"]]


def _start_worker(queue: str, mail_dir: Path, marker: Path) -> subprocess.Popen[bytes]:
    env = _env(
        CELERY_QUEUE=queue,
        CELERY_TRANSPORT_OPTIONS=json.dumps(
            {"visibility_timeout": 3, "unacked_restore_interval": 1, "unacked_restore_throttle": 1}
        ),
        EMAIL_BACKEND="tests.notifications.stalling_mail.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        STALL_MARKER=str(marker),
    )
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "-P", "solo", "-Q", queue,
               "--without-mingle", "--without-gossip", "--without-heartbeat", "-l", "WARNING"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_send_leaves_one_email(tmp_path: Path) -> None:
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.fail("This test needs the real Redis broker")
    user = UserFactory(email="killed@portal.test")
    reminder = reminder_schedule(recipient=user, kind="pastoral.check_in", about=user, due_at=DUE)
    queue = f"test-{uuid.uuid4().hex}"  # private: a dev worker on this Redis won't take it
    mail_dir, marker = tmp_path / "mail", tmp_path / "stalled"
    mail_dir.mkdir()

    from notifications.tasks import send_reminder

    first = _start_worker(queue, mail_dir, marker)
    try:
        send_reminder.apply_async((reminder.pk,), queue=queue)
        assert _wait_for(marker.exists, 60), "the first worker never started sending"
        first.send_signal(signal.SIGKILL)  # in the middle of the SMTP conversation
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    notification = Notification.objects.get(reminder=reminder)
    assert notification.email_status == "pending" and not list(mail_dir.iterdir())

    second = _start_worker(queue, mail_dir, marker)
    try:
        sent = Notification.objects.filter(pk=notification.pk, email_status="sent")
        assert _wait_for(sent.exists, 60), "the unacknowledged send was not delivered again"
        from notifications.tasks import send_notification_email

        send_notification_email.apply_async((notification.pk,), queue=queue)  # and once more, for good measure
        time.sleep(2)
    finally:
        second.terminate()
        second.wait(timeout=20)
    files = list(mail_dir.iterdir())
    messages = sum(f.read_text().count("Message-ID: <notification-") for f in files)
    assert messages == 1, [f.read_text()[:300] for f in files]
    assert Reminder.objects.get(pk=reminder.pk).status == "sent"
