"""What reminder emails say, who they come from, and the daily digest."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from notifications.kinds import KINDS
from notifications.ladders import ladder_start
from notifications.models import Notification, Preference
from notifications.services import reminder_schedule
from notifications.tasks import dispatch_digests, dispatch_due, send_reminder
from tests.conftest import Cast

NOW = timezone.now()
TODAY = timezone.localdate()


def _link_of(body: str) -> str:
    return next(line for line in body.splitlines() if line.startswith("http") and "/inbox/" in line)


def test_an_email_comes_from_the_hub_with_its_mailbox_to_reply_to(cast: Cast, in_process, mailoutbox) -> None:
    cast.provider_a.hub = cast.hub_a
    cast.provider_a.save()
    reminder = reminder_schedule(
        recipient_role=Role.PROVIDER_ADMIN, provider=cast.provider_a, region=cast.region_a,
        kind="providers.duty_due", about=cast.provider_a, due_at=NOW, deadline=NOW + dt.timedelta(days=3),
    )  # fmt: skip
    in_process(send_reminder, reminder.pk)
    [email] = mailoutbox
    assert email.to == ["admin.a@portal.test"]
    assert email.from_email == '"Alpha Hub (IR Hub Portal)" <no-reply@irhub.localhost>'
    assert email.reply_to == [cast.hub_a.mailbox]
    assert email.subject.startswith("Reminder: a report to ukvi (sponsor duty) is due on")
    assert "Alpha Hub" in email.body
    [(html, mime)] = email.alternatives
    assert mime == "text/html" and 'lang="en-GB"' in html and "Sign in to the portal" in html
    notification = Notification.objects.get(reminder=reminder)
    assert email.extra_headers["Message-ID"] == f"<notification-{notification.public_id}@irhub.portal>"
    assert _link_of(email.body).endswith(reverse("inbox_open", kwargs={"public_id": notification.public_id}))


def test_the_link_opens_the_exact_page_and_marks_the_item_read(cast: Cast, in_process, mailoutbox, client) -> None:
    reminder = reminder_schedule(recipient=cast.staff_a, region=cast.region_a, kind="rematch.leave_end",
                                 about=cast.recruit_a, due_at=NOW)  # fmt: skip
    in_process(send_reminder, reminder.pk)
    path = urlsplit(_link_of(mailoutbox[0].body)).path
    client.force_login(cast.staff_a)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("recruit_detail", kwargs={"public_id": cast.recruit_a.public_id})
    assert Notification.objects.get(reminder=reminder).read_at is not None


def test_a_recruit_is_sent_to_their_own_details(cast: Cast, in_process) -> None:
    reminder = reminder_schedule(recipient=cast.recruit_user_a, kind="pastoral.check_in", about=cast.recruit_a,
                                 due_at=NOW)  # fmt: skip
    in_process(send_reminder, reminder.pk)
    assert Notification.objects.get(reminder=reminder).link == reverse("recruit_my_details")


def test_overdue_items_say_so(cast: Cast, in_process, mailoutbox) -> None:
    reminder = reminder_schedule(recipient=cast.staff_a, region=cast.region_a, kind="pastoral.check_in",
                                 about=cast.recruit_a, due_at=NOW, deadline=NOW - dt.timedelta(days=7))  # fmt: skip
    in_process(send_reminder, reminder.pk)
    [email] = mailoutbox
    assert email.subject.startswith("Overdue: a pastoral check-in was due on")
    assert "7 days overdue" in email.body


def test_no_email_carries_personal_or_immigration_details(cast: Cast, in_process, mailoutbox) -> None:
    recruit = cast.recruit_a
    recruit.passport_number, recruit.cos_reference = "P9876543", "C4X7Y2Z9Q1"
    recruit.visa_expiry = TODAY + dt.timedelta(days=100)
    recruit.save()
    for kind in KINDS:
        reminder = reminder_schedule(recipient=cast.staff_a, region=cast.region_a, kind=kind, about=recruit,
                                     due_at=NOW, deadline=NOW + dt.timedelta(days=2))  # fmt: skip
        in_process(send_reminder, reminder.pk)
    assert len(mailoutbox) == len(KINDS)
    secrets = ["P9876543", "C4X7Y2Z9Q1", recruit.given_names, recruit.family_name, f"{recruit.visa_expiry:%d %B %Y}"]
    for email in mailoutbox:
        text = email.subject + email.body + email.alternatives[0][0]
        assert not [s for s in secrets if s in text], email.subject


def test_a_digest_groups_a_leads_overdue_items_by_kind(cast: Cast, in_process, mailoutbox) -> None:
    past = TODAY - dt.timedelta(days=20)
    for about in (cast.recruit_a, cast.provider_a):
        ladder_start(kind="pastoral.check_in", about=about, deadline=past, region=cast.region_a,
                     now=timezone.now() - dt.timedelta(days=30))  # fmt: skip
    ladder_start(kind="providers.duty_due", about=cast.provider_a, deadline=past, region=cast.region_a,
                 provider=cast.provider_a, now=timezone.now() - dt.timedelta(days=30))  # fmt: skip
    in_process(dispatch_due)
    lead_items = Notification.objects.filter(user=cast.lead_a)
    assert lead_items.count() == 3 and set(lead_items.values_list("email_mode", flat=True)) == {"digest"}
    assert "lead.a@portal.test" not in [m.to[0] for m in mailoutbox]

    mailoutbox.clear()
    in_process(dispatch_digests)
    in_process(dispatch_digests)  # the second run finds nothing waiting
    [digest] = [m for m in mailoutbox if m.to == ["lead.a@portal.test"]]
    assert digest.subject == "Your daily summary: 3 items, 3 overdue"
    assert "Pastoral check-ins (2)" in digest.body and "Sponsor reporting duties (1)" in digest.body
    assert digest.body.count("/inbox/") == 3
    assert set(lead_items.values_list("email_status", flat=True)) == {"sent"}


def test_a_person_can_choose_the_digest_or_immediate_emails(cast: Cast, in_process, mailoutbox) -> None:
    Preference.objects.create(user=cast.staff_a, kind="pastoral.check_in", email_mode="digest")
    Preference.objects.create(user=cast.lead_a, kind="pastoral.check_in", email_mode="immediate")
    ladder_start(kind="pastoral.check_in", about=cast.recruit_a, deadline=TODAY - dt.timedelta(days=20),
                 region=cast.region_a, now=timezone.now() - dt.timedelta(days=30))  # fmt: skip
    in_process(dispatch_due)
    assert [m.to for m in mailoutbox] == [["lead.a@portal.test"]]
    assert Notification.objects.get(user=cast.staff_a).email_status == "pending"


def test_news_says_what_happened_and_family_codes_follow_their_kind(cast: Cast, in_process, mailoutbox) -> None:
    placed = reminder_schedule(recipient=cast.staff_a, region=cast.region_a, kind="rematch.placed",
                               about=cast.recruit_a, due_at=NOW)  # fmt: skip
    Preference.objects.create(user=cast.staff_a, kind="rematch.leave_end", email_mode="digest")
    leave = reminder_schedule(recipient=cast.staff_a, region=cast.region_a, kind="rematch.leave_end.lead.7d",
                              about=cast.recruit_a, due_at=NOW)  # fmt: skip
    in_process(send_reminder, placed.pk)
    in_process(send_reminder, leave.pk)
    [email] = mailoutbox
    assert email.subject == "New in the portal: a placement with a new employer"
    assert "A placement with a new employer needs your attention." in email.body
    assert Notification.objects.get(reminder=leave).email_mode == "digest"
