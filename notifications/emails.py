"""Emails from notifications: one at once, or one daily digest per person.

Each email is sent inside the transaction that locks its notification rows and marks them
emailed, so a redelivered task finds them done and sends nothing. Every message carries a
Message-ID made from the notification, so in the one window left (the mail server accepted the
message, then the worker died before the commit) the copy sent on retry has the same
Message-ID, which mail systems treat as the same message.

An email says what is due and when, and links to the portal; it never names the person it is
about or carries passport, visa, DBS or pastoral details (DESIGN.md, "Sensitive data").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hubs.models import Hub
from notifications.kinds import kind_for
from notifications.models import EmailMode, Notification
from notifications.services import CLAIM_TIMEOUT, MAX_ERROR_LENGTH

MESSAGE_ID_DOMAIN = "irhub.portal"


@dataclass(frozen=True)
class EmailItem:
    """One reminder as an email shows it: what, by when, and the link that opens it."""

    label: str
    url: str
    deadline: dt.date
    days_overdue: int
    is_today: bool
    news: bool  # something that happened, not something due


def _item(notification: Notification, today: dt.date) -> EmailItem:
    day = timezone.localdate(notification.reminder.deadline or notification.reminder.due_at)
    kind = kind_for(notification.kind)
    return EmailItem(
        label=kind.label,
        url=settings.SITE_URL + reverse("inbox_open", kwargs={"public_id": notification.public_id}),
        deadline=day,
        days_overdue=(today - day).days if day < today else 0,
        is_today=day == today,
        news=kind.news,
    )


def _sender(hub: Hub | None) -> tuple[str, list[str]]:
    """From: the portal's address under the hub's name; Reply-To: the hub's own mailbox."""
    if hub is None:
        return settings.DEFAULT_FROM_EMAIL, []
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((f"{hub.name} (IR Hub Portal)", address)), [hub.mailbox] if hub.mailbox else []


def _message(*, to: str, subject: str, template: str, context: dict, hub: Hub | None, message_id: str):
    from_email, reply_to = _sender(hub)
    context = {**context, "hub": hub, "settings_url": settings.SITE_URL + reverse("notification_settings")}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        from_email=from_email,
        to=[to],
        reply_to=reply_to,
        headers={"Message-ID": f"<{message_id}@{MESSAGE_ID_DOMAIN}>", "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string(f"notifications/email/{template}.html", context), "text/html")
    return message


def _subject(item: EmailItem) -> str:
    if item.news:
        return f"New in the portal: {item.label.lower()}"
    if item.days_overdue:
        return f"Overdue: {item.label.lower()} was due on {item.deadline:%-d %B %Y}"
    return f"Reminder: {item.label.lower()} is due on {item.deadline:%-d %B %Y}"


@transaction.atomic
def notification_email_send(*, notification_id: int) -> bool:
    """Email one notification unless it has been emailed already (check and mark under one lock)."""
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("user", "reminder", "hub")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.email_status != Notification.EmailStatus.PENDING:
        return False
    if notification.email_mode != EmailMode.IMMEDIATE:
        return False
    item = _item(notification, timezone.localdate())
    _message(
        to=notification.user.email,
        subject=_subject(item),
        template="reminder",
        context={"item": item},
        hub=notification.hub,
        message_id=f"notification-{notification.public_id}",
    ).send()
    _mark_emailed(Notification.objects.filter(pk=notification.pk))
    return True


def _mark_emailed(rows: models.QuerySet[Notification]) -> None:
    rows.update(
        email_status=Notification.EmailStatus.SENT,
        emailed_at=timezone.now(),
        email_attempts=models.F("email_attempts") + 1,
        email_error="",
    )


def notification_email_record_failure(*, notification_ids: list[int], error: str, final: bool) -> None:
    updates: dict[str, object] = {
        "email_attempts": models.F("email_attempts") + 1,
        "email_error": error[:MAX_ERROR_LENGTH],
        "email_claimed_at": timezone.now(),
    }
    if final:
        updates["email_status"] = Notification.EmailStatus.FAILED
    Notification.objects.filter(pk__in=notification_ids, email_status=Notification.EmailStatus.PENDING).update(
        **updates
    )


def notification_email_retry(*, notification: Notification) -> None:
    """A lead asks for a failed email to be tried again: the next dispatch picks it up."""
    Notification.objects.filter(pk=notification.pk, email_status=Notification.EmailStatus.FAILED).update(
        email_status=Notification.EmailStatus.PENDING, email_attempts=0, email_claimed_at=None, email_error=""
    )


@transaction.atomic
def notification_emails_claim_stale(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    """Immediate emails whose enqueue was lost (Redis down) or whose worker died: claim them again."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(email_status=Notification.EmailStatus.PENDING, email_mode=EmailMode.IMMEDIATE)
        .filter(models.Q(email_claimed_at__isnull=True) | models.Q(email_claimed_at__lt=now - CLAIM_TIMEOUT))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    Notification.objects.filter(pk__in=ids).update(email_claimed_at=now)
    return ids


def digest_recipients() -> list[int]:
    """Users with notifications waiting for their daily digest."""
    return list(
        Notification.objects.filter(email_status=Notification.EmailStatus.PENDING, email_mode=EmailMode.DIGEST)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


@transaction.atomic
def digest_send(*, user_id: int, today: dt.date | None = None) -> int:
    """One email with everything waiting for this user's digest, grouped by kind; returns the count."""
    today = today or timezone.localdate()
    pending = list(
        Notification.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("user", "reminder", "hub")
        .filter(user_id=user_id, email_status=Notification.EmailStatus.PENDING, email_mode=EmailMode.DIGEST)
        .order_by("kind", "reminder__deadline", "pk")
    )
    if not pending:
        return 0
    groups: dict[str, list[EmailItem]] = defaultdict(list)
    for notification in pending:
        groups[kind_for(notification.kind).short].append(_item(notification, today))
    overdue = sum(1 for items in groups.values() for item in items if item.days_overdue)
    hubs = {n.hub_id for n in pending}
    hub = pending[0].hub if len(hubs) == 1 else None
    count = len(pending)
    subject = f"Your daily summary: {count} item{'s' if count != 1 else ''}" + (
        f", {overdue} overdue" if overdue else ""
    )
    _message(
        to=pending[0].user.email,
        subject=subject,
        template="digest",
        context={"groups": sorted(groups.items()), "count": count, "overdue": overdue, "today": today},
        hub=hub,
        message_id=f"digest-{user_id}-{today.isoformat()}-{pending[0].public_id}",
    ).send()
    _mark_emailed(Notification.objects.filter(pk__in=[n.pk for n in pending]))
    return count
