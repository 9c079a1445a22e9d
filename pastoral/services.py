"""Writes on pastoral support: plans and their check-ins, red flags and concerns, appointments.

Reminders go through the notifications engine: each check-in runs the `pastoral.check_in` ladder
(recruit 7 days before and on the day, employer and hub staff 7 days late, lead 14 days late),
stopped when it is done; each appointment the `pastoral.appointment` ladder (recruit a day before).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hubs.access import scope_for
from hubs.models import Hub
from hubs.roles import Role
from notifications.ladders import ladder_reschedule, ladder_start, ladder_stop
from notifications.services import reminder_schedule
from pastoral.models import (
    DEFAULT_STEPS,
    Answer,
    Appointment,
    AppointmentStatus,
    CheckIn,
    CheckInAnswers,
    CheckInMethod,
    CheckInStatus,
    Concern,
    ConcernAction,
    ConcernCategory,
    ConcernSource,
    ConcernStatus,
    PastoralPlan,
    PastoralSettings,
    Referral,
)
from pastoral.schedule import plan_end, schedule
from recruits.models import Employment, Recruit

CHECK_IN_KIND = "pastoral.check_in"
APPOINTMENT_KIND = "pastoral.appointment"
CONCERN_OPENED = "pastoral.concern_opened"
CONCERN_ESCALATED = "pastoral.concern_escalated"
REARRANGE_REQUESTED = "pastoral.rearrange_requested"

ANSWER_FIELDS = [
    "feeling",
    "pay_as_promised",
    "deductions",
    "hours_cut",
    "housing_tied",
    "documents_kept",
    "feel_safe",
    "anything_else",
    "wants_call",
]


# -- the hub and its schedule ------------------------------------------------------------------


def hub_for(recruit: Recruit) -> Hub | None:
    """The recruit's hub: their employer's hub, else the region's first hub by name."""
    provider = recruit.provider
    if provider is not None and provider.hub_id is not None:
        return provider.hub
    return Hub.objects.filter(region_id=recruit.region_id).order_by("name").first()


def hub_steps(hub: Hub | None) -> list[str]:
    if hub is None:
        return list(DEFAULT_STEPS)
    stored = PastoralSettings.objects.filter(hub=hub).values_list("steps", flat=True).first()
    return list(stored) if stored else list(DEFAULT_STEPS)


def _hub_team(actor: Any, region_id: int) -> None:
    if not scope_for(actor).is_hub_team(region_id):
        raise PermissionDenied("Only the hub team of the region can do this.")


@transaction.atomic
def pastoral_schedule_update(*, actor: Any, hub: Hub, steps: list[str], apply_to_plans: bool = False) -> int:
    """Change the hub's schedule. Plans under way keep theirs unless the lead asks; returns how
    many plans were changed."""
    _hub_team(actor, hub.region_id)
    if apply_to_plans and not scope_for(actor).is_lead(hub.region_id):
        raise PermissionDenied("Only the regional lead can change the schedule of plans already under way.")
    if steps != hub_steps(hub):  # the schedule shown, sent back as it was, writes no settings row
        PastoralSettings.objects.update_or_create(hub=hub, defaults={"region_id": hub.region_id, "steps": steps})
    if not apply_to_plans:
        return 0
    plans = PastoralPlan.objects.filter(hub=hub, status="active").select_related("recruit__user", "recruit__provider")
    for plan in plans:
        plan_apply_steps(plan=plan, steps=steps)
    return len(plans)


# -- plans and check-ins -----------------------------------------------------------------------


def _ladder(check_in: CheckIn, recruit: Recruit, *, again: bool = False) -> None:
    start = ladder_reschedule if again else ladder_start
    start(
        kind=CHECK_IN_KIND,
        about=check_in,
        deadline=check_in.due_date,
        region=recruit.region,
        subject=recruit.user,
        provider=recruit.provider,
    )


@transaction.atomic
def pastoral_plan_start(
    *, actor: Any, recruit: Recruit, start_date: dt.date, contact: Any = None, steps: list[str] | None = None
) -> PastoralPlan:
    """Twelve months of check-ins from `start_date`, on the hub's schedule."""
    if PastoralPlan.objects.filter(recruit=recruit).exists():
        raise ValidationError(f"{recruit.full_name} already has a pastoral plan.")
    hub = hub_for(recruit)
    steps = list(steps or hub_steps(hub))
    plan = PastoralPlan.objects.create(
        region_id=recruit.region_id,
        recruit=recruit,
        hub=hub,
        start_date=start_date,
        end_date=plan_end(start_date),
        steps=steps,
        contact=contact,
        created_by=actor,
    )
    check_ins = CheckIn.objects.bulk_create(
        [
            CheckIn(region_id=recruit.region_id, plan=plan, provider_id=recruit.provider_id, step=step, due_date=due)
            for step, due in schedule(start_date, steps)
        ]
    )
    for check_in in check_ins:
        _ladder(check_in, recruit)
    return plan


def plan_apply_steps(*, plan: PastoralPlan, steps: list[str]) -> None:
    """Move a plan under way to new steps: done check-ins stay; open ones follow the new steps."""
    recruit = plan.recruit
    wanted = dict(schedule(plan.start_date, steps))
    for check_in in list(plan.check_ins.all()):
        if check_in.status == CheckInStatus.DONE:
            continue
        if check_in.step not in wanted:
            check_in.status = CheckInStatus.CANCELLED
            check_in.save(update_fields=["status"])
            ladder_stop(about=check_in, kind=CHECK_IN_KIND)
        elif check_in.status == CheckInStatus.CANCELLED:
            check_in.status, check_in.due_date = CheckInStatus.DUE, wanted[check_in.step]
            check_in.save(update_fields=["status", "due_date"])
            _ladder(check_in, recruit, again=True)
    existing = set(plan.check_ins.values_list("step", flat=True))
    for step, due in wanted.items():
        if step not in existing:
            made = CheckIn.objects.create(
                region_id=plan.region_id, plan=plan, provider_id=recruit.provider_id, step=step, due_date=due
            )
            _ladder(made, recruit)
    plan.steps = list(steps)
    plan.save(update_fields=["steps"])


def pastoral_follow_region(*, recruit: Recruit) -> None:
    """The recruit's record is in another region now (placed there, or handed over): the plan, its
    check-ins, the concerns and the appointments go with it, to the record's new hub. Their own
    `region` is what the hub pages filter on, so it always names the record's region."""
    plan = PastoralPlan.objects.filter(recruit=recruit).first()
    if plan is None or plan.region_id == recruit.region_id:
        return
    plan.region_id = recruit.region_id
    plan.hub = hub_for(recruit)
    plan.save(update_fields=["region", "hub"])
    CheckIn.objects.filter(plan=plan).update(region_id=recruit.region_id)
    Concern.objects.filter(recruit=recruit).update(region_id=recruit.region_id)
    Appointment.objects.filter(recruit=recruit).update(region_id=recruit.region_id)


def pastoral_on_employment_started(*, recruit: Recruit, on: dt.date) -> PastoralPlan:
    """Called when a recruit becomes employed: the first time a plan starts; after a rematch the
    plan carries on, its open check-ins move to the new employer (and region)."""
    plan = PastoralPlan.objects.filter(recruit=recruit).first()
    if plan is None:
        first = Employment.objects.filter(recruit=recruit).order_by("start_date").values_list("start_date", flat=True)
        return pastoral_plan_start(actor=None, recruit=recruit, start_date=first.first() or on)
    pastoral_follow_region(recruit=recruit)
    open_check_ins = list(plan.check_ins.filter(status=CheckInStatus.DUE))
    CheckIn.objects.filter(pk__in=[c.pk for c in open_check_ins]).update(provider_id=recruit.provider_id)
    for check_in in open_check_ins:
        _ladder(check_in, recruit, again=True)
    return plan


@transaction.atomic
def pastoral_plan_update(*, actor: Any, plan: PastoralPlan, data: dict[str, Any]) -> PastoralPlan:
    _hub_team(actor, plan.recruit.region_id)
    for key in ("contact", "manager_name", "manager_phone", "manager_email"):
        if key in data:
            setattr(plan, key, data[key])
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def check_in_reschedule(*, actor: Any, check_in: CheckIn, due_date: dt.date) -> CheckIn:
    _hub_team(actor, check_in.plan.recruit.region_id)
    if check_in.status != CheckInStatus.DUE:
        raise ValidationError("Only a check-in that is still due can move.")
    plan = check_in.plan
    if not plan.start_date < due_date <= plan.end_date:
        raise ValidationError(
            f"Choose a day within the plan: after {plan.start_date:%-d %B %Y} and by {plan.end_date:%-d %B %Y}."
        )
    check_in.due_date = due_date
    check_in.save(update_fields=["due_date"])
    _ladder(check_in, plan.recruit, again=True)
    return check_in


def red_flags(answers: dict[str, Any]) -> list[str]:
    """The worrying answers: pay below what was promised, deductions or debt, documents kept,
    housing tied to the job, not feeling safe. Each one makes the check-in red."""
    flags = []
    if answers.get("pay_as_promised") == Answer.NO:
        flags.append(ConcernCategory.PAY.value)
    if answers.get("deductions") == Answer.YES:
        flags.append(ConcernCategory.DEDUCTIONS.value)
    if answers.get("documents_kept") == Answer.YES:
        flags.append(ConcernCategory.DOCUMENTS.value)
    if answers.get("housing_tied") == Answer.YES:
        flags.append(ConcernCategory.HOUSING.value)
    if answers.get("feel_safe") == Answer.NO:
        flags.append(ConcernCategory.SAFETY.value)
    return flags


@transaction.atomic
def check_in_record(
    *,
    actor: Any,
    check_in: CheckIn,
    method: str,
    done_on: dt.date | None = None,
    answers: dict[str, Any] | None = None,
    hub_notes: str = "",
    employer_note: str = "",
) -> tuple[CheckIn, Concern | None]:
    """Record a check-in as done (by the hub, the employer or the recruit). The recruit's answers
    are kept for the hub; a worrying answer makes it red and opens a concern."""
    check_in = CheckIn.objects.select_for_update(of=("self",)).select_related("plan__recruit__user").get(pk=check_in.pk)
    recruit = check_in.plan.recruit
    if check_in.status != CheckInStatus.DUE:
        raise ValidationError("This check-in has already been recorded.")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "The check-in date cannot be in the future."})
    if method == CheckInMethod.EMPLOYER and answers:
        raise ValidationError("An employer check-in does not collect the recruit's answers.")
    check_in.status, check_in.done_on, check_in.method, check_in.done_by = CheckInStatus.DONE, done_on, method, actor
    check_in.employer_note = employer_note.strip() if method == CheckInMethod.EMPLOYER else ""
    concern = None
    if answers:
        flags = red_flags(answers)
        CheckInAnswers.objects.create(
            check_in=check_in,
            hub_notes=hub_notes.strip(),
            red_flags=flags,
            **{key: answers[key] for key in ANSWER_FIELDS if key in answers},
        )
        check_in.red = bool(flags)
        if flags:
            summary = (answers.get("anything_else") or "").strip() or "Worrying answers in a check-in."
            concern = concern_open(
                actor=actor,
                recruit=recruit,
                source=ConcernSource.CHECK_IN,
                categories=flags,
                summary=summary,
                check_in=check_in,
            )
    check_in.save(update_fields=["status", "done_on", "method", "done_by", "employer_note", "red"])
    ladder_stop(about=check_in, kind=CHECK_IN_KIND)
    return check_in, concern


# -- concerns ----------------------------------------------------------------------------------


@transaction.atomic
def concern_open(
    *,
    actor: Any,
    recruit: Recruit,
    source: str,
    categories: list[str],
    summary: str,
    check_in: CheckIn | None = None,
) -> Concern:
    """Open a concern for the hub; the region's hub staff are told at once (no details in the notice)."""
    if not summary.strip():
        raise ValidationError({"summary": "Say what is wrong, in your own words."})
    concern = Concern.objects.create(
        region_id=recruit.region_id,
        recruit=recruit,
        check_in=check_in,
        source=source,
        categories=[c for c in categories if c in ConcernCategory.values] or [ConcernCategory.OTHER.value],
        summary=summary.strip(),
    )
    ConcernAction.objects.create(concern=concern, actor=actor, text=f"Opened ({ConcernSource(source).label.lower()}).")
    reminder_schedule(
        recipient_role=Role.HUB_STAFF, region=recruit.region, kind=CONCERN_OPENED, about=concern, due_at=timezone.now()
    )
    return concern


def concern_help_request(*, actor: Any, recruit: Recruit, message: str, wants_call: bool) -> Concern:
    """The recruit pressed "I need help"."""
    text = message.strip() or "Asked for help from the home page."
    if wants_call:
        text += "\n\nWould like a call."
    return concern_open(actor=actor, recruit=recruit, source=ConcernSource.HELP_BUTTON, categories=[], summary=text)


def _concern_for_update(actor: Any, concern: Concern) -> Concern:
    _hub_team(actor, concern.recruit.region_id)
    locked = Concern.objects.select_for_update().select_related("recruit__region").get(pk=concern.pk)
    if locked.status == ConcernStatus.CLOSED:
        raise ValidationError("This concern is closed; open a new one if something else happened.")
    return locked


@transaction.atomic
def concern_act(
    *,
    actor: Any,
    concern: Concern,
    action: str = "",
    owner: Any = None,
    escalate: bool = False,
    referral: str = "",
    referral_on: dt.date | None = None,
    referral_reference: str = "",
) -> Concern:
    """One step on a concern: an action taken, a new owner, escalation to the lead, a referral."""
    concern = _concern_for_update(actor, concern)
    notes = []
    if owner is not None and owner.pk != concern.owner_id:
        if not scope_for(owner).is_hub_team(concern.recruit.region_id):
            raise ValidationError({"owner": "The owner must be in the region's hub team."})
        concern.owner = owner
        notes.append(f"Owner: {owner.name or owner.email}.")
    if referral:
        if referral not in Referral.values or referral_on is None:
            raise ValidationError({"referral_on": "Give the date the referral was made."})
        concern.referral, concern.referral_on, concern.referral_reference = referral, referral_on, referral_reference
        notes.append(f"{Referral(referral).label} made on {referral_on:%-d %B %Y}.")
    if escalate and concern.status != ConcernStatus.ESCALATED:
        concern.status, concern.escalated_at = ConcernStatus.ESCALATED, timezone.now()
        notes.append("Escalated to the lead.")
        reminder_schedule(
            recipient_role=Role.LEAD,
            region=concern.recruit.region,
            kind=CONCERN_ESCALATED,
            about=concern,
            due_at=timezone.now(),
        )
    if action.strip():
        notes.append(action.strip())
    if not notes:
        raise ValidationError("Write what was done, or choose an owner, a referral or escalation.")
    concern.save()
    ConcernAction.objects.create(concern=concern, actor=actor, text=" ".join(notes))
    return concern


@transaction.atomic
def concern_close(*, actor: Any, concern: Concern, outcome: str) -> Concern:
    concern = _concern_for_update(actor, concern)
    if not outcome.strip():
        raise ValidationError({"outcome": "Write the outcome before closing the concern."})
    concern.status, concern.outcome, concern.closed_at = ConcernStatus.CLOSED, outcome.strip(), timezone.now()
    concern.save(update_fields=["status", "outcome", "closed_at"])
    ConcernAction.objects.create(concern=concern, actor=actor, text="Closed.")
    return concern


# -- appointments ------------------------------------------------------------------------------


def _appointment_ladder(appointment: Appointment, *, again: bool) -> None:
    recruit = appointment.recruit
    start = ladder_reschedule if again else ladder_start
    start(
        kind=APPOINTMENT_KIND,
        about=appointment,
        deadline=appointment.starts_at,
        region=recruit.region,
        subject=recruit.user,
    )


def _check_appointment(data: dict[str, Any]) -> None:
    if data["starts_at"] <= timezone.now():
        raise ValidationError({"starts_at": "The appointment must be in the future."})
    if not (data.get("place") or "").strip() and not data.get("video_link"):
        raise ValidationError({"place": "Give a place or a video link."})


@transaction.atomic
def appointment_book(*, actor: Any, recruit: Recruit, data: dict[str, Any]) -> Appointment:
    _hub_team(actor, recruit.region_id)
    _check_appointment(data)
    appointment = Appointment.objects.create(region_id=recruit.region_id, recruit=recruit, booked_by=actor, **data)
    _appointment_ladder(appointment, again=False)
    return appointment


@transaction.atomic
def appointment_change(*, actor: Any, appointment: Appointment, data: dict[str, Any]) -> Appointment:
    _hub_team(actor, appointment.recruit.region_id)
    if appointment.status in (AppointmentStatus.CANCELLED, AppointmentStatus.DONE):
        raise ValidationError("This appointment is over; book a new one.")
    _check_appointment(data)
    for key, value in data.items():
        setattr(appointment, key, value)
    appointment.status = AppointmentStatus.BOOKED
    appointment.save()
    _appointment_ladder(appointment, again=True)
    return appointment


@transaction.atomic
def appointment_close(*, actor: Any, appointment: Appointment, status: str) -> Appointment:
    _hub_team(actor, appointment.recruit.region_id)
    if status not in (AppointmentStatus.CANCELLED, AppointmentStatus.DONE):
        raise ValidationError("Choose cancelled or took place.")
    appointment.status = status
    appointment.save(update_fields=["status"])
    ladder_stop(about=appointment, kind=APPOINTMENT_KIND)
    return appointment


@transaction.atomic
def appointment_request_rearrange(*, actor: Any, appointment: Appointment, note: str) -> Appointment:
    """The recruit asks for another time; the hub staff are told."""
    if appointment.recruit.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("Only the recruit asks to rearrange their appointment.")
    if appointment.status != AppointmentStatus.BOOKED:
        raise ValidationError("This appointment cannot be rearranged any more.")
    if not note.strip():
        raise ValidationError({"note": "Say which days and times suit you better."})
    appointment.status, appointment.rearrange_note = AppointmentStatus.REARRANGE, note.strip()
    appointment.save(update_fields=["status", "rearrange_note"])
    reminder_schedule(
        recipient_role=Role.HUB_STAFF,
        region=appointment.recruit.region,
        kind=REARRANGE_REQUESTED,
        about=appointment,
        due_at=timezone.now(),
    )
    return appointment
