"""Rules 3 and 4: a B-rating's action-plan fee, and the red flag of a second B-rating within 4 years.

Rule 3: the fee is due within 10 working days of the B-rating (the dated figure
`action_plan_fee_working_days`, read on the B-rating's date). The deadline is kept on the event
(`fee_due`) and the `compliance.action_plan_fee` ladder reminds the provider's administrators and
the region's lead (its rungs are `LadderRung` rows, seeded by migration compliance 0002). The lead
recording the payment stops it, and so does any later licence event of the provider: a
suspension, revocation or surrender overtakes the action plan.

Rule 4: UKVI normally gives a sponsor one action plan in any 4 years (the dated figure
`repeat_b_rating_years`), so a B-rating within 4 years of an earlier one is a red flag that the
licence may be revoked. It is computed from the provider's licence events whenever it is shown;
a reinstatement with a B-rating counts as a B-rating.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from compliance.models import EventKind, LicenceEvent
from hubs.access import scope_for
from notifications.ladders import ladder_reschedule, ladder_stop
from notifications.models import Reminder
from portal.dates import add_months
from portal.policy import policy_value
from providers.models import LicenceRating

FEE_KIND = "compliance.action_plan_fee"
REPEAT_FIGURE = "repeat_b_rating_years"


def is_b_rating(event: LicenceEvent) -> bool:
    """The licence was downgraded to B, or reinstated with a B-rating."""
    return event.kind == EventKind.B_RATING or (
        event.kind == EventKind.REINSTATEMENT and event.rating == LicenceRating.B
    )


# -- rule 3: the action-plan fee -----------------------------------------------------------------


def _overtaken(event: LicenceEvent) -> bool:
    return LicenceEvent.objects.filter(provider_id=event.provider_id, pk__gt=event.pk).exists()


def fee_open(event: LicenceEvent, *, overtaken: bool) -> bool:
    """The fee is still to pay (and to remind about)."""
    return event.fee_due is not None and event.fee_paid_on is None and not overtaken


def fee_reminders_sync(*, event: LicenceEvent) -> list[Reminder]:
    """Bring the fee's reminders in line with the event; repeating it is harmless."""
    if event.kind != EventKind.B_RATING or event.fee_due is None:
        return []
    if not fee_open(event, overtaken=_overtaken(event)):
        ladder_stop(about=event, kind=FEE_KIND)
        return []
    return ladder_reschedule(
        kind=FEE_KIND, about=event, deadline=event.fee_due, region=event.region, provider=event.provider
    )


def fee_reminders_end_for(*, provider_id: int, before: LicenceEvent) -> None:
    """A later licence event overtook the provider's action plans: no more fee reminders."""
    for event in LicenceEvent.objects.filter(provider_id=provider_id, kind=EventKind.B_RATING, pk__lt=before.pk):
        ladder_stop(about=event, kind=FEE_KIND)


@transaction.atomic
def licence_event_fee_paid(*, actor: User, event: LicenceEvent, paid_on: dt.date) -> LicenceEvent:
    """The lead records the day the provider paid the action-plan fee; its reminders stop."""
    event = LicenceEvent.objects.select_for_update().select_related("region", "provider").get(pk=event.pk)
    if not scope_for(actor).is_lead(event.region_id):
        raise ValidationError("Only the region's lead can record the action-plan fee.")
    if event.kind != EventKind.B_RATING:
        raise ValidationError("Only a B-rating has an action-plan fee.")
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The day it was paid cannot be in the future."})
    if paid_on < event.event_date:
        raise ValidationError(
            {"paid_on": f"The fee cannot be paid before the B-rating ({event.event_date:%-d %B %Y})."}
        )
    if paid_on == event.fee_paid_on:
        return event  # sent as shown
    event.fee_paid_on = paid_on
    event.save(update_fields=["fee_paid_on"])
    fee_reminders_sync(event=event)
    return event


# -- rule 4: a second B-rating within 4 years ----------------------------------------------------


@dataclass(frozen=True)
class RepeatBRating:
    earlier: dt.date
    later: dt.date
    years: int

    @property
    def message(self) -> str:
        return (
            f"Red flag: B-rated on {self.later:%-d %B %Y}, within {self.years} years of its B-rating of "
            f"{self.earlier:%-d %B %Y}. UKVI normally gives a sponsor one action plan in any {self.years} years, so "
            f"a second B-rating may lead to revocation (sponsor guidance, part 3): check on the provider and "
            f"its workers now."
        )


def _within(earlier: dt.date, later: dt.date) -> int | None:
    """The figure's years when `later` is within them of `earlier`, else None."""
    years = policy_value(REPEAT_FIGURE, on=later)
    return years if later < add_months(earlier, 12 * years) else None


def repeat_b_rating(events: Iterable[LicenceEvent]) -> RepeatBRating | None:
    """The provider's latest B-rating, when it came within the years of the one before it."""
    days = sorted(event.event_date for event in events if is_b_rating(event))
    if len(days) < 2:
        return None
    years = _within(days[-2], days[-1])
    return RepeatBRating(days[-2], days[-1], years) if years else None


def next_b_rating_warning(events: Iterable[LicenceEvent], *, on: dt.date) -> str:
    """Before recording an event: a B-rating on `on` would be a second within the years."""
    days = sorted(event.event_date for event in events if is_b_rating(event))
    if not days or not _within(days[-1], on):
        return ""
    years = policy_value(REPEAT_FIGURE, on=on)
    until = add_months(days[-1], 12 * years)
    return (
        f"It was B-rated on {days[-1]:%-d %B %Y}: a B-rating before {until:%-d %B %Y} is a second within "
        f"{years} years, a red flag that the licence may be revoked (sponsor guidance, part 3)."
    )
