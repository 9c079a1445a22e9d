"""A person's inbox is theirs alone; the operations page is the region's leads'."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hubs.access import fetch_visible, scope_for
from notifications.models import Notification, Reminder


def notifications_visible_to(user: Any) -> QuerySet[Notification]:
    user_id = scope_for(user).user_id
    return Notification.objects.filter(user_id=user_id) if user_id is not None else Notification.objects.none()


def reminders_operable_by(user: Any) -> QuerySet[Reminder]:
    """Reminders whose failures a user may see and retry: those of the regions they lead."""
    return Reminder.objects.filter(region_id__in=scope_for(user).lead_regions)


def notification_emails_operable_by(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(region_id__in=scope_for(user).lead_regions)


# -- One fetch per object kind (404 for what the user may not see) ------------------------------


def get_notification_for_user(request: Any, public_id: Any) -> Notification:
    """One of the user's own notifications (their inbox)."""
    return fetch_visible(notifications_visible_to(request.user), public_id)


def get_reminder_for_user_rw(request: Any, public_id: Any) -> Reminder:
    """A reminder the user may retry: those of the regions they lead (404 for anyone else)."""
    return fetch_visible(reminders_operable_by(request.user), public_id)


def get_notification_email_for_user_rw(request: Any, public_id: Any) -> Notification:
    """A notification email the user may resend: those of the regions they lead."""
    return fetch_visible(notification_emails_operable_by(request.user), public_id)
