"""The inbox, email choices and the leads' operations page."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from notifications.models import EmailMode, Notification, Preference, Reminder
from notifications.services import reminder_schedule
from tests.conftest import Cast

NOW = timezone.now()


def _notify(user, about, *, kind: str = "pastoral.check_in", region=None, n: int = 0, **fields) -> Notification:
    reminder = reminder_schedule(recipient=user, region=region, kind=kind, about=about,
                                 due_at=NOW - dt.timedelta(minutes=n), deadline=NOW + dt.timedelta(days=3))  # fmt: skip
    Reminder.objects.filter(pk=reminder.pk).update(status="sent")
    defaults = {"email_mode": EmailMode.IMMEDIATE, "email_status": Notification.EmailStatus.SENT}
    return Notification.objects.create(user=user, reminder=reminder, kind=kind, region=region, link="/",
                                       **{**defaults, **fields})  # fmt: skip


def test_the_header_counts_unread_items_and_the_inbox_lists_them(cast: Cast, client) -> None:
    _notify(cast.staff_a, cast.recruit_a)
    _notify(cast.staff_a, cast.provider_a, kind="providers.duty_due", read_at=NOW)
    _notify(cast.staff_b, cast.recruit_b)  # someone else's
    client.force_login(cast.staff_a)
    html = client.get(reverse("home")).content.decode()
    assert re.search(r"Inbox <strong[^>]*>1<span[^>]*> unread</span></strong>", html)
    html = client.get(reverse("inbox")).content.decode()
    assert "A pastoral check-in" in html and "A report to UKVI (sponsor duty)" in html
    assert html.count("portal-inbox__item--unread") == 1


def test_mark_all_read(cast: Cast, client) -> None:
    for n in range(3):
        _notify(cast.staff_a, cast.recruit_a, kind=f"k{n}")
    other = _notify(cast.staff_b, cast.recruit_b)
    client.force_login(cast.staff_a)
    response = client.post(reverse("inbox_read_all"), follow=True)
    assert "Marked 3 items as read." in response.content.decode()
    assert not Notification.objects.filter(user=cast.staff_a, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_inbox_pages_by_keyset_with_fixed_queries(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    _notify(cast.staff_a, cast.recruit_a, kind="first")
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("inbox")).status_code == 200
    for n in range(40):
        _notify(cast.staff_a, cast.recruit_a, kind=f"k{n}", n=n)
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse("inbox")).content.decode()
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert html.count('class="portal-inbox__item') == 25
    after = re.search(r"after=([0-9a-f-]{36})", html)
    assert after is not None
    second = client.get(reverse("inbox"), {"after": after.group(1)}).content.decode()
    assert second.count('class="portal-inbox__item') == 16
    assert not any("OFFSET" in q["sql"] for q in large.captured_queries)


def test_an_item_opens_only_for_its_owner_and_only_inside_the_portal(cast: Cast, client) -> None:
    notification = _notify(cast.staff_a, cast.recruit_a)
    Notification.objects.filter(pk=notification.pk).update(link="https://evil.example/phish")
    client.force_login(cast.staff_a)
    response = client.get(reverse("inbox_open", kwargs={"public_id": notification.public_id}))
    assert response["Location"] == reverse("home")
    client.force_login(cast.staff_b)
    assert client.get(reverse("inbox_open", kwargs={"public_id": notification.public_id})).status_code == 404


def test_email_choices_are_saved_per_kind_and_default_removes_them(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    html = client.get(reverse("notification_settings")).content.decode()
    assert "Pastoral check-ins" in html and "your region's overdue items in the daily digest" in html
    assert "Training sessions" in html
    data = {"pastoral.check_in": "immediate", "providers.duty_due": "digest"}
    response = client.post(reverse("notification_settings"), data, follow=True)
    assert "Your email choices are saved." in response.content.decode()
    assert dict(Preference.objects.filter(user=cast.lead_a).values_list("kind", "email_mode")) == data
    client.post(reverse("notification_settings"), {"pastoral.check_in": "default", "providers.duty_due": "digest"})
    assert dict(Preference.objects.filter(user=cast.lead_a).values_list("kind", "email_mode")) == {
        "providers.duty_due": "digest"
    }


def test_a_bad_choice_is_refused_with_a_message(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    response = client.post(reverse("notification_settings"), {"pastoral.check_in": "never"})
    assert response.status_code == 200
    assert "Select one of the options for" in response.content.decode()
    assert not Preference.objects.exists()


def test_recruits_see_only_their_kinds(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    html = client.get(reverse("notification_settings")).content.decode()
    assert "Pastoral check-ins" in html and "Compliance case steps" not in html


def test_the_operations_page_lists_failed_and_late_sends_of_the_leads_region(cast: Cast, client) -> None:
    failed = reminder_schedule(recipient_role=Role.HUB_STAFF, region=cast.region_a, kind="pastoral.check_in",
                               about=cast.recruit_a, due_at=NOW - dt.timedelta(hours=2))  # fmt: skip
    Reminder.objects.filter(pk=failed.pk).update(status="failed", attempts=5, last_error="LookupError: nobody")
    reminder_schedule(recipient_role=Role.LEAD, region=cast.region_a, kind="rematch.leave_end", about=cast.recruit_a,
                      due_at=NOW - dt.timedelta(hours=1))  # fmt: skip  # late: nobody dispatched it
    bad_email = _notify(cast.staff_a, cast.recruit_a, region=cast.region_a, email_status="failed",
                        email_error="SMTPServerDisconnected: gone", email_attempts=5)  # fmt: skip
    elsewhere = reminder_schedule(recipient_role=Role.HUB_STAFF, region=cast.region_b, kind="pastoral.check_in",
                                  about=cast.recruit_b, due_at=NOW - dt.timedelta(hours=2))  # fmt: skip
    Reminder.objects.filter(pk=elsewhere.pk).update(status="failed", last_error="LookupError: region B")

    client.force_login(cast.lead_a)
    html = client.get(reverse("notification_operations")).content.decode()
    assert "Failed reminders (1)" in html and "It could not be sent (after 5 tries)" in html
    assert "Late reminders (1)" in html and "Failed emails (1)" in html
    assert "The email server refused it or could not be reached" in html
    # The technical detail stays in the logs: a lead is told what to do, not an exception's name.
    assert "LookupError" not in html and "SMTPServerDisconnected" not in html and "Redis" not in html
    assert cast.recruit_b.family_name not in html

    client.post(reverse("reminder_retry", kwargs={"public_id": failed.public_id}))
    client.post(reverse("email_retry", kwargs={"public_id": bad_email.public_id}))
    failed.refresh_from_db()
    bad_email.refresh_from_db()
    assert (failed.status, failed.attempts, failed.claimed_at) == ("scheduled", 0, None)
    assert (bad_email.email_status, bad_email.email_attempts) == ("pending", 0)


def test_a_failure_without_a_recipient_says_whom_to_invite() -> None:
    from notifications.views import problem_text

    text = problem_text("LookupError: No active recipient with an email address.", 1)
    assert text.startswith("Nobody to send it to") and "Invite someone" in text and "after 1 try" in text


def test_the_operations_page_is_for_leads(cast: Cast, client) -> None:
    for user in (cast.staff_a, cast.provider_admin_a, cast.recruit_user_a, cast.council_officer_a):
        client.force_login(user)
        assert client.get(reverse("notification_operations")).status_code == 403
