"""Benchmark: dispatch and send 10,000 due reminders (issue 4), with time and queries per reminder.

Creates a throwaway database (`portal_bench_reminders`), seeds a region with a lead, hub staff,
providers and 1,000 recruits with accounts, schedules 10,000 reminders that are all due now (most
to one person, some to a role in the region), then runs what beat and the workers run, in this
process: `dispatch_due_task` (claims in batches), one `send_reminder` per claimed reminder and
one `send_notification_email` per immediate email. The email backend is Django's in-memory one,
so the figures are the portal's own work, not a mail server's. It checks that every reminder
was sent once and every immediate email went out once, prints the figures and writes
benchmarks/results/dispatch_reminders.txt.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/dispatch_reminders.py
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from hubs.models import Hub, Region  # noqa: E402
from hubs.roles import Role  # noqa: E402
from hubs.services import role_grant  # noqa: E402
from notifications import tasks  # noqa: E402
from notifications.models import Notification, Reminder  # noqa: E402
from providers.models import Provider  # noqa: E402
from recruits.models import Recruit  # noqa: E402

REMINDERS = 10_000
RECRUITS = 1_000
RESULTS = ROOT / "benchmarks" / "results" / "dispatch_reminders.txt"
KINDS = ["pastoral.check_in", "training.session", "pastoral.appointment", "training.evidence_due"]


def seed() -> Region:
    region = Region.objects.get(code="E12000005")
    hub = Hub.objects.create(region=region, name="Bench hub", short_name="Bench", mailbox="bench@hubs.test")
    for n in range(2):
        role_grant(user=User.objects.create_user(f"lead{n}@bench.test"), role=Role.LEAD, scope_object=region)
    for n in range(3):
        role_grant(user=User.objects.create_user(f"staff{n}@bench.test"), role=Role.HUB_STAFF, scope_object=region)
    providers = Provider.objects.bulk_create(
        Provider(region=region, hub=hub, name=f"Bench Provider {n}", local_authority=region.local_authorities.first())
        for n in range(20)
    )
    users = User.objects.bulk_create(User(email=f"recruit{n}@bench.test", name=f"Recruit {n}") for n in range(RECRUITS))
    Recruit.objects.bulk_create(
        Recruit(
            region=region, provider=providers[n % 20], user=users[n], given_names="Bench", family_name=f"R{n}",
            date_of_birth=dt.date(1990, 1, 1), nationality="PH",
        )
        for n in range(RECRUITS)
    )  # fmt: skip
    recruits = list(Recruit.objects.order_by("pk"))
    content_type = ContentType.objects.get_for_model(Recruit)
    due = timezone.now() - dt.timedelta(minutes=5)
    rows = []
    for n in range(REMINDERS):
        recruit = recruits[n % RECRUITS]
        kind = KINDS[(n // RECRUITS) % len(KINDS)]
        # 8 in 10 to the recruit, 1 in 10 to the region's hub staff, 1 in 10 to its leads (overdue: digest)
        role = "" if n % 10 < 8 else (Role.HUB_STAFF if n % 10 == 8 else Role.LEAD)
        rows.append(
            Reminder(
                recipient_id=None if role else recruit.user_id, recipient_role=role, region=region, kind=kind,
                content_type=content_type, object_id=str(recruit.pk), due_at=due,
                deadline=due - dt.timedelta(days=7 if role == Role.LEAD else 0),
                unique_key=f"bench:{n}",
            )
        )  # fmt: skip
    Reminder.objects.bulk_create(rows, batch_size=2000)
    return region


class CountQueries:
    """Counts the statements sent to PostgreSQL (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> CountQueries:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._wrapper.__exit__(*exc)

    def __len__(self) -> int:
        return self.count


def main() -> None:
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "portal_bench_reminders"
    setup_test_environment()  # in-memory email backend
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend", "OPTIONS": {}}}
    print("Creating and migrating the throwaway database portal_bench_reminders…", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        seed()
        version = connection.cursor().connection.info.server_version
        claimed: list[int] = []
        emails: list[int] = []
        tasks._enqueue_send = claimed.append  # type: ignore[assignment]  # what Redis would carry
        tasks._enqueue_email = emails.append  # type: ignore[assignment]
        lines = [
            f"Reminder dispatch benchmark, {timezone.localdate():%d %B %Y}",
            f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"PostgreSQL {version // 10000}.{version % 10000}; load average at the start {os.getloadavg()[0]:.1f}",
            f"{REMINDERS:,} reminders due at once: 8,000 to recruits ({RECRUITS:,} people), 1,000 to the region's "
            "3 hub staff, 1,000 overdue to its 2 leads (daily digest by default).",
            "Run in one process: beat's dispatch, then each send as a worker runs it (emails to memory).",
            "",
        ]
        with CountQueries() as queries:
            start = time.perf_counter()
            count = tasks.dispatch_due_task()
            dispatch_seconds = time.perf_counter() - start
        lines.append(
            f"dispatch_due_task: claimed {count:,} in {dispatch_seconds:.2f} s, {len(queries)} queries "
            f"({len(queries) / count:.3f} a reminder), batches of {tasks.DISPATCH_BATCH}"
        )
        with CountQueries() as queries:
            start = time.perf_counter()
            for reminder_id in claimed:
                tasks.send_reminder(reminder_id)
            send_seconds = time.perf_counter() - start
        lines.append(
            f"send_reminder x {len(claimed):,}: {send_seconds:.2f} s ({send_seconds / len(claimed) * 1000:.2f} ms and "
            f"{len(queries) / len(claimed):.1f} queries a reminder); {Notification.objects.count():,} notifications"
        )
        with CountQueries() as queries:
            start = time.perf_counter()
            for notification_id in emails:
                tasks.send_notification_email(notification_id)
            email_seconds = time.perf_counter() - start
        lines.append(
            f"send_notification_email x {len(emails):,}: {email_seconds:.2f} s "
            f"({email_seconds / len(emails) * 1000:.2f} ms and {len(queries) / len(emails):.1f} queries an email)"
        )
        with CountQueries() as queries:
            start = time.perf_counter()
            digests = tasks.dispatch_digests()
            for user in User.objects.filter(email__startswith="lead"):
                tasks.send_digest(user.pk)
            digest_seconds = time.perf_counter() - start
        lines.append(f"daily digests: {digests} people, {digest_seconds:.2f} s, {len(queries)} queries")
        total = dispatch_seconds + send_seconds + email_seconds
        lines.append(f"total for {REMINDERS:,} reminders: {total:.1f} s ({REMINDERS / total:.0f} reminders a second)")

        # exactly once: every reminder sent, every immediate email out once, nothing pending
        sent = Reminder.objects.filter(status="sent").count()
        immediate = Notification.objects.filter(email_mode="immediate")
        outbox = len(mail.outbox)
        digest_emails = sum(1 for m in mail.outbox if m.subject.startswith("Your daily summary"))
        assert sent == REMINDERS, sent
        assert outbox - digest_emails == immediate.count() == immediate.filter(email_status="sent").count()
        assert not Notification.objects.filter(email_status="pending").exists()
        lines += [
            "",
            f"Checked: {sent:,} reminders sent once; {outbox - digest_emails:,} immediate emails, one per "
            f"notification; {digest_emails} digests; nothing left pending. Load average at the end "
            f"{os.getloadavg()[0]:.1f}.",
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print("\n".join(lines))
    RESULTS.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
