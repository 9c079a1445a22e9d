"""Reminders are rows, not delayed tasks: beat dispatches the due ones (docs: DESIGN.md, "Background work").

A `Reminder` says who should hear about what, and when. Sending one turns it into a
`Notification` per person (the portal inbox), and each notification is also the outbox row of
its email: sent at once, in the daily digest, or not at all, as the person chose.
"""

from __future__ import annotations

import hashlib
import uuid

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


class Audience(models.TextChoices):
    """Who a rung of an escalation ladder reaches; resolved for each object when the ladder starts."""

    SUBJECT = "subject", "The person it is about (e.g. the recruit)"
    OWNER = "owner", "The person responsible (e.g. the request's owner)"
    PROVIDER = "provider", "The provider's administrators"
    HUB_STAFF = "hub_staff", "The region's hub staff"
    LEAD = "lead", "The region's IR leads"
    COUNCIL = "council", "The council's officers"


# History of what matters (created, and each change of status or due time), not of every claim
# and attempt counter: dispatch touches each row at least twice.
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(condition=pghistory.AnyChange("status", "due_at", "recipient", "recipient_role")),
)
class Reminder(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Either one user, or a role resolved when the reminder is sent: lead/hub staff of `region`,
    # provider admins/staff of `provider`, council officers of `local_authority`, or national.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    recipient_role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    local_authority = models.ForeignKey(
        "hubs.LocalAuthority", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    about = GenericForeignKey("content_type", "object_id")
    # The tenant the reminder belongs to; empty for national reminders.
    region = models.ForeignKey("hubs.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # When the thing itself is due (a ladder's rungs share it; `due_at` is when this rung goes out).
    deadline = models.DateTimeField(null=True, blank=True)
    audience = models.CharField(max_length=16, choices=Audience.choices, blank=True)
    rung = models.ForeignKey("LadderRung", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
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
            models.Index(fields=["region", "status", "due_at"], name="notif_reminder_region_idx"),
            models.Index(fields=["recipient", "deadline"], name="notif_reminder_user_dl_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | ~models.Q(recipient_role=""),
                name="notif_reminder_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due_at:%Y-%m-%d %H:%M} ({self.status})"


class LadderRung(models.Model):
    """One step of a kind's escalation ladder, as data: who hears, how many days from the deadline.

    Negative days are before the deadline, 0 is the day itself, positive days are overdue.
    Defaults come from a data migration; a superuser can change them in the admin. Changing a
    ladder affects ladders started afterwards, never reminders already scheduled.
    """

    kind = models.CharField(max_length=64)
    days = models.SmallIntegerField(help_text="Days from the deadline: -7 is a week before, 14 is two weeks overdue.")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    # Rungs before the deadline can stop once the thing has reached a state given by the caller
    # (e.g. a rematch request that is already `offered` needs no lead escalation).
    skip_when = ArrayField(models.CharField(max_length=32), default=list, blank=True)

    class Meta:
        ordering = ["kind", "days", "audience"]
        constraints = [models.UniqueConstraint(fields=["kind", "days", "audience"], name="notif_rung_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.get_audience_display()} at {self.days:+d} days"


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", "Email me straight away"
    DIGEST = "digest", "One email a day (daily digest)"
    NONE = "none", "No email: portal inbox only"


class Notification(models.Model):
    """One person's copy of a sent reminder: an inbox item and the outbox row of its email."""

    class EmailStatus(models.TextChoices):
        NOT_NEEDED = "not_needed", "No email"
        PENDING = "pending", "Waiting to be emailed"
        SENT = "sent", "Emailed"
        FAILED = "failed", "Email failed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=64)
    region = models.ForeignKey("hubs.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    hub = models.ForeignKey("hubs.Hub", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The portal path to open (never an outside address); fixed when the reminder is sent.
    link = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_mode = models.CharField(max_length=16, choices=EmailMode.choices)
    email_status = models.CharField(max_length=16, choices=EmailStatus.choices)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.TextField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notif_inbox_idx"),
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notif_unread_idx"),
            models.Index(
                fields=["email_mode", "user"], condition=models.Q(email_status="pending"), name="notif_email_due_idx"
            ),
            models.Index(fields=["region", "email_status"], name="notif_region_status_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["reminder", "user"], name="notif_one_per_person")]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.user_id}"


class Preference(models.Model):
    """How a person wants emails of one kind; no row means the default for how they received it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs")
    kind = models.CharField(max_length=64)
    email_mode = models.CharField(max_length=16, choices=EmailMode.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.email_mode}"


class CalendarFeed(models.Model):
    """A private ICS address: only the token's hash is kept, so the address is shown once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
