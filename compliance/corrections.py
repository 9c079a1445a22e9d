"""A lead corrects a licence event's date that was entered wrongly.

The event's clocks are computed again from the corrected date (the figures in force on it), its
reminders move with them (the suspension response, the action-plan fee), the licence history
(`LicenceChange.effective_on`) follows, and the correction is kept: an `EventDateCorrection` row
(old and new date, the reason, who and when), the event's pghistory, and a line on the timeline of
its compliance case. The date must stay between the provider's events before and after it, since
each event followed from the licence status the one before left. Case steps keep their due dates:
the timeline says so, and the owner moves those that counted from the event.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from compliance.b_rating import fee_reminders_sync
from compliance.clocks import action_plan_fee_deadline, action_plan_latest_end, cooling_off_end, representation_deadline
from compliance.models import CaseEntry, EntryKind, EventDateCorrection, EventKind, LicenceEvent
from compliance.representation import representation_reminders_sync
from hubs.access import scope_for
from providers.models import LicenceChange, LicenceStatus, Provider


def _day(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def _order_error(event: LicenceEvent, day: dt.date) -> str | None:
    """The corrected date must keep the provider's events in the order they happened."""
    others = LicenceEvent.objects.filter(provider_id=event.provider_id).exclude(pk=event.pk)
    before = others.filter(pk__lt=event.pk).order_by("-pk").first()
    after = others.filter(pk__gt=event.pk).order_by("pk").first()
    if before is not None and day < before.event_date:
        return f"It cannot be before the event it followed ({_said(before)})."
    if after is not None and day > after.event_date:
        return f"It cannot be after the event that followed it ({_said(after)})."
    return None


def _said(event: LicenceEvent) -> str:
    return f"{EventKind(event.kind).label.lower()} on {_day(event.event_date)}"


def _recompute(event: LicenceEvent, old: dt.date) -> list[str]:
    """Set the event's clocks from its (new) date; say what moved."""
    moved = []
    if event.kind == EventKind.B_RATING:
        latest = action_plan_latest_end(event.event_date)
        if event.action_plan_ends == action_plan_latest_end(old):
            event.action_plan_ends = latest  # it was the full length: it stays the full length
        elif event.action_plan_ends is None or not event.event_date <= event.action_plan_ends <= latest:
            ends = _day(event.action_plan_ends)
            message = f"The action plan recorded ends on {ends}: that does not fit a B-rating on this date."
            raise ValidationError({"event_date": f"{message} Its plan must end by {_day(latest)}."})
        event.fee_due = action_plan_fee_deadline(event.event_date)
        moved += [f"The action plan ends on {_day(event.action_plan_ends)}.", f"The fee is due {_day(event.fee_due)}."]
    elif event.kind == EventKind.SUSPENSION:
        event.representation_deadline = representation_deadline(event.event_date)
        moved.append(f"Representations are due {_day(event.representation_deadline)}.")
    elif event.kind == EventKind.REVOCATION:
        event.repeat_revocation = (
            LicenceChange.objects.filter(
                provider_id=event.provider_id, status=LicenceStatus.REVOKED, effective_on__lte=event.event_date
            )
            .exclude(pk=event.licence_change_id)
            .exists()
        )
        event.cooling_off_ends = cooling_off_end(event.event_date, revoked_before=event.repeat_revocation)
        moved.append(f"The cooling-off ends on {_day(event.cooling_off_ends)}.")
    return moved


def _move_licence_history(event: LicenceEvent) -> None:
    LicenceChange.objects.filter(pk=event.licence_change_id).update(effective_on=event.event_date)
    latest = LicenceChange.objects.filter(provider_id=event.provider_id).order_by("-recorded_at", "-pk").first()
    if latest is not None and latest.pk == event.licence_change_id:  # the provider's status dates from it
        Provider.objects.filter(pk=event.provider_id).update(licence_changed_on=event.event_date)


@transaction.atomic
def licence_event_correct_date(*, actor: User, event: LicenceEvent, event_date: dt.date, reason: str) -> LicenceEvent:
    event = LicenceEvent.objects.select_for_update(of=("self",)).select_related("region", "provider").get(pk=event.pk)
    if not scope_for(actor).is_lead(event.region_id):
        raise ValidationError("Only the region's lead can correct licence events.")
    if event_date == event.event_date:
        return event  # sent as shown: nothing to correct
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the date was wrong: it is kept with the correction."})
    if event_date > timezone.localdate():
        raise ValidationError({"event_date": "The date cannot be in the future."})
    error = _order_error(event, event_date)
    if error:
        raise ValidationError({"event_date": error})
    old = event.event_date
    event.event_date = event_date
    moved = _recompute(event, old)
    event.full_clean()
    event.save()
    _move_licence_history(event)
    representation_reminders_sync(event=event)
    fee_reminders_sync(event=event)
    EventDateCorrection.objects.create(
        event=event, old_date=old, new_date=event_date, reason=reason, corrected_by=actor
    )
    sentence = reason if reason.endswith((".", "!", "?")) else f"{reason}."
    text = " ".join(
        [
            f"Date of the licence event corrected from {_day(old)} to {_day(event_date)}: {sentence}",
            *moved,
            "Case steps keep their due dates: move any that counted from the event.",
        ]
    )
    for case in event.cases.all():
        CaseEntry.objects.create(case=case, kind=EntryKind.SYSTEM, text=text, author=actor, shareable=True)
    return event
