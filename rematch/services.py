"""Writes on rematch requests: the three doors, the one status machine, notes, dates, owner, reminders.

Every write runs in one transaction with the request row locked, records a timeline event with
the actor, and brings the request's reminders in line with its state (`_reminders_sync`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Hub
from providers.models import Provider
from recruits.care_route import in_country_change_check
from recruits.leave import clock_for
from recruits.models import DocumentKind, Recruit
from recruits.services import (
    REFERRAL_FIELDS,
    recruit_create_from_referral,
    recruit_record_letter_date,
    recruit_set_leave_dates,
)
from rematch.application import application_dates_errors
from rematch.models import (
    OPEN_STATUSES,
    Door,
    EventKind,
    Outcome,
    RematchEvent,
    RematchRequest,
    RematchStatus,
    RequestReason,
)
from rematch.reminders import reminders_sync as _reminders_sync

# The status machine. Decision: an introduction or an offer that falls through goes back to
# "searching"; any open request can be closed with an outcome; placed and closed are final.
TRANSITIONS: dict[str, set[str]] = {
    RematchStatus.NEW: {RematchStatus.TRIAGE, RematchStatus.CLOSED},
    RematchStatus.TRIAGE: {RematchStatus.SEARCHING, RematchStatus.CLOSED},
    RematchStatus.SEARCHING: {RematchStatus.INTRODUCED, RematchStatus.CLOSED},
    RematchStatus.INTRODUCED: {RematchStatus.OFFERED, RematchStatus.SEARCHING, RematchStatus.CLOSED},
    RematchStatus.OFFERED: {RematchStatus.PLACED, RematchStatus.SEARCHING, RematchStatus.CLOSED},
    RematchStatus.PLACED: set(),
    RematchStatus.CLOSED: set(),
}
_ORDER = list(RematchStatus)


# -- the doors -----------------------------------------------------------------------------------


def _lock(request: RematchRequest) -> RematchRequest:
    return RematchRequest.objects.select_for_update().get(pk=request.pk)


def _event(request: RematchRequest, actor: User | None, kind: str, text: str = "", **extra: Any) -> RematchEvent:
    return RematchEvent.objects.create(request=request, actor=actor, kind=kind, text=text, **extra)


def open_request_of(recruit: Recruit) -> RematchRequest | None:
    return RematchRequest.objects.filter(recruit=recruit, status__in=OPEN_STATUSES).first()


def _refuse_second_open(recruit: Recruit) -> None:
    if open_request_of(recruit) is not None:
        raise ValidationError(
            f"{recruit.full_name} already has an open rematch request: add a note to it instead of opening another."
        )


def _set_clock(request: RematchRequest, *, letter_date: dt.date | None, visa_expiry: dt.date | None) -> None:
    clock = clock_for(letter_date=letter_date, visa_expiry=visa_expiry)
    request.curtailment_letter_date, request.visa_expiry, request.leave_end = letter_date, visa_expiry, clock.leave_end


@transaction.atomic
def rematch_open(
    *,
    actor: User,
    recruit: Recruit,
    door: str,
    reason: str = RequestReason.OTHER,
    reason_details: str = "",
    last_working_day: dt.date | None = None,
    owner: User | None = None,
    contact: dict[str, str] | None = None,
) -> RematchRequest:
    """Open a request for a recruit on record (provider, recruit or hub door)."""
    recruit = Recruit.objects.select_for_update().get(pk=recruit.pk)
    existing = open_request_of(recruit)
    if existing is not None and door == Door.PROVIDER and existing.door != Door.PROVIDER:
        # Refusing would tell the employer that the worker had asked the hub themself.
        return _provider_joins(
            existing, actor=actor, reason=reason, details=reason_details, last_working_day=last_working_day
        )
    _refuse_second_open(recruit)
    if door == Door.PROVIDER and recruit.provider_id is None:
        raise ValidationError("This recruit has no current employer, so the employer cannot ask for rematching.")
    if owner is None and door == Door.HUB and scope_for(actor).is_hub_team(recruit.region_id):
        owner = actor
    request = RematchRequest(
        region_id=recruit.region_id,
        recruit=recruit,
        provider_id=recruit.provider_id,
        door=door,
        reason=reason,
        reason_details=reason_details.strip(),
        last_working_day=last_working_day,
        owner=owner,
        given_names=recruit.given_names,
        family_name=recruit.family_name,
        created_by=actor,
        current_sponsor_name=recruit.provider.name if recruit.provider else "",
        **{key: value.strip() for key, value in (contact or {}).items()},
    )
    _set_clock(request, letter_date=recruit.curtailment_letter_date, visa_expiry=recruit.visa_expiry)
    request.full_clean()
    request.save()
    _event(request, actor, EventKind.CREATED, Door(door).label)
    _reminders_sync(request)
    return request


def _provider_joins(
    request: RematchRequest, *, actor: User, reason: str, details: str, last_working_day: dt.date | None
) -> RematchRequest:
    request = _lock(request)
    request.provider_requested = True
    request.last_working_day = request.last_working_day or last_working_day
    request.save(update_fields=["provider_requested", "last_working_day", "updated_at"])
    words = f"The employer asked for rematching too: {RequestReason(reason).label}."
    if details.strip():
        words += f" {details.strip()}"
    if last_working_day:
        words += f" Last working day: {last_working_day:%-d %B %Y}."
    _event(request, actor, EventKind.NOTE, words)
    return request


@dataclass(frozen=True)
class BulkResult:
    created: list[RematchRequest]
    skipped: list[Recruit]


@transaction.atomic
def rematch_open_many(
    *, actor: User, provider: Provider, recruits: list[Recruit], reason: str, reason_details: str = ""
) -> BulkResult:
    """Requests for many of one provider's workers at once (a licence revocation); workers who
    already have an open request are skipped and listed, never given a second one."""
    created, skipped = [], []
    for recruit in recruits:
        if recruit.provider_id != provider.pk or recruit.region_id != provider.region_id:
            raise ValidationError(f"{recruit.full_name} does not work for {provider.name}.")
        if open_request_of(recruit) is not None:
            skipped.append(recruit)
            continue
        created.append(
            rematch_open(actor=actor, recruit=recruit, door=Door.HUB, reason=reason, reason_details=reason_details)
        )
    return BulkResult(created=created, skipped=skipped)


@transaction.atomic
def rematch_self_refer(
    *,
    actor: User,
    recruit: Recruit,
    contact: dict[str, str],
    current_sponsor_name: str = "",
    details: str = "",
    letter_date: dt.date | None = None,
    letter: UploadedFile | None = None,
) -> RematchRequest:
    """A recruit asks their hub for help finding a new sponsor, from their own account."""
    from recruits.documents import document_upload

    if letter_date is not None:
        recruit_record_letter_date(actor=actor, recruit=recruit, letter_date=letter_date)

    request = rematch_open(
        actor=actor,
        recruit=recruit,
        door=Door.RECRUIT,
        reason=RequestReason.WORKER_ASKED,
        reason_details=details,
        contact=contact,
    )
    if current_sponsor_name.strip():
        request.current_sponsor_name = current_sponsor_name.strip()
        request.save(update_fields=["current_sponsor_name", "updated_at"])
    if letter is not None:
        # Last, so that nothing after it can fail and leave the file without its row.
        document_upload(actor=actor, recruit=recruit, upload=letter, kind=DocumentKind.UKVI_LETTER, title="UKVI letter")
        _event(request, actor, EventKind.NOTE, "The worker uploaded their UKVI letter.")
    return request


PUBLIC_FIELDS = [
    "given_names",
    "family_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "postcode",
    "current_sponsor_name",
    "reason_details",
    "curtailment_letter_date",
    "visa_expiry",
]


@transaction.atomic
def rematch_public_refer(*, hub: Hub, data: dict[str, Any]) -> RematchRequest:
    """A worker without an account refers themself through a hub's public form: a pending
    request the hub team confirms (and links to a record) before any work starts."""
    request = RematchRequest(
        region_id=hub.region_id, hub=hub, door=Door.PUBLIC, pending=True, reason=RequestReason.WORKER_ASKED
    )
    for key in PUBLIC_FIELDS:
        value = data.get(key)
        if value is None and not RematchRequest._meta.get_field(key).null:
            value = ""
        setattr(request, key, value.strip() if isinstance(value, str) else value)
    request.postcode = request.postcode.upper()
    _set_clock(request, letter_date=request.curtailment_letter_date, visa_expiry=request.visa_expiry)
    request.full_clean()
    request.save()
    _event(request, None, EventKind.CREATED, Door.PUBLIC.label)
    return request


@transaction.atomic
def rematch_confirm(*, actor: User, request: RematchRequest, recruit: Recruit | None = None) -> RematchRequest:
    """Confirm a public referral: link it to the region's existing record of the worker, or
    create a record for them (displaced, no current employer on record)."""
    request = _lock(request)
    if not request.pending:
        raise ValidationError("This referral is already confirmed.")
    if recruit is not None:
        if recruit.region_id != request.region_id:
            raise ValidationError("Choose a recruit of this region.")
        _refuse_second_open(recruit)
    else:
        recruit = recruit_create_from_referral(
            actor=actor,
            region_id=request.region_id,
            data={name: getattr(request, name) for name in REFERRAL_FIELDS},
        )
    request.recruit, request.pending = recruit, False
    if request.owner is None and scope_for(actor).is_hub_team(request.region_id):
        request.owner = actor
    _set_clock(
        request,
        letter_date=request.curtailment_letter_date or recruit.curtailment_letter_date,
        visa_expiry=request.visa_expiry or recruit.visa_expiry,
    )
    request.save()
    _event(request, actor, EventKind.CONFIRMED, f"Linked to the record of {recruit.full_name}.")
    _reminders_sync(request)
    return request


# -- the status machine --------------------------------------------------------------------------


def allowed_moves(request: RematchRequest) -> list[RematchStatus]:
    return sorted((RematchStatus(s) for s in TRANSITIONS[RematchStatus(request.status)]), key=_ORDER.index)


def transition_error(request: RematchRequest, to_status: str, outcome: str = "") -> str | None:
    """Why the request cannot move to `to_status`, or None when it can."""
    current, target = RematchStatus(request.status), RematchStatus(to_status)
    if request.pending:
        return "Confirm this referral (link it to a worker's record) before working on it."
    if target == current:
        return f"The request is already “{current.label}”."
    if not TRANSITIONS[current]:
        return f"The request is “{current.label}”: a finished request cannot change status."
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(f"“{s.label}”" for s in allowed_moves(request))
        return f"A request that is “{current.label}” can only move to {allowed}, not to “{target.label}”."
    if target == RematchStatus.CLOSED and outcome not in Outcome.values:
        return "Choose the outcome: why is the request closing?"
    return None


@transaction.atomic
def rematch_transition(
    *, actor: User | None, request: RematchRequest, to_status: str, outcome: str = "", note: str = ""
) -> RematchEvent:
    """The one way to change a request's status; refuses illegal moves naming the allowed ones."""
    request = _lock(request)
    error = transition_error(request, to_status, outcome)
    if error:
        raise ValidationError(error)
    from_status = request.status
    request.status = to_status
    if to_status == RematchStatus.PLACED:
        request.outcome = Outcome.PLACED
    elif to_status == RematchStatus.CLOSED:
        request.outcome = outcome
    if to_status in (RematchStatus.PLACED, RematchStatus.CLOSED):
        request.closed_at = timezone.now()
    request.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    text = note.strip()
    if request.outcome and to_status == RematchStatus.CLOSED:
        text = f"Outcome: {Outcome(request.outcome).label}." + (f" {text}" if text else "")
    event = _event(request, actor, EventKind.STATUS, text, from_status=from_status, to_status=to_status)
    _reminders_sync(request)
    return event


# -- notes, dates, owner -------------------------------------------------------------------------


@transaction.atomic
def rematch_add_note(*, actor: User, request: RematchRequest, text: str) -> RematchEvent:
    if not text.strip():
        raise ValidationError({"text": "Write the note"})
    request = _lock(request)
    RematchRequest.objects.filter(pk=request.pk).update(updated_at=timezone.now())
    return _event(request, actor, EventKind.NOTE, text.strip())


def _day_or(day: dt.date | None, missing: str) -> str:
    return f"{day:%-d %b %Y}" if day else missing


def _dates_text(letter: dt.date | None, visa: dt.date | None) -> str:
    return f"UKVI letter: {_day_or(letter, 'awaiting')}; visa expiry: {_day_or(visa, 'not recorded')}."


def _application_text(cos: dt.date | None, applied: dt.date | None) -> str:
    return f"CoS assigned: {_day_or(cos, 'not recorded')}; visa application: {_day_or(applied, 'not recorded')}."


@transaction.atomic
def rematch_update_dates(
    *,
    actor: User,
    request: RematchRequest,
    letter_date: dt.date | None,
    visa_expiry: dt.date | None,
    cos_assigned_on: dt.date | None,
    visa_applied_on: dt.date | None,
) -> RematchRequest:
    """The letter came (or the visa date was corrected), or the new sponsor assigned the CoS and the
    worker applied: the clock and its reminders move (the lead's escalation stops only once the
    application is recorded), and the worker's record gets the letter and visa dates.

    Refused, quoting the rule, when the application is recorded after leave ends."""
    request = _lock(request)
    leave = (request.curtailment_letter_date, request.visa_expiry)
    application = (request.cos_assigned_on, request.visa_applied_on)
    if (letter_date, visa_expiry) == leave and (cos_assigned_on, visa_applied_on) == application:
        return request
    _set_clock(request, letter_date=letter_date, visa_expiry=visa_expiry)
    errors = application_dates_errors(
        leave_end=request.leave_end, cos_assigned_on=cos_assigned_on, visa_applied_on=visa_applied_on
    )
    if errors:
        raise ValidationError(errors)
    if visa_applied_on is not None and visa_applied_on != request.visa_applied_on and request.recruit is not None:
        closed = in_country_change_check(request.recruit, applied=visa_applied_on)
        if closed is not None:
            raise ValidationError({"visa_applied_on": closed.message})
    request.cos_assigned_on, request.visa_applied_on = cos_assigned_on, visa_applied_on
    request.save()
    if (letter_date, visa_expiry) != leave:
        if request.recruit_id is not None:
            recruit_set_leave_dates(
                actor=actor, recruit_id=request.recruit_id, letter_date=letter_date, visa_expiry=visa_expiry
            )
        _event(request, actor, EventKind.DATES, _dates_text(letter_date, visa_expiry))
    if (cos_assigned_on, visa_applied_on) != application:
        _event(request, actor, EventKind.DATES, _application_text(cos_assigned_on, visa_applied_on))
    _reminders_sync(request)
    return request


def rematch_sync_from_recruit(*, recruit: Recruit) -> None:
    """The recruit's record was edited: the open request follows its letter and visa dates."""
    request = open_request_of(recruit)
    if request is None:
        return
    same = (request.curtailment_letter_date, request.visa_expiry) == (
        recruit.curtailment_letter_date,
        recruit.visa_expiry,
    )
    if not same:
        with transaction.atomic():
            request = _lock(request)
            _set_clock(request, letter_date=recruit.curtailment_letter_date, visa_expiry=recruit.visa_expiry)
            request.save()
            _event(request, None, EventKind.DATES, _dates_text(recruit.curtailment_letter_date, recruit.visa_expiry))
            _reminders_sync(request)


@transaction.atomic
def rematch_assign(*, actor: User, request: RematchRequest, owner: User | None) -> RematchRequest:
    request = _lock(request)
    if owner is not None and not scope_for(owner).is_hub_team(request.region_id):
        raise ValidationError({"owner": "The owner must be a lead or hub staff member of this region."})
    if owner == request.owner:
        return request
    request.owner = owner
    request.save(update_fields=["owner", "updated_at"])
    _event(request, actor, EventKind.OWNER, f"Owner: {owner.name or owner.email}." if owner else "No owner.")
    _reminders_sync(request, fresh=True)
    return request


PREFERENCE_FIELDS = ["pref_min_hours", "pref_max_hours", "can_drive", "max_travel", "postcode"]


@transaction.atomic
def rematch_update_preferences(*, actor: User, request: RematchRequest, data: dict[str, Any]) -> RematchRequest:
    """What the worker wants from a new job: hours, driving, how far they travel (and where they live)."""
    request = _lock(request)
    changed = [key for key in PREFERENCE_FIELDS if key in data and getattr(request, key) != data[key]]
    if not changed:  # sent as shown: nothing to save, nothing to record
        return request
    for key in changed:
        setattr(request, key, data[key])
    if request.pref_min_hours and request.pref_max_hours and request.pref_min_hours > request.pref_max_hours:
        raise ValidationError({"pref_max_hours": "The most hours must be at least the fewest hours"})
    request.full_clean()
    request.save()
    _event(request, actor, EventKind.PREFERENCES, "")
    return request
