"""Shared fixtures of the notification tests: sends recorded, or run in-process."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from notifications import tasks


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    """Reminder sends that would have gone to Redis, recorded instead (emails and digests too, in
    `enqueued.emails` / `enqueued.digests`)."""
    sent = EnqueueLog()
    monkeypatch.setattr(tasks, "_enqueue_send", sent.record(sent))
    monkeypatch.setattr(tasks, "_enqueue_email", sent.record(sent.emails))
    monkeypatch.setattr(tasks, "_enqueue_digest", sent.record(sent.digests))
    return sent


class EnqueueLog(list):
    def __init__(self) -> None:
        super().__init__()
        self.emails: list[int] = []
        self.digests: list[int] = []
        self._lock = threading.Lock()

    def record(self, into: list[int]) -> Callable[[int], None]:
        def add(pk: int) -> None:
            with self._lock:
                into.append(pk)

        return add


@pytest.fixture
def in_process(monkeypatch, django_capture_on_commit_callbacks) -> Callable[..., None]:
    """Run enqueued tasks at once in this process (after the commit, as Redis would deliver them).

    `in_process(fn, *args)` calls fn inside a captured transaction and runs every callback,
    including the ones the callbacks add.
    """
    monkeypatch.setattr(tasks, "_enqueue_send", lambda pk: tasks.send_reminder.apply(args=[pk]))
    monkeypatch.setattr(tasks, "_enqueue_email", lambda pk: tasks.send_notification_email.apply(args=[pk]))
    monkeypatch.setattr(tasks, "_enqueue_digest", lambda pk: tasks.send_digest.apply(args=[pk]))

    def run(fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            fn(*args, **kwargs)

    return run
