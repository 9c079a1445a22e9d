"""Faults injected into a running portal (issue 19, item 6): each test breaks one private
service and checks what the people using the portal would see, and what ends up stored."""

from __future__ import annotations

import json
import re
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import psycopg

from tests.chaos.conftest import PROVIDER_ADMIN
from tests.chaos.stack import Browser, Stack, wait_for

ERROR_PAGE = "Sorry, there is a problem with the service"


def sql_rows(stack: Stack, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with psycopg.connect(stack.pg.url, autocommit=True, connect_timeout=5) as conn:
        return conn.execute(query, params).fetchall()


def sql_value(stack: Stack, query: str, params: tuple[object, ...] = ()) -> Any:
    return sql_rows(stack, query, params)[0][0]


def recruit_fields(family_name: str) -> dict[str, str]:
    today = time.gmtime()
    return {
        "given_names": "Chaos",
        "family_name": family_name,
        "nationality": "IN",
        "date_of_birth_day": "4",
        "date_of_birth_month": "5",
        "date_of_birth_year": "1990",
        "job_role": "care_worker",
        "start_date_day": str(today.tm_mday),
        "start_date_month": str(today.tm_mon),
        "start_date_year": str(today.tm_year),
    }


@dataclass
class Outcome:
    kind: str
    status: int  # 0: no answer (an exception, e.g. a timeout)
    started: float
    ended: float
    body: str = ""
    family_name: str = ""
    error: str = ""


# -- 1. PostgreSQL restarted during a burst -----------------------------------------------------


def test_postgres_restart_during_a_burst(stack: Stack) -> None:
    browsers = [Browser(stack.url, timeout=30) for _ in range(4)]
    for browser in browsers:
        browser.sign_in(PROVIDER_ADMIN)
    # The form is valid: one registration goes through before any fault.
    first = browsers[0].post_form("/recruits/new/", recruit_fields("Chaosbaseline"))
    assert first.status == 302, re.sub(r"\s+", " ", first.body)[:3000]

    outcomes: list[Outcome] = []
    lock = threading.Lock()
    stop = threading.Event()

    def record(outcome: Outcome) -> None:
        with lock:
            outcomes.append(outcome)

    def journey(number: int, browser: Browser) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            for kind, path in (("list", "/recruits/"), ("list", "/recruits/?status=employed"), ("home", "/")):
                started = time.monotonic()
                try:
                    answer = browser.get(path)
                    record(Outcome(kind, answer.status, started, time.monotonic(), answer.body))
                except Exception as exc:  # noqa: BLE001 - every failure to answer is recorded and asserted
                    record(Outcome(kind, 0, started, time.monotonic(), error=repr(exc)))
            name = f"Chaos{number}x{i}"
            started = time.monotonic()
            try:
                answer = browser.post_form("/recruits/new/", recruit_fields(name))
                record(Outcome("post", answer.status, started, time.monotonic(), answer.body, name))
            except Exception as exc:  # noqa: BLE001
                record(Outcome("post", 0, started, time.monotonic(), family_name=name, error=repr(exc)))

    threads = [threading.Thread(target=journey, args=(n, b), daemon=True) for n, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    restart_began = time.monotonic()
    stack.pg.restart()
    restart_ended = time.monotonic()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads), "a request hung"

    # The fault was hit: some requests were in flight while PostgreSQL restarted.
    assert any(o.started < restart_ended and o.ended > restart_began for o in outcomes)
    # Every request finished with an answer, and each answer is a success or the clean error page.
    assert all(o.status for o in outcomes), [o.error for o in outcomes if not o.status][:5]
    failures = [o for o in outcomes if o.status >= 500]
    for outcome in failures:
        assert outcome.started <= restart_ended + 2 and outcome.ended >= restart_began - 1, outcome
        assert ERROR_PAGE in outcome.body, outcome.body[:500]
        assert "Traceback" not in outcome.body
    assert {o.status for o in outcomes} <= {200, 302, 500}, Counter(o.status for o in outcomes)
    after = [o for o in outcomes if o.started > restart_ended + 1]
    assert after and all(o.status in (200, 302) for o in after), Counter(o.status for o in after)
    # Requests made on every session after the restart succeed (persistent connections are checked).
    for browser in browsers:
        assert browser.get("/recruits/").status == 200

    # Nothing half-written: a registration landed whole (recruit, employment, status change) or not at all.
    posts = [o for o in outcomes if o.kind == "post"]
    names = [o.family_name for o in posts]
    stored = {
        name: (employments, changes)
        for name, employments, changes in sql_rows(
            stack,
            """SELECT r.family_name,
                      (SELECT count(*) FROM recruits_employment e WHERE e.recruit_id = r.id),
                      (SELECT count(*) FROM recruits_statuschange s WHERE s.recruit_id = r.id)
               FROM recruits_recruit r WHERE r.family_name = ANY(%s)""",
            (names,),
        )
    }
    for outcome in posts:
        if outcome.status == 302:
            assert outcome.family_name in stored, f"{outcome.family_name} was answered as saved but is not stored"
        if outcome.family_name in stored:
            assert stored[outcome.family_name] == (1, 1), (outcome.family_name, stored[outcome.family_name])
    assert len(stored) == len(set(stored))
    assert sum(1 for o in posts if o.status == 302) >= 4
    print(
        f"\nPostgreSQL restart: {len(outcomes)} requests, {Counter(o.status for o in outcomes)}, "
        f"{len(stored)} registrations stored whole, restart {restart_ended - restart_began:.1f} s"
    )


# -- reminders -----------------------------------------------------------------------------------

MAKE_REMINDERS = """
import datetime as dt
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from accounts.models import User
from notifications.models import Reminder
from recruits.models import Recruit
user = User.objects.get(email={email!r})
recruit = Recruit.objects.filter(provider__name__startswith="Oakfield").order_by("pk").first()
due = timezone.now() + dt.timedelta(seconds={in_seconds})
Reminder.objects.bulk_create([
    Reminder(recipient=user, kind="pastoral.check_in", content_type=ContentType.objects.get_for_model(Recruit),
             object_id=str(recruit.pk), region_id=recruit.region_id, due_at=due, unique_key=f"{tag}-{{i}}")
    for i in range({count})
])
"""


def make_reminders(stack: Stack, tag: str, count: int, in_seconds: float) -> None:
    stack.shell(MAKE_REMINDERS.format(email=PROVIDER_ADMIN, in_seconds=in_seconds, tag=tag, count=count))


def reminder_state(stack: Stack, tag: str) -> list[tuple[object, ...]]:
    """(status, attempts, notifications) of each reminder of the batch."""
    return sql_rows(
        stack,
        """SELECT r.status, r.attempts, (SELECT count(*) FROM notifications_notification n WHERE n.reminder_id = r.id)
           FROM notifications_reminder r WHERE r.unique_key LIKE %s ORDER BY r.id""",
        (tag + "-%",),
    )


def sent_count(stack: Stack, tag: str) -> int:
    return int(
        sql_value(
            stack,
            "SELECT count(*) FROM notifications_reminder WHERE unique_key LIKE %s AND status = 'sent'",
            (tag + "-%",),
        )
    )


def unacked_count(stack: Stack) -> int:
    """Tasks delivered to a worker and not acknowledged yet (kombu's `unacked` hash)."""
    return int(stack.redis_cmd("HLEN", "unacked") or 0)


def broker_drained(stack: Stack) -> bool:
    """Nothing waiting in the Celery queue and nothing delivered but unacknowledged."""
    return int(stack.redis_cmd("LLEN", stack.env["CELERY_QUEUE"]) or 0) == 0 and unacked_count(stack) == 0


def emailed_message_ids(stack: Stack) -> Counter[str]:
    ids: Counter[str] = Counter()
    for path in stack.mail_dir.glob("*"):
        ids.update(re.findall(r"^Message-ID: <?([^>\s]+)", path.read_text(errors="replace"), flags=re.M))
    return ids


# -- 2. Redis stopped ----------------------------------------------------------------------------


def test_redis_stopped_pages_work_and_reminders_are_delayed_not_lost(stack: Stack) -> None:
    worker = stack.start_worker("--concurrency", "1")
    beat = stack.start_beat({"REMINDER_DISPATCH_SECONDS": "2"})
    try:
        stack.stop_redis()
        # Sign-in (rate limits live in the cache) and pages work without Redis.
        browser = Browser(stack.url, timeout=30)
        started = time.monotonic()
        browser.sign_in(PROVIDER_ADMIN)
        for path in ("/", "/recruits/", "/recruits/new/", "/inbox/"):
            answer = browser.get(path)
            assert answer.status == 200, (path, answer.status, answer.body[:300])
        assert time.monotonic() - started < 30
        # A reminder falls due while Redis is down: it cannot go yet, and it is not lost.
        make_reminders(stack, "redis-down", 1, in_seconds=1)
        time.sleep(8)
        assert reminder_state(stack, "redis-down") == [("scheduled", 0, 0)]
        stack.start_redis()
        wait_for(lambda: sent_count(stack, "redis-down") == 1, 90, "the delayed reminder to be sent")
        assert reminder_state(stack, "redis-down") == [("sent", 1, 1)]
        assert browser.get("/recruits/").status == 200
    finally:
        beat.kill()
        worker.kill()
        if not stack.redis_ping():
            stack.start_redis()


# -- 3. a Celery worker killed mid-task ---------------------------------------------------------


def test_worker_killed_mid_batch_each_reminder_sent_once(stack: Stack) -> None:
    count = 120
    make_reminders(stack, "killed", count, in_seconds=-60)
    worker = stack.start_worker("--concurrency", "1")
    try:
        # The real dispatch: claim the due reminders and enqueue one send task each.
        stack.shell("from notifications.tasks import dispatch_due; print(dispatch_due())")
        # Kill while a task is in flight (delivered, not acknowledged): between one task's ack and
        # the next delivery the worker briefly holds none, and a kill then would test nothing.
        wait_for(
            lambda: sent_count(stack, "killed") >= count // 5 and unacked_count(stack) >= 1,
            90,
            "the worker to send some reminders and hold the next one",
            0.05,
        )
        worker.kill(signal.SIGKILL)
        at_kill = sent_count(stack, "killed")
        unacked = unacked_count(stack)
        assert at_kill < count, "the batch finished before the kill: make it bigger"
        assert unacked >= 1, "no task was in flight when the worker was killed"

        stack.start_worker("--concurrency", "1")
        wait_for(lambda: sent_count(stack, "killed") == count, 120, "the batch to complete after the restart", 0.5)
        time.sleep(2)  # any duplicate delivery would land now
        states = reminder_state(stack, "killed")
        assert len(states) == count
        assert all(state == ("sent", 1, 1) for state in states), Counter(states)
        # Each notification's email went out; a message may repeat only if the kill fell between
        # the SMTP send and its commit, and then with the same Message-ID (receivers drop it).
        expected = {
            f"notification-{public_id}@irhub.portal"
            for (public_id,) in sql_rows(
                stack,
                """SELECT n.public_id FROM notifications_notification n
                   JOIN notifications_reminder r ON r.id = n.reminder_id WHERE r.unique_key LIKE 'killed-%%'""",
                (),
            )
        }

        def batch_mail() -> Counter[str]:
            return Counter({key: n for key, n in emailed_message_ids(stack).items() if key in expected})

        # A kill between a reminder's commit and the publish of its email task loses that
        # enqueue; the beat's dispatch claims such emails again once their claim has gone stale.
        # Once the broker has drained, run that dispatch as the beat would after the timeout.
        wait_for(lambda: broker_drained(stack), 120, "the worker to drain the queue", 0.5)
        if len(batch_mail()) < count:
            stack.shell(
                "import datetime as dt; from django.utils import timezone; "
                "from notifications.services import CLAIM_TIMEOUT; from notifications.tasks import dispatch_due; "
                "dispatch_due(now=timezone.now() + CLAIM_TIMEOUT + dt.timedelta(minutes=1))"
            )
        wait_for(
            lambda: len(batch_mail()) >= count,
            120,
            f"the emails (seen {len(batch_mail())} of {count} before the stale dispatch)",
            0.5,
        )
        ids = batch_mail()
        assert len(ids) == count
        assert sum(ids.values()) - count <= 1, Counter(ids.values())
        print(
            f"\nWorker SIGKILL: {at_kill}/{count} sent at the kill, {unacked} unacknowledged, "
            f"{count} sent once after the restart, {sum(ids.values()) - count} repeated emails"
        )
    finally:
        for proc in stack.workers:
            proc.kill()


# -- 4. an import interrupted by a killed process ----------------------------------------------

IMPORT = """
import csv, io
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import User
from providers.models import Provider
from recruits.imports.columns import COLUMNS
from recruits.imports.service import recruits_import
# The template's example row, once per recruit, without the details that identify one person.
blank = {{"email", "phone", "cos_reference", "evisa_share_code", "nmc_pin", "agency"}}
out = io.StringIO()
writer = csv.writer(out)
writer.writerow([c.header for c in COLUMNS])
for i in range({count}):
    writer.writerow([f"Killedimport{{i}}" if c.key == "family_name" else f"K{{i:07d}}C" if c.key == "passport_number"
                     else "" if c.key in blank else c.example
                     for c in COLUMNS])
upload = SimpleUploadedFile("recruits.csv", out.getvalue().encode(), content_type="text/csv")
result = recruits_import(actor=User.objects.get(email={email!r}),
                         provider=Provider.objects.get(name__startswith="Oakfield"), upload=upload)
print("RESULT", result)
"""


def table_counts(stack: Stack) -> dict[str, int]:
    tables = ["recruits_recruit", "recruits_employment", "recruits_statuschange", "notifications_reminder"]
    query = "SELECT count(*) FROM {}"
    return {table: int(sql_value(stack, query.format(table))) for table in tables}


def test_import_killed_mid_transaction_writes_nothing(stack: Stack) -> None:
    import subprocess
    import sys

    from tests.chaos.stack import ROOT

    before = table_counts(stack)
    code = IMPORT.format(count=4000, email=PROVIDER_ADMIN)
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**stack.env, "DATABASE_URL": stack.pg.url + "?application_name=chaos_import"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    seen = None
    with psycopg.connect(stack.pg.url, autocommit=True) as conn:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            row = conn.execute(
                """SELECT pid, query FROM pg_stat_activity WHERE application_name = 'chaos_import'
                   AND xact_start IS NOT NULL AND query ILIKE 'INSERT INTO "recruits_recruit"%%'"""
            ).fetchone()
            if row:
                seen = row
                proc.kill()
                break
            time.sleep(0.01)
        output = proc.communicate(timeout=30)[0].decode(errors="replace")
        assert seen is not None, f"the import's INSERT was never seen in flight:\n{output[-2000:]}"
        assert proc.returncode == -signal.SIGKILL
        # PostgreSQL notices the dead client and rolls its transaction back.
        wait_for(
            lambda: not conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (seen[0],)).fetchone(),
            60,
            "the killed import's backend to end",
        )
    assert table_counts(stack) == before
    assert sql_value(stack, "SELECT count(*) FROM recruits_recruit WHERE family_name LIKE 'Killedimport%%'") == 0
    print(f"\nImport killed during its INSERT: {json.dumps(before)} unchanged")
