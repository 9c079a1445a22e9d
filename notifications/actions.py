"""A failed reminder as something a lead can do about it (the home page's work queue).

The engine records the exception's words (`Reminder.last_error`); this turns the failure's kind
into a sentence naming the place and the fix, with the page where the fix is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from hubs.roles import Role
from notifications.models import Reminder

_ROLE_WORDS = {
    Role.COUNCIL: "council officer",
    Role.PROVIDER_ADMIN: "provider administrator",
    Role.PROVIDER_STAFF: "provider user",
    Role.LEAD: "IR lead",
    Role.HUB_STAFF: "hub staff member",
    Role.NATIONAL: "national team member",
    Role.ADASS: "ADASS regional member",
    Role.PARTNER: "training partner",
}


@dataclass(frozen=True)
class FailureAction:
    text: str
    url: str
    link_text: str


def _place(reminder: Reminder) -> str:
    if reminder.local_authority_id is not None and reminder.local_authority is not None:
        return reminder.local_authority.council_name
    if reminder.provider_id is not None and reminder.provider is not None:
        return reminder.provider.name
    if reminder.region_id is not None and reminder.region is not None:
        return reminder.region.name
    return "The portal"


def reminder_failure_action(reminder: Reminder) -> FailureAction:
    """What to do about a failed reminder, in words (load `local_authority`, `provider`, `region`)."""
    operations = reverse("notification_operations")
    if "no active recipient" in reminder.last_error.lower():
        if reminder.recipient_id is not None:
            return FailureAction(
                "A reminder's recipient no longer has an active account with an email address",
                operations,
                "see the reminder",
            )
        role = _ROLE_WORDS.get(Role(reminder.recipient_role), "person") if reminder.recipient_role else "person"
        invite = f"{reverse('invitation_new')}?role={reminder.recipient_role}"
        return FailureAction(f"{_place(reminder)} has no {role} with an email address", invite, "invite one")
    return FailureAction("A reminder could not be sent by email", operations, "try again from the Reminders page")
