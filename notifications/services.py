"""Writes on reminders: schedule, cancel, reschedule, claim the due ones, send one.

Sending a reminder never talks to a mail server: in one transaction with the reminder's row
lock it resolves the recipients, writes one `Notification` per person (their inbox item and
the outbox row of their email) and marks the reminder sent. Emails go out from those rows in
their own tasks (notifications/emails.py), each with the same check-and-mark under a lock, so a
retried or redelivered message never sends a reminder, or one person's email, twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hubs.models import Hub, LocalAuthority, LocalAuthorityUserObjectPermission, Region, RegionGroupObjectPermission
from hubs.roles import PERMISSION_OF_ROLE, Role
from notifications.kinds import kind_for
from notifications.models import EmailMode, LadderRung, Notification, Preference, Reminder
from notifications.resolvers import provider_of, role_holders

if TYPE_CHECKING:
    from accounts.models import User
    from providers.models import Provider

logger = logging.getLogger(__name__)

# A claim older than this is taken to be lost (e.g. Redis was down at enqueue) and is dispatched again.
# It is longer than the send task's whole retry ladder, so a retrying send is not claimed twice.
CLAIM_TIMEOUT = dt.timedelta(minutes=30)
MAX_ERROR_LENGTH = 2000


def _about_filter(*, about: models.Model, kind: str) -> Q:
    content_type = ContentType.objects.get_for_model(about)
    return Q(content_type=content_type, object_id=str(about.pk), kind=kind)


def _default_key(
    *, kind: str, about: models.Model, recipient: User | None, role: str, scope_id: str, due_at: dt.datetime
) -> str:
    content_type = ContentType.objects.get_for_model(about)
    who = f"user:{recipient.pk}" if recipient is not None else f"role:{role}:{scope_id}"
    return f"{kind}:{content_type.pk}:{about.pk}:{who}:{timezone.localdate(due_at).isoformat()}"


def reminder_schedule(
    *,
    recipient: User | None = None,
    recipient_role: Role | str | None = None,
    region: Region | None = None,
    provider: Provider | None = None,
    local_authority: LocalAuthority | None = None,
    kind: str,
    about: models.Model,
    due_at: dt.datetime,
    deadline: dt.datetime | None = None,
    channels: list[str] | None = None,
    key: str | None = None,
    audience: str = "",
    rung: LadderRung | None = None,
) -> Reminder:
    """Schedule a reminder; scheduling the same one again (same key) returns the existing row.

    A role reminder goes to the holders of `recipient_role` at send time: leads or hub staff of
    `region`, provider admins or staff of `provider`, council officers of `local_authority`.
    """
    if (recipient is None) == (not recipient_role):
        raise ValueError("A reminder goes to one user or to a role, not both and not neither.")
    role = Role(recipient_role).value if recipient_role else ""
    scope_id = str(provider.pk if provider else local_authority.pk if local_authority else region.pk if region else "")
    unique_key = key or _default_key(
        kind=kind, about=about, recipient=recipient, role=role, scope_id=scope_id, due_at=due_at
    )
    defaults: dict[str, object] = {
        "recipient": recipient,
        "recipient_role": role,
        "region": region,
        "provider": provider,
        "local_authority": local_authority,
        "kind": kind,
        "content_type": ContentType.objects.get_for_model(about),
        "object_id": str(about.pk),
        "due_at": due_at,
        "deadline": deadline,
        "audience": audience,
        "rung": rung,
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


def reminder_reschedule(
    *, about: models.Model, kind: str, due_at: dt.datetime, deadline: dt.datetime | None = None
) -> int:
    """The underlying date changed: move the scheduled reminders of this kind (and their deadline,
    when given). Ladders have `ladder_reschedule`."""
    updates: dict[str, object] = {"due_at": due_at, "claimed_at": None}
    if deadline is not None:
        updates["deadline"] = deadline
    return Reminder.objects.filter(_about_filter(about=about, kind=kind), status=Reminder.Status.SCHEDULED).update(
        **updates
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


def reminder_recipient_users(reminder: Reminder) -> QuerySet[User]:
    """Whoever the reminder goes to, resolved now (roles change): active users with an address."""
    from accounts.models import User

    role = reminder.recipient_role
    if reminder.recipient_id is not None:
        users = User.objects.filter(pk=reminder.recipient_id)
    elif role == Role.NATIONAL:
        users = User.objects.filter(groups__permissions__codename="act_as_national")
    elif role in (Role.LEAD, Role.HUB_STAFF) and reminder.region_id is not None:
        groups = RegionGroupObjectPermission.objects.filter(
            content_object_id=reminder.region_id, permission__codename=PERMISSION_OF_ROLE[Role(role)]
        ).values("group_id")
        users = User.objects.filter(groups__in=groups)
    elif (holders := role_holders(reminder, role)) is not None:  # e.g. a provider's admins (providers/)
        users = User.objects.filter(pk__in=holders)
    elif role == Role.COUNCIL and reminder.local_authority_id is not None:
        officers = LocalAuthorityUserObjectPermission.objects.filter(
            content_object_id=reminder.local_authority_id, permission__codename="act_as_council"
        ).values("user_id")
        users = User.objects.filter(pk__in=officers)
    else:
        return User.objects.none()
    return users.filter(is_active=True).exclude(email="").distinct().order_by("pk")


def link_for(about: models.Model | None, user: User) -> str:
    """The portal page to open: the object's own page for this person, or the home page."""
    personal = getattr(about, "get_absolute_url_for", None)
    if callable(personal):
        return str(personal(user))
    general = getattr(about, "get_absolute_url", None)
    return str(general()) if callable(general) else reverse("home")


def _hub_for(reminder: Reminder, about: models.Model | None) -> Hub | None:
    """The hub whose name and mailbox an email carries: the provider's hub, else the region's first."""
    own = provider_of(about)
    provider_id = own if own is not None else reminder.provider_id or getattr(about, "provider_id", None)
    region_id = reminder.region_id or getattr(about, "region_id", None)
    if provider_id is None and region_id is None:
        return None
    # One query: the provider's own hub first, then the region's hubs by name.
    return (
        Hub.objects.filter(Q(providers__id=provider_id) | Q(region_id=region_id))
        .annotate(own=models.Case(models.When(providers__id=provider_id, then=0), default=1))
        .order_by("own", "name")
        .first()
    )


def _email_modes(reminder: Reminder, users: list[User]) -> dict[int, str]:
    if "email" not in reminder.channels:
        return {user.pk: EmailMode.NONE for user in users}
    # Leads hear of their region's overdue items in a daily digest unless they chose otherwise;
    # whatever is addressed to a person (their own step, their check-in) goes straight away.
    overdue = reminder.deadline is not None and reminder.due_at > reminder.deadline
    default = EmailMode.DIGEST if reminder.recipient_role == Role.LEAD and overdue else EmailMode.IMMEDIATE
    family = kind_for(reminder.kind).code  # `rematch.leave_end.lead.7d` follows the choice for `rematch.leave_end`
    chosen = dict(Preference.objects.filter(user__in=users, kind=family).values_list("user_id", "email_mode"))
    return {user.pk: chosen.get(user.pk, default) for user in users}


@transaction.atomic
def reminder_send(*, reminder_id: int) -> list[int]:
    """Turn a due reminder into notifications, unless it has gone already; the check and the
    mark share one row lock. Returns the notifications whose email should go out now."""
    reminder = Reminder.objects.select_for_update().filter(pk=reminder_id).first()
    if reminder is None or reminder.status != Reminder.Status.SCHEDULED:
        return []
    users = list(reminder_recipient_users(reminder))
    if not users:
        raise LookupError("No active recipient with an email address.")
    about = reminder.about
    if about is None:  # the thing was deleted: nothing left to remind anyone of
        reminder.status = Reminder.Status.CANCELLED
        reminder.save(update_fields=["status"])
        return []
    hub = _hub_for(reminder, about)
    modes = _email_modes(reminder, users)
    now = timezone.now()
    notifications = [
        Notification(
            user=user,
            reminder=reminder,
            kind=reminder.kind,
            region_id=reminder.region_id,
            hub=hub,
            link=link_for(about, user),
            email_mode=modes[user.pk],
            email_status=(
                Notification.EmailStatus.NOT_NEEDED
                if modes[user.pk] == EmailMode.NONE
                else Notification.EmailStatus.PENDING
            ),
            # Immediate emails are claimed here and enqueued after commit; a lost enqueue goes stale.
            email_claimed_at=now if modes[user.pk] == EmailMode.IMMEDIATE else None,
        )
        for user in users
    ]
    Notification.objects.bulk_create(notifications)
    reminder.status = Reminder.Status.SENT
    reminder.sent_at = now
    reminder.attempts += 1
    reminder.last_error = ""
    reminder.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    return [n.pk for n in notifications if n.email_mode == EmailMode.IMMEDIATE]


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


def reminder_retry(*, reminder: Reminder) -> None:
    """A lead asks for a failed reminder to be tried again: the next dispatch picks it up."""
    Reminder.objects.filter(pk=reminder.pk, status=Reminder.Status.FAILED).update(
        status=Reminder.Status.SCHEDULED, attempts=0, claimed_at=None, last_error=""
    )
