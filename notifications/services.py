"""Writes on reminders: schedule, cancel, reschedule, claim the due ones, send one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from hubs.models import Region, RegionGroupObjectPermission
from hubs.roles import PERMISSION_OF_ROLE, Role
from notifications.models import Reminder

if TYPE_CHECKING:
    from accounts.models import User

# A claim older than this is taken to be lost (e.g. Redis was down at enqueue) and is dispatched again.
# It is longer than the send task's whole retry ladder, so a retrying send is not claimed twice.
CLAIM_TIMEOUT = dt.timedelta(minutes=30)
MAX_ERROR_LENGTH = 2000


def _about_filter(*, about: models.Model, kind: str) -> Q:
    content_type = ContentType.objects.get_for_model(about)
    return Q(content_type=content_type, object_id=str(about.pk), kind=kind)


def _default_key(
    *,
    kind: str,
    about: models.Model,
    recipient: User | None,
    recipient_role: str,
    region: Region | None,
    due_at: dt.datetime,
) -> str:
    content_type = ContentType.objects.get_for_model(about)
    who = f"user:{recipient.pk}" if recipient is not None else f"role:{recipient_role}:{region.pk if region else ''}"
    return f"{kind}:{content_type.pk}:{about.pk}:{who}:{timezone.localdate(due_at).isoformat()}"


def reminder_schedule(
    *,
    recipient: User | None = None,
    recipient_role: Role | str | None = None,
    region: Region | None = None,
    kind: str,
    about: models.Model,
    due_at: dt.datetime,
    channels: list[str] | None = None,
    key: str | None = None,
) -> Reminder:
    """Schedule a reminder; scheduling the same one again (same key) returns the existing row."""
    if (recipient is None) == (not recipient_role):
        raise ValueError("A reminder goes to one user or to a role, not both and not neither.")
    role = Role(recipient_role).value if recipient_role else ""
    unique_key = key or _default_key(
        kind=kind, about=about, recipient=recipient, recipient_role=role, region=region, due_at=due_at
    )
    defaults: dict[str, object] = {
        "recipient": recipient,
        "recipient_role": role,
        "region": region,
        "kind": kind,
        "content_type": ContentType.objects.get_for_model(about),
        "object_id": str(about.pk),
        "due_at": due_at,
    }
    if channels is not None:
        defaults["channels"] = channels
    reminder, _ = Reminder.objects.get_or_create(unique_key=unique_key, defaults=defaults)
    return reminder


def reminder_cancel_for(*, about: models.Model, kind: str) -> int:
    """The thing is done: its scheduled reminders of this kind will not go out."""
    return Reminder.objects.filter(_about_filter(about=about, kind=kind), status=Reminder.Status.SCHEDULED).update(
        status=Reminder.Status.CANCELLED
    )


def reminder_reschedule(*, about: models.Model, kind: str, due_at: dt.datetime) -> int:
    """The underlying date changed: move the scheduled reminders of this kind."""
    return Reminder.objects.filter(_about_filter(about=about, kind=kind), status=Reminder.Status.SCHEDULED).update(
        due_at=due_at, claimed_at=None
    )


@transaction.atomic
def reminders_claim_due(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    """Claim due reminders that no other dispatcher holds; the caller enqueues them after commit."""
    now = now or timezone.now()
    due = (
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(status=Reminder.Status.SCHEDULED, due_at__lte=now)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    ids = list(due)
    Reminder.objects.filter(pk__in=ids).update(claimed_at=now)
    return ids


def reminder_recipients(reminder: Reminder) -> list[str]:
    """Email addresses of whoever the reminder goes to, resolved now (roles change)."""
    from accounts.models import User

    if reminder.recipient_id is not None:
        users = User.objects.filter(pk=reminder.recipient_id)
    elif reminder.recipient_role == Role.NATIONAL:
        users = User.objects.filter(groups__permissions__codename="act_as_national")
    elif reminder.recipient_role in (Role.LEAD, Role.HUB_STAFF) and reminder.region_id is not None:
        groups = RegionGroupObjectPermission.objects.filter(
            content_object_id=reminder.region_id,
            permission__codename=PERMISSION_OF_ROLE[Role(reminder.recipient_role)],
        ).values("group_id")
        users = User.objects.filter(groups__in=groups)
    else:
        return []
    return sorted(set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True)))


def _reminder_email(reminder: Reminder) -> tuple[str, str]:
    # Privacy: say what is due and link to the portal; never the person, documents or notes.
    what = reminder.kind.replace("_", " ")
    when = timezone.localtime(reminder.due_at)
    link = settings.SITE_URL + "/"
    body = (
        f"Something in the IR Hub Portal needs your attention: {what}, due {when:%d %B %Y}.\n\n"
        f"Sign in to see the details:\n{link}\n"
    )
    return f"Reminder: {what} due {when:%d %b %Y}", body


@transaction.atomic
def reminder_send(*, reminder_id: int) -> bool:
    """Send a reminder unless it has gone already; the check and the mark share one row lock.

    Returns False when there was nothing to do (sent, cancelled or failed already).
    """
    reminder = Reminder.objects.select_for_update().filter(pk=reminder_id).first()
    if reminder is None or reminder.status != Reminder.Status.SCHEDULED:
        return False
    recipients = reminder_recipients(reminder)
    if not recipients:
        raise LookupError("No active recipient with an email address.")
    if "email" in reminder.channels:
        subject, body = _reminder_email(reminder)
        for to in recipients:  # one message each: holders of a role never see each other's address
            send_mail(subject, body, None, [to])
    reminder.status = Reminder.Status.SENT
    reminder.sent_at = timezone.now()
    reminder.attempts += 1
    reminder.last_error = ""
    reminder.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    return True


def reminder_record_failure(*, reminder_id: int, error: str, final: bool) -> None:
    """Count a failed attempt; the last one leaves the reminder `failed` with its error."""
    updates: dict[str, object] = {
        "attempts": models.F("attempts") + 1,
        "last_error": error[:MAX_ERROR_LENGTH],
        "claimed_at": timezone.now(),
    }
    if final:
        updates["status"] = Reminder.Status.FAILED
    Reminder.objects.filter(pk=reminder_id, status=Reminder.Status.SCHEDULED).update(**updates)
