"""Pre-arrival (issue 15 item 7): from "CoS assigned" the candidate prepares to travel, on a phone,
signed in by emailed code, and the hub team sees who is stuck.

The candidate ticks the checklist (`campaigns/data/pre_arrival.csv`: visa, TB test, travel, first
accommodation, what to bring, money) and gives the day they plan to arrive, reads the hub's welcome
booklet, sees the first appointments the hub booked for them, and rates themselves against the 16
Care Certificate standards. The first checklist save moves the application from "CoS assigned" to
"Pre-arrival". Arrival itself is `campaigns.arrival`.

"Stuck" (`STUCK_*`, decided here, written in docs/guides/campaigns.md) is what a hub would chase:
no visa application a month after the CoS was assigned (a CoS is used within 3 months), a planned
arrival within two weeks without the visa granted, a planned arrival that has passed, nothing
ticked for three weeks, or the booklet unread a week before travelling.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from campaigns.models import (
    Application,
    ApplicationEvent,
    Campaign,
    FirstAppointment,
    PreArrivalAnswer,
    PreArrivalTask,
    Stage,
)
from campaigns.pipeline import stage_change
from hubs.access import scope_for
from hubs.models import Hub
from pastoral.booklet import booklet_latest
from training.models import CareCertificateStandard, SelfRating

DATA = Path(__file__).parent / "data" / "pre_arrival.csv"
OPEN_STAGES = (Stage.COS_ASSIGNED, Stage.PRE_ARRIVAL)

STUCK_NO_VISA_AFTER = dt.timedelta(days=30)
STUCK_ARRIVING_WITHIN = dt.timedelta(days=14)
STUCK_QUIET_FOR = dt.timedelta(days=21)
STUCK_BOOKLET_WITHIN = dt.timedelta(days=7)


@dataclass(frozen=True)
class PreArrivalItem:
    code: str
    label: str
    hint: str


@cache
def pre_arrival_items() -> list[PreArrivalItem]:
    with DATA.open(newline="", encoding="utf-8") as handle:
        return [PreArrivalItem(row["item"], row["label"], row["hint"]) for row in csv.DictReader(handle)]


def pre_arrival_open(application: Application) -> bool:
    return application.stage in OPEN_STAGES


def _require_open(application: Application) -> None:
    if not pre_arrival_open(application):
        raise ValidationError(
            f"The application is {application.get_stage_display().lower()}: pre-arrival is open from "
            "“CoS assigned” until the day you arrive."
        )


def _start(application: Application, *, what: str) -> None:
    """The candidate's first step moves a "CoS assigned" application on to "Pre-arrival"."""
    if application.stage == Stage.COS_ASSIGNED:
        stage_change(application, actor=None, to_stage=Stage.PRE_ARRIVAL, reason=f"The candidate {what}")


@transaction.atomic
def checklist_save(*, application: Application, done: set[str], planned_arrival: dt.date | None) -> None:
    """The candidate's ticks (item codes) and planned arrival day; unticking an item undoes it."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_open(application)
    known = {item.code for item in pre_arrival_items()}
    unknown = done - known
    if unknown:
        raise ValidationError(f"Not an item of the pre-arrival checklist: {', '.join(sorted(unknown))}")
    today = timezone.localdate()
    if planned_arrival is not None and planned_arrival < today:
        raise ValidationError(
            {"planned_arrival": "The planned arrival day has passed: give the day you now plan to arrive"}
        )
    existing = set(application.pre_arrival_tasks.values_list("item", flat=True))
    PreArrivalTask.objects.bulk_create(
        [PreArrivalTask(application=application, item=code, done_on=today) for code in sorted(done - existing)]
    )
    application.pre_arrival_tasks.filter(item__in=existing - done).delete()
    if planned_arrival != application.planned_arrival:
        application.planned_arrival = planned_arrival
        application.save(update_fields=["planned_arrival"])
    if done != existing:
        ApplicationEvent.objects.create(
            application=application, text=f"Pre-arrival checklist: {len(done)} of {len(known)} done"
        )
    _start(application, what="started the pre-arrival checklist")


def booklet_hub(application: Application) -> Hub | None:
    """The hub whose booklet the candidate reads: the employer's hub, else the region's first."""
    offer = application.offers.select_related("employer__hub").first()
    if offer is not None and offer.employer.hub_id is not None:
        return offer.employer.hub
    return Hub.objects.filter(region_id=application.region_id).order_by("name").first()


def booklet_opened(application: Application) -> None:
    if application.booklet_read_at is None and pre_arrival_open(application):
        Application.objects.filter(pk=application.pk, booklet_read_at=None).update(booklet_read_at=timezone.now())


def booklet_sections(application: Application) -> tuple[Any, list[Any]]:
    version = booklet_latest(booklet_hub(application))
    return version, list(version.sections.order_by("order", "id")) if version else []


# -- the Care Certificate self-assessment ------------------------------------------------------------


@dataclass
class AnswerRow:
    standard: CareCertificateStandard
    answer: PreArrivalAnswer | None


def self_assessment_rows(application: Application) -> list[AnswerRow]:
    answers = {a.standard_id: a for a in application.pre_arrival_answers.all()}
    return [AnswerRow(standard, answers.get(standard.pk)) for standard in CareCertificateStandard.objects.all()]


@transaction.atomic
def pre_arrival_self_assess(*, application: Application, answers: dict[int, tuple[str, str]]) -> int:
    """Save the candidate's ratings (standard id → (rating, notes)); a standard left blank is not
    saved. Returns how many standards are rated."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_open(application)
    standards = set(CareCertificateStandard.objects.values_list("pk", flat=True))
    ratings = set(SelfRating.values)
    for standard_id, (rating, notes) in answers.items():
        if standard_id not in standards or (rating and rating not in ratings):
            raise ValidationError("Choose one of the answers for each standard you rate")
        if not rating:
            continue
        PreArrivalAnswer.objects.update_or_create(
            application=application,
            standard_id=standard_id,
            defaults={"rating": rating, "evidence_notes": notes.strip(), "answered_at": timezone.now()},
        )
    _start(application, what="rated themselves against the Care Certificate standards")
    return application.pre_arrival_answers.count()


# -- the hub's side ----------------------------------------------------------------------------------


def _hub_team(actor: Any, application: Application) -> None:
    if application.region_id not in scope_for(actor).hub_regions:
        raise ValidationError("Only the hub team of the campaign's region books first appointments.")


@transaction.atomic
def first_appointment_book(*, actor: Any, application: Application, data: dict[str, Any]) -> FirstAppointment:
    _hub_team(actor, application)
    _require_open(application)
    if data["starts_at"] <= timezone.now():
        raise ValidationError({"starts_at": "Choose a date and time in the future"})
    appointment = FirstAppointment.objects.create(application=application, booked_by=actor, **data)
    ApplicationEvent.objects.create(
        application=application, actor=actor, text=f"First appointment booked: {appointment.purpose}"
    )
    return appointment


@transaction.atomic
def first_appointment_cancel(*, actor: Any, appointment: FirstAppointment) -> None:
    application = appointment.application
    _hub_team(actor, application)
    _require_open(application)
    appointment.delete()
    ApplicationEvent.objects.create(
        application=application, actor=actor, text=f"First appointment cancelled: {appointment.purpose}"
    )


@dataclass
class Progress:
    application: Application
    done: set[str]
    last_step: dt.date | None
    cos_assigned_on: dt.date | None
    reasons: list[str] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return len(self.done)

    @property
    def stuck(self) -> bool:
        return bool(self.reasons)


def stuck_reasons(progress: Progress, *, today: dt.date) -> list[str]:
    application, done = progress.application, progress.done
    reasons = []
    if "visa_applied" not in done and progress.cos_assigned_on is not None:
        waited = (today - progress.cos_assigned_on).days
        if waited >= STUCK_NO_VISA_AFTER.days:
            reasons.append(
                f"No visa application {waited} days after the CoS was assigned (a CoS is used within 3 months)"
            )
    arriving = application.planned_arrival
    if arriving is not None:
        if arriving < today:
            reasons.append(f"Planned to arrive on {arriving:%-d %B %Y}: record the arrival, or ask the candidate")
        elif arriving - today <= STUCK_ARRIVING_WITHIN and "visa_granted" not in done:
            reasons.append(f"Arrives in {(arriving - today).days} days without the visa granted")
        if arriving >= today and arriving - today <= STUCK_BOOKLET_WITHIN and application.booklet_read_at is None:
            reasons.append("Has not opened the welcome booklet, a week before travelling")
    since = progress.last_step or progress.cos_assigned_on
    if since is not None and len(done) < len(pre_arrival_items()) and today - since >= STUCK_QUIET_FOR:
        reasons.append(f"Nothing ticked for {(today - since).days} days")
    return reasons


def pre_arrival_progress(campaign: Campaign) -> list[Progress]:
    """The campaign's candidates between "CoS assigned" and arrival, stuck first (3 queries)."""
    applications = list(
        campaign.applications.filter(stage__in=OPEN_STAGES).order_by("family_name", "given_names", "id")
    )
    ids = [a.pk for a in applications]
    done: dict[int, set[str]] = {pk: set() for pk in ids}
    last: dict[int, dt.date] = {}
    for application_id, item, done_on in PreArrivalTask.objects.filter(application_id__in=ids).values_list(
        "application_id", "item", "done_on"
    ):
        done[application_id].add(item)
        last[application_id] = max(done_on, last.get(application_id, done_on))
    assigned = dict(
        ApplicationEvent.objects.filter(application_id__in=ids, to_stage=Stage.COS_ASSIGNED)
        .values("application_id")
        .annotate(at=Max("at"))
        .values_list("application_id", "at")
    )
    today = timezone.localdate()
    rows = []
    for application in applications:
        at = assigned.get(application.pk)
        row = Progress(
            application=application,
            done=done[application.pk],
            last_step=last.get(application.pk),
            cos_assigned_on=timezone.localdate(at) if at else None,
        )
        row.reasons = stuck_reasons(row, today=today)
        rows.append(row)
    rows.sort(key=lambda row: not row.stuck)
    return rows
