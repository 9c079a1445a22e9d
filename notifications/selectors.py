"""Reads for the inbox, the operations page and the calendar feed, always given the acting user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from notifications.access import notification_emails_operable_by, notifications_visible_to, reminders_operable_by
from notifications.models import EmailMode, Notification, Preference, Reminder
from portal.pagination import Page, cursor_row, page_of

INBOX_PAGE_SIZE = 25
# A scheduled reminder this long past its time has not been dispatched: the worker, beat or
# Redis is not doing its job (dispatch runs every 2 minutes).
OVERDUE_AFTER = dt.timedelta(minutes=15)
OPERATIONS_LIMIT = 100


def inbox_page(*, user: Any, after: str | None = None, page_size: int = INBOX_PAGE_SIZE) -> Page[Notification]:
    mine = notifications_visible_to(user)
    rows = mine.select_related("reminder").prefetch_related("reminder__about")
    key = cursor_row(mine, after, "created_at", "id")
    if key is not None:
        rows = rows.filter(Q(created_at__lt=key["created_at"]) | Q(created_at=key["created_at"], id__lt=key["id"]))
    return page_of(list(rows.order_by("-created_at", "-id")[: page_size + 1]), page_size, lambda n: n.public_id)


def inbox_unread_count(*, user: Any) -> int:
    return notifications_visible_to(user).filter(read_at__isnull=True).count()


def email_modes_of(*, user: Any) -> dict[str, str]:
    return dict(Preference.objects.filter(user=user).values_list("kind", "email_mode"))


@dataclass(frozen=True)
class Operations:
    failed_reminders: list[Reminder]
    overdue_reminders: list[Reminder]
    failed_emails: list[Notification]
    overdue_emails: list[Notification]


def operations_for(*, user: Any, now: dt.datetime | None = None) -> Operations:
    """What has not gone out in the lead's regions: failed and overdue sends (newest first)."""
    now = now or timezone.now()
    reminders: QuerySet[Reminder] = (
        reminders_operable_by(user).select_related("recipient", "provider", "local_authority").prefetch_related("about")
    )
    emails: QuerySet[Notification] = (
        notification_emails_operable_by(user).select_related("user", "reminder").prefetch_related("reminder__about")
    )
    return Operations(
        failed_reminders=list(reminders.filter(status=Reminder.Status.FAILED).order_by("-due_at")[:OPERATIONS_LIMIT]),
        overdue_reminders=list(
            reminders.filter(status=Reminder.Status.SCHEDULED, due_at__lt=now - OVERDUE_AFTER).order_by("due_at")[
                :OPERATIONS_LIMIT
            ]
        ),
        failed_emails=list(
            emails.filter(email_status=Notification.EmailStatus.FAILED).order_by("-created_at")[:OPERATIONS_LIMIT]
        ),
        overdue_emails=list(
            emails.filter(
                email_status=Notification.EmailStatus.PENDING,
                email_mode=EmailMode.IMMEDIATE,
                created_at__lt=now - OVERDUE_AFTER,
            ).order_by("created_at")[:OPERATIONS_LIMIT]
        ),
    )
