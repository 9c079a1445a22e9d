"""Reminders are rows, not delayed tasks: beat dispatches the due ones (docs: DESIGN.md, "Background work")."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import models

from hubs.roles import Role


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    INBOX = "inbox", "Portal inbox"


def default_channels() -> list[str]:
    return [Channel.EMAIL.value, Channel.INBOX.value]


@pghistory.track()
class Reminder(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    # Either one user, or a role in a region resolved when the reminder is sent.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    recipient_role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    kind = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    about = GenericForeignKey("content_type", "object_id")
    # The tenant the reminder belongs to; empty for national reminders.
    region = models.ForeignKey("hubs.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_at = models.DateTimeField()
    channels = ArrayField(models.CharField(max_length=16, choices=Channel.choices), default=default_channels)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    # Set when a dispatcher hands the row to a send task; a stale claim is dispatched again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    unique_key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["status", "due_at"],
                condition=models.Q(status="scheduled"),
                name="notif_reminder_due_idx",
            ),
            models.Index(fields=["content_type", "object_id", "kind"], name="notif_reminder_about_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | ~models.Q(recipient_role=""),
                name="notif_reminder_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due_at:%Y-%m-%d %H:%M} ({self.status})"
