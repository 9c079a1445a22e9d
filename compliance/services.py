"""Writes on licence events, cases, steps, the timeline and protocol templates.

Every write runs in one transaction and records who did it; status and rating changes of the
provider go through `providers.services.provider_change_licence`, so the licence history stays in
one place (`LicenceChange`). Notifications are scheduled as reminder rows in the same transaction
(they go out after commit, through the dispatcher).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from compliance.b_rating import fee_reminders_end_for, fee_reminders_sync
from compliance.clocks import (
    action_plan_fee_deadline,
    action_plan_latest_end,
    cooling_off_end,
    representation_deadline,
)
from compliance.models import (
    CASE_EVENTS,
    AlertStatus,
    CaseEntry,
    CaseStatus,
    CaseStep,
    ComplianceCase,
    EntryKind,
    EventKind,
    LicenceEvent,
    OffsetUnit,
    Performer,
    Priority,
    ProtocolStep,
    ProtocolTemplate,
    RegisterAlert,
)
from compliance.representation import representation_reminders_end_for, representation_reminders_sync
from hubs.access import scope_for
from hubs.models import Region
from notifications.ladders import ladder_reschedule, ladder_start, ladder_stop
from notifications.services import reminder_schedule
from portal.policy import policy_value
from portal.workdays import add_working_days
from providers.models import LicenceChange, LicenceRating, LicenceSource, LicenceStatus, Provider
from providers.services import provider_change_licence

STEP_REMINDER = "compliance.step_due"
CASE_OPENED = "compliance.case_opened"
COUNCIL_NOTE = "compliance.council_note"
DEFAULT_PROTOCOL = Path(__file__).resolve().parent / "data" / "default_protocol.csv"

# Which licence statuses each event may follow, and the status it leads to.
EVENT_FROM: dict[str, set[str]] = {
    EventKind.B_RATING: {LicenceStatus.ACTIVE},
    EventKind.SUSPENSION: {LicenceStatus.ACTIVE},
    EventKind.REINSTATEMENT: {LicenceStatus.SUSPENDED},
    EventKind.REVOCATION: {LicenceStatus.ACTIVE, LicenceStatus.SUSPENDED},
    EventKind.SURRENDER: {LicenceStatus.ACTIVE, LicenceStatus.SUSPENDED},
}
EVENT_TO = {
    EventKind.B_RATING: LicenceStatus.ACTIVE,
    EventKind.SUSPENSION: LicenceStatus.SUSPENDED,
    EventKind.REINSTATEMENT: LicenceStatus.ACTIVE,
    EventKind.REVOCATION: LicenceStatus.REVOKED,
    EventKind.SURRENDER: LicenceStatus.SURRENDERED,
}

# The case machine: open → active → monitoring → closed; monitoring may go back to active when
# something needs work again. Closed is final.
CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.OPEN: {CaseStatus.ACTIVE},
    CaseStatus.ACTIVE: {CaseStatus.MONITORING},
    CaseStatus.MONITORING: {CaseStatus.ACTIVE, CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}


def _refuse_non_lead(actor: User, region_id: int, what: str) -> None:
    if not scope_for(actor).is_lead(region_id):
        raise ValidationError(f"Only the region's lead can {what}.")


# -- licence events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventResult:
    event: LicenceEvent
    case: ComplianceCase | None
    joined_existing: bool = False


def _event_error(provider: Provider, kind: str, rating: str) -> str | None:
    allowed = EVENT_FROM[EventKind(kind)]
    if provider.licence_status not in allowed:
        current = LicenceStatus(provider.licence_status).label.lower()
        return f"{provider.name}'s licence is {current}: it cannot be “{EventKind(kind).label.lower()}” now."
    if kind == EventKind.B_RATING and provider.licence_rating == LicenceRating.B:
        return f"{provider.name} is already B-rated."
    if kind == EventKind.REINSTATEMENT and rating not in LicenceRating.values:
        return "Choose the rating the licence was reinstated with (A or B)."
    return None


@transaction.atomic
def licence_event_record(
    *,
    actor: User,
    provider: Provider,
    kind: str,
    event_date: dt.date,
    source: str = LicenceSource.UKVI,
    note: str = "",
    rating: str = "",
    action_plan_ends: dt.date | None = None,
    open_case: bool = True,
    priority: str = Priority.HIGH,
) -> EventResult:
    """Record a licence event; suspension, revocation and surrender open a case (or join the open one)."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    _refuse_non_lead(actor, provider.region_id, "record licence events")
    error = _event_error(provider, kind, rating)
    if error:
        raise ValidationError(error)
    event = LicenceEvent(region_id=provider.region_id, provider=provider, kind=kind, event_date=event_date)
    event.source, event.note, event.recorded_by = source, note.strip(), actor
    new_rating = provider.licence_rating
    if kind == EventKind.B_RATING:
        new_rating = LicenceRating.B
        latest = action_plan_latest_end(event_date)
        event.action_plan_ends = action_plan_ends or latest
        if not event_date <= event.action_plan_ends <= latest:
            months = policy_value("action_plan_max_months", on=event_date)
            raise ValidationError(
                {
                    "action_plan_ends": f"A B-rating's action plan lasts up to {months} months (sponsor guidance, "
                    f"part 3): it ends between the event and {latest:%-d %B %Y}."
                }
            )
        event.fee_due = action_plan_fee_deadline(event_date)
    elif kind == EventKind.SUSPENSION:
        event.representation_deadline = representation_deadline(event_date)
    elif kind == EventKind.REINSTATEMENT:
        new_rating = rating
    elif kind == EventKind.REVOCATION:
        earlier = LicenceChange.objects.filter(
            provider=provider, status=LicenceStatus.REVOKED, effective_on__lte=event_date
        ).exists()
        event.repeat_revocation = earlier
        event.cooling_off_ends = cooling_off_end(event_date, revoked_before=earlier)
    event.rating = new_rating
    event.licence_change = provider_change_licence(
        actor=actor,
        provider=provider,
        status=EVENT_TO[EventKind(kind)],
        rating=new_rating,
        effective_on=event_date,
        source=source,
        note=note.strip() or EventKind(kind).label,
    )
    event.full_clean()
    event.save()
    if kind == EventKind.SUSPENSION:
        representation_reminders_sync(event=event)
    else:
        representation_reminders_end_for(provider_id=provider.pk)  # a later event ends the suspension (rule 1)
    fee_reminders_end_for(provider_id=provider.pk, before=event)  # a later event overtakes the action plan (rule 3)
    fee_reminders_sync(event=event)
    if kind not in CASE_EVENTS or not open_case:
        return EventResult(event, None)
    existing = ComplianceCase.objects.filter(provider=provider).exclude(status=CaseStatus.CLOSED).first()
    if existing is not None:
        _system_entry(existing, actor, f"Licence event recorded: {event}.")
        return EventResult(event, existing, joined_existing=True)
    return EventResult(event, case_open(actor=actor, event=event, priority=priority))


# -- protocol templates --------------------------------------------------------------------------


@cache
def default_protocol() -> tuple[dict[str, Any], ...]:
    with open(DEFAULT_PROTOCOL, encoding="utf-8") as handle:
        return tuple(
            {
                "position": int(row["position"]),
                "title": row["title"],
                "guidance": row["guidance"],
                "performer": row["performer"],
                "due_offset": int(row["due_offset"]),
                "offset_unit": row["offset_unit"],
            }
            for row in csv.DictReader(handle)
        )


def protocol_for(region: Region) -> ProtocolTemplate:
    """The region's template, created from the portal's sample the first time it is needed."""
    template, created = ProtocolTemplate.objects.get_or_create(region=region)
    if created:
        ProtocolStep.objects.bulk_create(ProtocolStep(template=template, **row) for row in default_protocol())
    return template


@transaction.atomic
def protocol_replace_steps(*, actor: User, region: Region, steps: list[dict[str, Any]]) -> ProtocolTemplate:
    """Save the region's steps as given (in order). Cases already open keep the steps they copied."""
    _refuse_non_lead(actor, region.pk, "edit the region's protocol")
    if not steps:
        raise ValidationError("A protocol needs at least one step.")
    template = ProtocolTemplate.objects.select_for_update().get(pk=protocol_for(region).pk)
    existing = list(template.steps.order_by("position"))
    if [_step_row(step) for step in existing] == [_step_row(row) for row in steps]:
        return template  # sent as shown: the rows stay as they are
    template.steps.all().delete()
    for position, row in enumerate(steps, start=1):
        step = ProtocolStep(template=template, position=position, **row)
        step.full_clean()
        step.save()
    template.is_default, template.updated_by = False, actor
    template.save()
    return template


STEP_FIELDS = ("title", "guidance", "performer", "due_offset", "offset_unit")


def _step_row(step: ProtocolStep | dict[str, Any]) -> tuple[Any, ...]:
    """What a step says, to compare a saved step with a row of the form."""
    if isinstance(step, dict):
        return tuple(step.get(name) for name in STEP_FIELDS)
    return tuple(getattr(step, name) for name in STEP_FIELDS)


def step_due_on(event_date: dt.date, offset: int, unit: str) -> dt.date:
    if unit == OffsetUnit.WORKING:
        return add_working_days(event_date, offset)
    return event_date + dt.timedelta(days=offset)


# -- cases ---------------------------------------------------------------------------------------


def _system_entry(case: ComplianceCase, actor: User | None, text: str, *, shareable: bool = False) -> CaseEntry:
    return CaseEntry.objects.create(case=case, kind=EntryKind.SYSTEM, text=text, author=actor, shareable=shareable)


def _start_step_ladder(step: CaseStep, case: ComplianceCase) -> None:
    ladder_start(kind=STEP_REMINDER, about=step, deadline=step.due_on, region=case.region, owner=step.assignee)


@transaction.atomic
def case_open(
    *, actor: User, event: LicenceEvent, priority: str = Priority.HIGH, owner: User | None = None
) -> ComplianceCase:
    """Open the case of a licence event: steps from the region's protocol, the provider's workers,
    and the notice to the region's leads and the council officers of the provider's area."""
    from compliance.workers import workers_import_from_records

    provider = (
        Provider.objects.select_for_update(of=("self",))
        .select_related("region", "local_authority")
        .get(pk=event.provider_id)
    )
    _refuse_non_lead(actor, provider.region_id, "open compliance cases")
    if ComplianceCase.objects.filter(provider=provider).exclude(status=CaseStatus.CLOSED).exists():
        raise ValidationError(f"{provider.name} already has an open compliance case: add to it instead.")
    owner = owner or actor
    if not scope_for(owner).is_lead(provider.region_id):
        raise ValidationError("The case owner must be a lead of the provider's region.")
    case = ComplianceCase.objects.create(
        region_id=provider.region_id, provider=provider, event=event, priority=priority, owner=owner
    )
    template = protocol_for(provider.region)
    for row in template.steps.all():
        step = CaseStep.objects.create(
            case=case,
            position=row.position,
            title=row.title,
            guidance=row.guidance,
            performer=row.performer,
            due_on=step_due_on(event.event_date, row.due_offset, row.offset_unit),
            assignee=owner if row.performer in (Performer.OWNER, Performer.LEAD) else None,
        )
        _start_step_ladder(step, case)
    _system_entry(case, actor, f"Case opened after the licence event: {event}.", shareable=True)
    workers_import_from_records(actor=actor, case=case)
    now = timezone.now()
    ladder_start(
        kind=CASE_OPENED,
        about=case,
        deadline=now,
        now=now,
        region=provider.region,
        local_authority=provider.local_authority,
    )
    return case


def case_transition_error(case: ComplianceCase, to_status: str) -> str | None:
    current, target = CaseStatus(case.status), CaseStatus(to_status)
    if target not in CASE_TRANSITIONS[current]:
        if not CASE_TRANSITIONS[current]:
            return "The case is closed: it cannot change status."
        allowed = ", ".join(f"“{CaseStatus(s).label}”" for s in sorted(CASE_TRANSITIONS[current]))
        return f"A case that is “{current.label}” can only move to {allowed}, not to “{target.label}”."
    return None


@transaction.atomic
def case_transition(*, actor: User, case: ComplianceCase, to_status: str, note: str = "") -> ComplianceCase:
    """The one way to change a case's status. Closing needs the lessons-learned note."""
    case = ComplianceCase.objects.select_for_update().get(pk=case.pk)
    _refuse_non_lead(actor, case.region_id, "change a case's status")
    error = case_transition_error(case, to_status)
    if error:
        raise ValidationError(error)
    note = note.strip()
    if to_status == CaseStatus.CLOSED:
        if not note:
            raise ValidationError({"note": "Write the lessons learned before closing the case."})
        case.lessons_learned, case.closed_at = note, timezone.now()
        for step in case.steps.filter(completed_at__isnull=True):
            ladder_stop(about=step, kind=STEP_REMINDER)
    previous = CaseStatus(case.status).label
    case.status = to_status
    case.save()
    text = f"Status changed from “{previous}” to “{CaseStatus(to_status).label}”."
    _system_entry(case, actor, f"{text} {note}".strip() if to_status != CaseStatus.CLOSED else text, shareable=True)
    return case


@transaction.atomic
def case_reassign(*, actor: User, case: ComplianceCase, owner: User, priority: str) -> ComplianceCase:
    """A lead hands the case to another lead of the region and/or changes its priority. The open
    steps the old owner was doing go to the new one, and their reminders follow."""
    case = ComplianceCase.objects.select_for_update().select_related("owner", "region").get(pk=case.pk)
    _refuse_non_lead(actor, case.region_id, "change who owns a case")
    _refuse_closed(case)
    if not scope_for(owner).is_lead(case.region_id):
        raise ValidationError({"owner": "Choose a lead of the region: cases are owned by leads."})
    if priority not in Priority.values:
        raise ValidationError({"priority": "Choose the priority."})
    changes = []
    if owner.pk != case.owner_id:
        previous = case.owner
        for step in case.steps.filter(completed_at__isnull=True, assignee=previous):
            step.assignee = owner
            step.save(update_fields=["assignee"])
            ladder_reschedule(kind=STEP_REMINDER, about=step, deadline=step.due_on, region=case.region, owner=owner)
        changes.append(f"Owner changed from {previous.name} to {owner.name}.")
        case.owner = owner
    if priority != case.priority:
        changes.append(
            f"Priority changed from {Priority(case.priority).label.lower()} to {Priority(priority).label.lower()}."
        )
        case.priority = priority
    if not changes:
        return case  # sent as shown: nothing to save or to write in the timeline
    case.save()
    _system_entry(case, actor, " ".join(changes))
    return case


def _refuse_closed(case: ComplianceCase) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError("The case is closed: nothing more can be added.")


@transaction.atomic
def case_add_entry(
    *,
    actor: User,
    case: ComplianceCase,
    kind: str,
    text: str,
    shareable: bool = False,
    upload: Any = None,
) -> CaseEntry:
    """A note, call, email or document on the timeline; shareable ones reach the council."""
    from compliance.documents import entry_document_path, entry_store_document

    _refuse_closed(case)
    if kind in (EntryKind.SYSTEM, EntryKind.COUNCIL):
        raise ValidationError("Choose a note, a call, an email or a document.")
    if not text.strip():
        raise ValidationError({"text": "Write what happened."})
    entry = CaseEntry(case=case, kind=kind, text=text.strip(), shareable=shareable, author=actor)
    if upload is None:
        if kind == EntryKind.DOCUMENT:
            raise ValidationError({"upload": "Choose the document to attach."})
        entry.save()
        return entry
    entry_store_document(entry, upload)  # the file is written first and removed if the row fails
    try:
        entry.save()
    except BaseException:
        entry_document_path(entry).unlink(missing_ok=True)
        raise
    return entry


@transaction.atomic
def case_add_council_note(*, actor: User, case: ComplianceCase, text: str) -> CaseEntry:
    """A council officer's note: on the timeline, shared with the council by nature.

    The case's owner in the hub team hears of it in the inbox (and by email, as they chose); the
    message names no one and links to the case.
    """
    _refuse_closed(case)
    if not text.strip():
        raise ValidationError({"text": "Write your note for the hub."})
    entry = CaseEntry.objects.create(case=case, kind=EntryKind.COUNCIL, text=text.strip(), shareable=True, author=actor)
    reminder_schedule(
        recipient=case.owner,
        region=case.region,
        kind=COUNCIL_NOTE,
        about=case,
        due_at=entry.at,
        key=f"{COUNCIL_NOTE}:{entry.pk}",
    )
    return entry


# -- steps ---------------------------------------------------------------------------------------


@transaction.atomic
def step_complete(*, actor: User, step: CaseStep, note: str) -> CaseStep:
    step = CaseStep.objects.select_for_update(of=("self",)).select_related("case").get(pk=step.pk)
    _refuse_closed(step.case)
    if step.completed_at:
        raise ValidationError("This step is already done.")
    if not note.strip():
        raise ValidationError({"note": "Say what was done (a short note is enough)."})
    step.completed_at, step.completed_by, step.completion_note = timezone.now(), actor, note.strip()
    step.save()
    ladder_stop(about=step, kind=STEP_REMINDER)
    _system_entry(step.case, actor, f"Step done: {step.title}. {step.completion_note}", shareable=True)
    return step


@transaction.atomic
def step_update(*, actor: User, step: CaseStep, due_on: dt.date, assignee: User | None) -> CaseStep:
    step = CaseStep.objects.select_for_update(of=("self",)).select_related("case__region").get(pk=step.pk)
    _refuse_closed(step.case)
    if step.completed_at:
        raise ValidationError("This step is already done.")
    if assignee is not None and not scope_for(assignee).is_hub_team(step.case.region_id):
        raise ValidationError({"assignee": "Choose someone of the region's hub team."})
    step.due_on, step.assignee = due_on, assignee
    step.save()
    ladder_reschedule(kind=STEP_REMINDER, about=step, deadline=due_on, region=step.case.region, owner=assignee)
    return step


# -- register alerts -----------------------------------------------------------------------------


def _open_alert(alert: RegisterAlert) -> RegisterAlert:
    alert = RegisterAlert.objects.select_for_update(of=("self",)).select_related("provider").get(pk=alert.pk)
    if alert.status != AlertStatus.OPEN:
        raise ValidationError("This alert is already dealt with.")
    return alert


@transaction.atomic
def alert_record_event(
    *, actor: User, alert: RegisterAlert, kind: str, event_date: dt.date, note: str = ""
) -> EventResult:
    """The one-click answer to an alert: record the event (source: the public register) and open its case."""
    alert = _open_alert(alert)
    words = note.strip() or f"From the public register: {alert.get_kind_display().lower()}."
    result = licence_event_record(
        actor=actor,
        provider=alert.provider,
        kind=kind,
        event_date=event_date,
        source=LicenceSource.REGISTER,
        note=words,
    )
    alert.status, alert.event, alert.decided_by = AlertStatus.ACTED, result.event, actor
    alert.save(update_fields=["status", "event", "decided_by"])
    return result


@transaction.atomic
def alert_dismiss(*, actor: User, alert: RegisterAlert) -> RegisterAlert:
    alert = _open_alert(alert)
    _refuse_non_lead(actor, alert.region_id, "dismiss register alerts")
    alert.status, alert.decided_by = AlertStatus.DISMISSED, actor
    alert.save(update_fields=["status", "decided_by"])
    return alert
