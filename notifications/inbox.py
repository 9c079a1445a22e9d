"""Writes on a person's inbox and email choices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from notifications.models import EmailMode, Notification, Preference

if TYPE_CHECKING:
    from accounts.models import User


def inbox_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def inbox_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, modes: dict[str, str]) -> None:
    """Save each kind's choice; "default" removes the person's own choice for that kind."""
    for kind, mode in modes.items():
        if mode in EmailMode.values:
            Preference.objects.update_or_create(user=user, kind=kind, defaults={"email_mode": mode})
        else:
            Preference.objects.filter(user=user, kind=kind).delete()
