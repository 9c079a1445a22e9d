"""Interviews of shortlisted applications (issue 15 item 5).

- Booking: the application is shortlisted; the slot is in the future; the panel has two to five
  members, each on the region's hub team or staff of one of the campaign's employers. For a
  clinical role (nurse, midwife, allied health: `campaigns/data/job_roles.csv`) the panel must
  include a clinical lead with their professional registration (an NMC PIN such as 12A3456E, or an
  HCPC number such as PH123456); the booking is refused otherwise. Booking again replaces (cancels)
  the earlier booked slot. The candidate is emailed the slot with an ICS file.
- Scoring: each panel member scores every competency question of the role
  (`campaigns/data/competencies.csv`) from 1 to 4, once, without seeing the others' scores: scores
  are shown to anyone only when every member has sent theirs.
- Decision: by the hub team, once every member has scored: passed moves the application to
  "Interviewed"; not passed rejects it with the note as its reason.
- The candidate can ask to rearrange: the hub team is told through the notifications engine.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from campaigns.models import (
    Application,
    ApplicationEvent,
    Decision,
    Interview,
    InterviewScore,
    InterviewStatus,
    PanelMember,
    Stage,
)
from campaigns.pipeline import stage_change
from campaigns.roles import job_roles
from hubs.access import region_people, scope_for
from hubs.roles import PERMISSION_OF_ROLE, Role
from notifications.calendar import CalendarEvent, calendar_ics
from notifications.services import reminder_schedule
from providers.models import ProviderUserObjectPermission

COMPETENCIES = Path(__file__).parent / "data" / "competencies.csv"
PANEL_MIN = 2
PANEL_MAX = 5
REGISTRATION = re.compile(r"^(\d{2}[A-Z]\d{4}[A-Z]|[A-Z]{2}\d{5,6})$")
REARRANGE = "campaigns.rearrange"


@dataclass(frozen=True)
class Question:
    code: str
    text: str


@cache
def _competency_rows() -> list[dict[str, str]]:
    with COMPETENCIES.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def competency_questions(role: str) -> list[Question]:
    return [Question(row["code"], row["question"]) for row in _competency_rows() if row["role"] in ("*", role)]


def is_clinical(role: str) -> bool:
    found = job_roles().get(role)
    return bool(found and found.clinical)


def panel_candidates(application: Application) -> QuerySet[User]:
    """Who may sit on the panel: the region's hub team and the staff of the campaign's employers."""
    hub = region_people(application.region_id, [Role.LEAD, Role.HUB_STAFF]).values("id")
    staff = ProviderUserObjectPermission.objects.filter(
        content_object_id__in=application.campaign.employers.values("id"),
        permission__codename__in=[PERMISSION_OF_ROLE[Role.PROVIDER_ADMIN], PERMISSION_OF_ROLE[Role.PROVIDER_STAFF]],
    ).values("user_id")
    return User.objects.filter(Q(id__in=hub) | Q(id__in=staff), is_active=True).order_by("name", "email", "id")


def normalise_registration(text: str) -> str:
    return "".join(char for char in (text or "").upper() if char.isalnum())


@transaction.atomic
def interview_book(
    *,
    actor: Any,
    application: Application,
    starts_at: dt.datetime,
    minutes: int,
    where: str,
    panel: list[User],
    clinical_lead: User | None,
    registration: str,
) -> Interview:
    application = Application.objects.select_for_update().select_related("campaign", "region").get(pk=application.pk)
    errors: dict[str, list[str]] = {}
    if application.stage != Stage.SHORTLISTED:
        raise ValidationError(
            f"The application is {application.get_stage_display().lower()}: interviews are booked for shortlisted "
            "applications."
        )
    if starts_at <= timezone.now():
        errors.setdefault("day", []).append("Choose a date and time in the future")
    if len(panel) < PANEL_MIN:
        errors.setdefault("panel", []).append(
            f"Choose at least {PANEL_MIN} panel members, so that the candidate is scored independently"
        )
    if len(panel) > PANEL_MAX:
        errors.setdefault("panel", []).append(f"Choose at most {PANEL_MAX} panel members")
    allowed = set(panel_candidates(application).filter(id__in=[user.pk for user in panel]).values_list("id", flat=True))
    if any(user.pk not in allowed for user in panel):
        errors.setdefault("panel", []).append("Choose panel members of the hub team or of the campaign's employers")
    registration = normalise_registration(registration)
    if clinical_lead is not None:
        if clinical_lead.pk not in {user.pk for user in panel}:
            errors.setdefault("clinical_lead", []).append("The clinical lead must be one of the panel members")
        if not REGISTRATION.match(registration):
            errors.setdefault("registration", []).append(
                "Enter the clinical lead's NMC PIN (like 12A3456E) or HCPC number (like PH123456)"
            )
    elif is_clinical(application.role):
        errors.setdefault("clinical_lead", []).append(
            f"A {application.get_role_display().lower()} is interviewed with a registered clinical lead on the "
            "panel: choose who it is"
        )
    if errors:
        raise ValidationError(errors)
    replaced = list(application.interviews.filter(status=InterviewStatus.BOOKED))
    application.interviews.filter(status=InterviewStatus.BOOKED).update(status=InterviewStatus.CANCELLED)
    interview = Interview.objects.create(
        application=application, starts_at=starts_at, minutes=minutes, where=where.strip(), booked_by=actor
    )
    PanelMember.objects.bulk_create(
        PanelMember(
            interview=interview,
            user=user,
            clinical_lead=clinical_lead is not None and user.pk == clinical_lead.pk,
            registration=registration if clinical_lead is not None and user.pk == clinical_lead.pk else "",
        )
        for user in panel
    )
    when = timezone.localtime(starts_at)
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        text=f"Interview {'moved to' if replaced else 'booked for'} {when:%-d %b %Y, %H:%M}",
    )
    transaction.on_commit(lambda: _email_slot(interview))
    return interview


def _email_slot(interview: Interview) -> None:
    application = interview.application
    follow = settings.SITE_URL.rstrip("/") + reverse("applicant_sign_in")
    event = CalendarEvent(
        uid=f"interview-{interview.public_id}@irhub",
        summary=f"Interview: {application.campaign.title}",
        start=interview.starts_at,
        url=follow,
        minutes=interview.minutes,
        location=interview.where,
    )
    context = {"interview": interview, "application": application, "when": timezone.localtime(interview.starts_at)}
    message = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Your interview: {application.campaign.title}",
        body=render_to_string("campaigns/email/interview.txt", {**context, "follow": follow}),
        to=[application.email],
    )
    message.attach("interview.ics", calendar_ics(events=[event]), "text/calendar")
    message.send()


def scores_visible(interview: Interview) -> bool:
    """Everyone's scores show only when every panel member has sent theirs."""
    return all(member.scored_at is not None for member in interview.panel.all())


@transaction.atomic
def interview_score(*, actor: Any, interview: Interview, scores: dict[str, tuple[int, str]]) -> PanelMember:
    member = PanelMember.objects.select_for_update().filter(interview=interview, user=actor).first()
    if member is None:
        raise ValidationError("Only the panel members score the interview.")
    if interview.status != InterviewStatus.BOOKED:
        raise ValidationError(f"The interview is {interview.get_status_display().lower()}: scores are closed.")
    if member.scored_at is not None:
        raise ValidationError("You have sent your scores: they cannot be changed.")
    questions = {question.code for question in competency_questions(interview.application.role)}
    if set(scores) != questions:
        raise ValidationError("Score every question, from 1 to 4")
    if any(not 1 <= score <= 4 for score, _note in scores.values()):
        raise ValidationError("Scores go from 1 to 4")
    InterviewScore.objects.bulk_create(
        InterviewScore(member=member, question=code, score=score, note=note.strip())
        for code, (score, note) in scores.items()
    )
    member.scored_at = timezone.now()
    member.save(update_fields=["scored_at"])
    return member


@transaction.atomic
def interview_decide(*, actor: Any, interview: Interview, decision: str, note: str) -> Interview:
    interview = Interview.objects.select_for_update().select_related("application").get(pk=interview.pk)
    if interview.status != InterviewStatus.BOOKED:
        raise ValidationError(f"The interview is {interview.get_status_display().lower()}: it is decided once.")
    if not scores_visible(interview):
        waiting = interview.panel.filter(scored_at__isnull=True).count()
        raise ValidationError(
            f"{waiting} panel member{'s have' if waiting != 1 else ' has'} not sent their scores yet: decide once "
            "every member has scored"
        )
    note = note.strip()
    if decision not in Decision.values:
        raise ValidationError({"decision": "Choose the decision"})
    if not note:
        raise ValidationError({"note": "Write a note on the decision: the reasons, as the panel agreed them"})
    application = Application.objects.select_for_update().get(pk=interview.application_id)
    if decision == Decision.PASSED:
        stage_change(application, actor=actor, to_stage=Stage.INTERVIEWED, reason="", interview_passed=True)
    else:
        stage_change(application, actor=actor, to_stage=Stage.REJECTED, reason=f"Interview: {note}")
    interview.status, interview.decision, interview.decision_note = InterviewStatus.DECIDED, decision, note
    interview.decided_by, interview.decided_at = actor, timezone.now()
    interview.save(update_fields=["status", "decision", "decision_note", "decided_by", "decided_at"])
    return interview


@transaction.atomic
def interview_ask_to_rearrange(*, interview: Interview, reason: str) -> Interview:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the time does not suit you, and when would"})
    if interview.status != InterviewStatus.BOOKED:
        raise ValidationError("This interview is no longer booked.")
    interview.rearrange_reason, interview.rearrange_asked_at = reason, timezone.now()
    interview.save(update_fields=["rearrange_reason", "rearrange_asked_at"])
    for role in (Role.HUB_STAFF, Role.LEAD):
        reminder_schedule(
            recipient_role=role,
            region=interview.application.region,
            kind=REARRANGE,
            about=interview,
            due_at=interview.rearrange_asked_at,
            key=f"{REARRANGE}:{interview.pk}:{interview.rearrange_asked_at:%Y%m%d%H%M%S}:{role.value}",
        )
    return interview


def interviews_of_applications(applications: list[Application]) -> dict[int, Interview]:
    """The booked interview of each application (for the candidate's own page), one query."""
    rows = Interview.objects.filter(application__in=applications, status=InterviewStatus.BOOKED)
    return {row.application_id: row for row in rows}


def user_on_panel(user: Any, interview: Interview) -> PanelMember | None:
    user_id = scope_for(user).user_id
    return interview.panel.filter(user_id=user_id).first() if user_id is not None else None


def may_decide(user: Any, interview: Interview) -> bool:
    return scope_for(user).is_hub_team(interview.application.region_id)
