"""The reminder engine's core: rows with a unique key, claimed by dispatchers, sent exactly once."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from hubs.roles import Role
from notifications import tasks
from notifications.models import Notification, Reminder
from notifications.services import (
    CLAIM_TIMEOUT,
    reminder_cancel_for,
    reminder_reschedule,
    reminder_schedule,
)
from notifications.tasks import dispatch_due, dispatch_due_task, send_notification_email, send_reminder
from portal.celery import app
from tests.conftest import Cast
from tests.factories import UserFactory, region, user_with_role

NOW = timezone.now()
DUE = NOW - dt.timedelta(minutes=1)
LATER = NOW + dt.timedelta(days=7)


def test_scheduling_twice_creates_one_row(cast: Cast) -> None:
    first = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=LATER)
    again = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=LATER)
    assert first.pk == again.pk
    assert Reminder.objects.count() == 1
    assert first.channels == ["email", "inbox"]
    assert first.region is None


def test_it_schedules_for_a_role_in_a_region(cast: Cast) -> None:
    reminder = reminder_schedule(
        recipient_role=Role.LEAD, region=cast.region_a, kind="overdue", about=cast.recruit_a, due_at=LATER
    )
    assert reminder.recipient_role == "lead"
    assert reminder.about == cast.recruit_a


def test_it_needs_exactly_one_kind_of_recipient(cast: Cast) -> None:
    with pytest.raises(ValueError):
        reminder_schedule(kind="check_in", about=cast.recruit_a, due_at=LATER)


def test_it_cancels_and_reschedules_only_scheduled_reminders(cast: Cast) -> None:
    mine = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=LATER)
    other_kind = reminder_schedule(recipient=cast.recruit_user_a, kind="training", about=cast.recruit_a, due_at=LATER)
    other_recruit = reminder_schedule(
        recipient=cast.recruit_user_b, kind="check_in", about=cast.recruit_b, due_at=LATER
    )
    new_due = LATER + dt.timedelta(days=3)

    assert reminder_reschedule(about=cast.recruit_a, kind="check_in", due_at=new_due) == 1
    mine.refresh_from_db()
    assert mine.due_at == new_due

    assert reminder_cancel_for(about=cast.recruit_a, kind="check_in") == 1
    assert reminder_cancel_for(about=cast.recruit_a, kind="check_in") == 0
    assert reminder_reschedule(about=cast.recruit_a, kind="check_in", due_at=LATER) == 0
    statuses = dict(Reminder.objects.values_list("pk", "status"))
    assert statuses == {mine.pk: "cancelled", other_kind.pk: "scheduled", other_recruit.pk: "scheduled"}


def test_dispatch_claims_only_due_reminders(
    cast: Cast, enqueued: list[int], django_capture_on_commit_callbacks
) -> None:
    due = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    reminder_schedule(recipient=cast.recruit_user_a, kind="training", about=cast.recruit_a, due_at=LATER)
    cancelled = reminder_schedule(recipient=cast.recruit_user_b, kind="check_in", about=cast.recruit_b, due_at=DUE)
    reminder_cancel_for(about=cast.recruit_b, kind="check_in")

    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_due() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_due() == 0  # claimed already
    assert enqueued == [due.pk]
    assert cancelled.pk not in enqueued


def test_a_stale_claim_is_dispatched_again(cast: Cast, enqueued: list[int], django_capture_on_commit_callbacks) -> None:
    due = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_due()
        dispatch_due(now=timezone.now() + CLAIM_TIMEOUT + dt.timedelta(minutes=1))
    assert enqueued == [due.pk, due.pk]


def test_nothing_is_enqueued_when_the_dispatch_rolls_back(
    cast: Cast, enqueued: list[int], django_capture_on_commit_callbacks
) -> None:
    due = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        dispatch_due()
        raise RuntimeError("the surrounding work failed")
    assert callbacks == [] and enqueued == []
    due.refresh_from_db()
    assert due.claimed_at is None


def test_nothing_is_scheduled_when_the_caller_rolls_back(
    cast: Cast, enqueued: list[int], django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
            raise RuntimeError("the surrounding work failed")
        assert dispatch_due() == 0
    assert callbacks == [] and enqueued == []
    assert not Reminder.objects.exists()


def test_a_send_delivered_twice_sends_one_email(cast: Cast, mailoutbox, in_process) -> None:
    reminder = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    in_process(send_reminder, reminder.pk)
    in_process(send_reminder, reminder.pk)
    assert len(mailoutbox) == 1
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.sent_at is not None and reminder.attempts == 1
    assert Notification.objects.filter(reminder=reminder).count() == 1


def test_an_email_task_delivered_twice_sends_one_email(cast: Cast, mailoutbox, in_process) -> None:
    reminder = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    in_process(send_reminder, reminder.pk)
    [notification] = Notification.objects.filter(reminder=reminder)
    in_process(send_notification_email, notification.pk)  # a redelivered message
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_status == "sent" and notification.email_attempts == 1


def test_the_email_says_what_is_due_and_nothing_personal(cast: Cast, mailoutbox, in_process) -> None:
    reminder = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    in_process(send_reminder, reminder.pk)
    [email] = mailoutbox
    assert email.to == ["ada@people.test"]
    assert "check in" in email.subject.lower() and "http" in email.body
    assert "Ada" not in email.body + email.subject and "Adeyemi" not in email.body + email.subject


def test_a_role_reminder_goes_to_each_holder_in_the_region_separately(cast: Cast, mailoutbox, in_process) -> None:
    second_lead = user_with_role(Role.LEAD, cast.region_a, mfa=False, email="lead2.a@portal.test")
    reminder = reminder_schedule(
        recipient_role=Role.LEAD, region=cast.region_a, kind="overdue", about=cast.recruit_a, due_at=DUE
    )
    in_process(send_reminder, reminder.pk)
    assert sorted(tuple(m.to) for m in mailoutbox) == [("lead.a@portal.test",), (second_lead.email,)]
    assert set(Notification.objects.values_list("user__email", flat=True)) == {"lead.a@portal.test", second_lead.email}


def test_a_cancelled_reminder_is_not_sent_even_once_claimed(cast: Cast, mailoutbox, in_process) -> None:
    reminder = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    reminder_cancel_for(about=cast.recruit_a, kind="check_in")
    in_process(send_reminder, reminder.pk)
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_a_failing_send_retries_then_fails_with_the_error(cast: Cast, mailoutbox) -> None:
    reminder = reminder_schedule(
        recipient_role=Role.HUB_STAFF, region=region("E12000001"), kind="overdue", about=cast.recruit_a, due_at=DUE
    )
    result = send_reminder.apply(args=[reminder.pk])  # eager: retries run at once
    assert result.successful()  # the last attempt records the failure instead of raising
    reminder.refresh_from_db()
    assert reminder.status == "failed"
    assert reminder.attempts == tasks.MAX_ATTEMPTS
    assert "No active recipient" in reminder.last_error
    assert mailoutbox == []


def test_a_failing_email_retries_then_fails_with_the_error(cast: Cast, in_process, settings) -> None:
    reminder = reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2}}}  # fmt: skip
    in_process(send_reminder, reminder.pk)
    [notification] = Notification.objects.filter(reminder=reminder)
    assert notification.email_status == "failed"
    assert notification.email_attempts == tasks.MAX_ATTEMPTS
    assert "ConnectionRefusedError" in notification.email_error
    reminder.refresh_from_db()
    assert reminder.status == "sent"  # the inbox copy is there; only the email failed


def test_the_command_runs_one_dispatch(
    cast: Cast, enqueued: list[int], capsys, django_capture_on_commit_callbacks
) -> None:
    reminder_schedule(recipient=cast.recruit_user_a, kind="check_in", about=cast.recruit_a, due_at=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("dispatch_reminders")
    assert "Dispatched 1 reminder" in capsys.readouterr().out
    assert len(enqueued) == 1


def test_beat_dispatches_every_two_minutes_and_digests_every_morning() -> None:
    entry = app.conf.beat_schedule["dispatch-due"]
    assert entry == {"task": "notifications.tasks.dispatch_due_task", "schedule": 120.0}
    digests = app.conf.beat_schedule["daily-digests"]
    assert digests["task"] == "notifications.tasks.dispatch_digests_task"
    assert digests["schedule"].hour == {7} and digests["schedule"].minute == {0}


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_claim_disjoint_reminders(enqueued: list[int]) -> None:
    # Transactional tests empty the database afterwards, regions too: these use plain users only.
    user = UserFactory()
    for n in range(60):
        reminder_schedule(recipient=user, kind=f"k{n}", about=user, due_at=DUE - dt.timedelta(seconds=n))
    start = threading.Barrier(2)
    counts: list[int] = []

    def dispatcher() -> None:
        try:
            start.wait()
            counts.append(dispatch_due(limit=40))
        finally:
            connection.close()

    threads = [threading.Thread(target=dispatcher) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 60
    assert len(enqueued) == 60 and len(set(enqueued)) == 60


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_reminder_once_when_two_dispatches_race(monkeypatch, mailoutbox) -> None:
    users = [UserFactory(email=f"race{n}@portal.test") for n in range(20)]
    reminders = [reminder_schedule(recipient=user, kind="check_in", about=user, due_at=DUE) for user in users]
    queue = f"test-{uuid.uuid4().hex}"  # a private queue: a dev worker on this Redis won't take it
    monkeypatch.setattr(tasks, "_enqueue_send", lambda pk: send_reminder.apply_async((pk,), queue=queue))
    monkeypatch.setattr(tasks, "_enqueue_email", lambda pk: send_notification_email.apply_async((pk,), queue=queue))
    start = threading.Barrier(2)

    def dispatcher() -> None:
        try:
            start.wait()
            dispatch_due(limit=15)  # two batches between them, claimed at the same moment
        finally:
            connection.close()

    with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False, shutdown_timeout=10):
        threads = [threading.Thread(target=dispatcher) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        emailed = Notification.objects.filter(email_status="sent")
        deadline = time.monotonic() + 60
        while emailed.count() < 20 and time.monotonic() < deadline:
            time.sleep(0.2)
        for reminder in reminders[:3]:  # redelivered messages change nothing
            send_reminder.apply_async((reminder.pk,), queue=queue)
            send_notification_email.apply_async((emailed.get(reminder=reminder).pk,), queue=queue)
        time.sleep(1)

    recipients = [str(m.to[0]) for m in mailoutbox]
    assert len(recipients) == 20 and set(recipients) == {user.email for user in users}
    assert Reminder.objects.filter(status="sent").count() == 20


def test_one_beat_run_drains_a_backlog_in_batches(cast: Cast, enqueued, monkeypatch) -> None:
    monkeypatch.setattr(tasks, "DISPATCH_BATCH", 2)
    for n in range(5):
        reminder_schedule(recipient=cast.staff_a, kind=f"k{n}", about=cast.recruit_a, due_at=DUE)
    assert dispatch_due_task() == 5
    assert not Reminder.objects.filter(claimed_at__isnull=True).exists()
