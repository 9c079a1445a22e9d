"""Writes on the catalogue, cohorts, enrolments and English evidence.

Booking, cancelling and the waiting list lock the cohort row (`select_for_update`), so two
people can never take its last place and a freed place goes to exactly one person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Region
from hubs.roles import Role
from notifications.services import reminder_cancel_for, reminder_schedule
from recruits.documents import document_upload
from recruits.models import DocumentKind, Recruit
from training.eligibility import Outcome, RuleResult, eligibility_for, evidence_deadline, learner_may_join
from training.learners import learner_for_recruit
from training.models import (
    HOLDS_PLACE,
    Cohort,
    CohortStatus,
    EligibilityRule,
    EnglishEvidence,
    Enrolment,
    EnrolmentStatus,
    EvidenceKind,
    EvidenceStatus,
    Learner,
    Programme,
    RuleKind,
    SessionDay,
    WhoMayJoin,
)

EVIDENCE_DUE = "training.evidence_due"
PLACE_OFFERED = "training.place_offered"
EVIDENCE_TO_CHECK = "training.evidence_to_check"
BOOKING_CANCELLED = "training.booking_cancelled"
# The evidence reminder goes this many days before the deadline (or at once if that has passed).
EVIDENCE_REMINDER_DAYS = 3
REMINDER_HOUR = dt.time(9, 0)


def _at_nine(day: date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, REMINDER_HOUR))


# Catalogue


PROGRAMME_FIELDS = [
    "kind",
    "title",
    "summary",
    "modules",
    "duration_days",
    "delivery",
    "certification",
    "awarding_body",
    "qualification_title",
    "qualification_level",
    "funded",
    "cost",
    "audience",
    "min_days_to_complete",
    "evidence_working_days",
    "active",
    "hub",
]


@transaction.atomic
def programme_save(
    *,
    actor: User,
    region: Region,
    data: dict[str, Any],
    english_minimum: str = "",
    learners: str = WhoMayJoin.ANY,
    programme: Programme | None = None,
) -> Programme:
    """Create or update a programme; `english_minimum` (an ESOL level or "") is its English rule,
    `learners` whom its places are for (a rule row unless it is "any")."""
    programme = programme or Programme(region=region)
    for name in PROGRAMME_FIELDS:
        if name in data:
            setattr(programme, name, data[name])
    if programme.funded:
        programme.cost = None
    elif programme.cost is None or programme.cost < Decimal(0):
        raise ValidationError({"cost": "Enter the cost per place, or tick “funded”."})
    if (programme.qualification_title or programme.qualification_level) and not programme.awarding_body:
        raise ValidationError({"awarding_body": "Enter the awarding body of the qualification"})
    if programme.awarding_body and not programme.qualification_title:
        raise ValidationError({"qualification_title": "Enter the title of the qualification"})
    programme.full_clean()
    programme.save()
    rule = programme.rules.filter(kind="english_minimum").first()
    if english_minimum and rule is None:
        EligibilityRule.objects.create(
            programme=programme,
            english_minimum=english_minimum,
            accepted_evidence=[EvidenceKind.CERTIFICATE, EvidenceKind.ASSESSMENT],
        )
    elif english_minimum and rule is not None:
        rule.english_minimum = english_minimum
        rule.save(update_fields=["english_minimum"])
    elif rule is not None:
        rule.delete()
    who = programme.rules.filter(kind=RuleKind.LEARNERS).first()
    if learners != WhoMayJoin.ANY and who is None:
        EligibilityRule.objects.create(programme=programme, kind=RuleKind.LEARNERS, learners=learners)
    elif learners != WhoMayJoin.ANY and who is not None:
        who.learners = learners
        who.save(update_fields=["learners"])
    elif who is not None:
        who.delete()
    return programme


@transaction.atomic
def cohort_create(
    *,
    actor: User,
    programme: Programme,
    days: Iterable[date],
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    data: dict[str, Any],
) -> Cohort:
    days = sorted(set(days))
    if not days:
        raise ValidationError({"days": "Enter the date of each session day."})
    if len(days) != programme.duration_days:
        raise ValidationError(
            {"days": f"{programme.title} runs for {programme.duration_days} day(s): enter that many dates."}
        )
    if data["booking_deadline"] > days[0]:
        raise ValidationError({"booking_deadline": "The booking deadline must be on or before the first day."})
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end time must be after the start time."})
    if not data.get("venue") and not data.get("online_link"):
        raise ValidationError({"venue": "Enter the venue, or the online joining link."})
    trainer = data.get("trainer")
    if trainer is not None and not scope_for(trainer).is_hub_team(programme.region_id):
        raise ValidationError({"trainer": "The trainer must be on this region's hub team."})
    partner = data.get("delivery_partner")
    if partner is not None and partner.region_id != programme.region_id:
        raise ValidationError({"delivery_partner": "The delivery partner must be one of this region's partners."})
    cohort = Cohort(region_id=programme.region_id, programme=programme, **data)
    cohort.full_clean()
    cohort.save()
    SessionDay.objects.bulk_create(
        [SessionDay(cohort=cohort, date=day, starts_at=starts_at, ends_at=ends_at) for day in days]
    )
    return cohort


# Enrolments


def _locked(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)


def enrolment_eligibility(enrolment: Enrolment) -> list[RuleResult]:
    cohort = enrolment.cohort
    start = cohort.starts_on
    if start is None:
        return []
    return eligibility_for(
        cohort.programme.rules.all(),
        # A recruit's evidence hangs off the recruit; another learner's (the literacy assessment) off the learner.
        EnglishEvidence.objects.filter(recruit_id=enrolment.recruit_id)
        if enrolment.recruit_id
        else EnglishEvidence.objects.filter(learner_id=enrolment.learner_id),
        start=start,
        deadline=enrolment.evidence_deadline,
        recruit=enrolment.recruit_id is not None,
    )


def _tell(enrolment: Enrolment, *, kind: str, due_at: dt.datetime | None = None) -> None:
    """Remind the recruit (or whoever booked them: the learner has no account)."""
    recipient = (enrolment.recruit.user if enrolment.recruit_id and enrolment.recruit else None) or enrolment.booked_by
    if recipient is None:
        return
    due_at = due_at or timezone.now()
    reminder_schedule(recipient=recipient, kind=kind, about=enrolment, due_at=due_at)


def _settle(enrolment: Enrolment) -> None:
    """Decide booked or pending evidence for a place-holding enrolment, and schedule what follows."""
    today = timezone.localdate()
    deadline = evidence_deadline(enrolment.cohort)
    start = enrolment.cohort.starts_on
    if deadline is not None and start is not None and deadline < today:
        # Booked late (or from the waiting list): evidence can still come up to the day before.
        deadline = max(today, start - dt.timedelta(days=1))
    enrolment.evidence_deadline = deadline
    results = enrolment_eligibility(enrolment)
    if all(result.met for result in results):
        enrolment.status = EnrolmentStatus.BOOKED
        reminder_cancel_for(about=enrolment, kind=EVIDENCE_DUE)
    else:
        enrolment.status = EnrolmentStatus.PENDING_EVIDENCE
        if deadline is not None:
            remind_on = max(today, deadline - dt.timedelta(days=EVIDENCE_REMINDER_DAYS))
            _tell(enrolment, kind=EVIDENCE_DUE, due_at=max(timezone.now(), _at_nine(remind_on)))
    enrolment.save(update_fields=["status", "evidence_deadline"])


def _check_bookable(*, actor: User, cohort: Cohort, learner: Learner) -> None:
    today = timezone.localdate()
    if cohort.status != CohortStatus.OPEN:
        raise ValidationError("This cohort has been cancelled: choose another date.")
    if learner.region_id != cohort.region_id:
        raise ValidationError(f"{learner.full_name} is in another region: book them onto one of their hub's cohorts.")
    for result in learner_may_join(cohort.programme.rules.all(), learner, cohort):
        if not result.met:
            raise ValidationError(result.message)
    start = cohort.starts_on
    if start is None or start <= today:
        raise ValidationError("This cohort has already started: choose a later date.")
    if cohort.booking_deadline < today and not scope_for(actor).is_hub_team(cohort.region_id):
        raise ValidationError(
            f"Booking closed on {cohort.booking_deadline:%d %B %Y}: ask the hub if a late place is possible."
        )
    existing = Enrolment.objects.filter(cohort=cohort, learner=learner, status__in=[*HOLDS_PLACE, "waiting"]).first()
    if existing is not None:
        raise ValidationError(
            f"{learner.full_name} is already on this cohort ({existing.get_status_display().lower()})."
        )


def enrolment_book(
    *, actor: User, cohort: Cohort, learner: Learner | None = None, recruit: Recruit | None = None
) -> Enrolment:
    """Book a learner on `cohort` (a recruit: their learner row, made on first booking): a place if
    one is free (booked or pending evidence), else the waiting list."""
    with transaction.atomic():
        cohort = _locked(cohort)
        if learner is None:
            if recruit is None:
                raise ValidationError("Choose who to book")
            learner = learner_for_recruit(recruit)
        _check_bookable(actor=actor, cohort=cohort, learner=learner)
        taken = Enrolment.objects.filter(cohort=cohort, status__in=HOLDS_PLACE).count()
        enrolment = Enrolment(
            region_id=cohort.region_id,
            cohort=cohort,
            learner=learner,
            recruit_id=learner.recruit_id,
            provider_id=learner.employer_id_now,
            booked_by=actor,
        )
        if taken >= cohort.capacity:
            enrolment.status = EnrolmentStatus.WAITING
            enrolment.waiting_since = timezone.now()
            enrolment.save()
            return enrolment
        enrolment.status = EnrolmentStatus.PENDING_EVIDENCE
        enrolment.save()
        _settle(enrolment)
        return enrolment


def _offer_freed_places(cohort: Cohort) -> list[Enrolment]:
    """Give free places to the waiting list in order; the cohort row must be locked by the caller."""
    free = cohort.capacity - Enrolment.objects.filter(cohort=cohort, status__in=HOLDS_PLACE).count()
    offered: list[Enrolment] = []
    if free <= 0 or (cohort.starts_on or timezone.localdate()) <= timezone.localdate():
        return offered
    waiting = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.WAITING).select_related(
        "recruit__user", "booked_by"
    )
    for enrolment in waiting.order_by("waiting_since", "id")[:free]:
        enrolment.waiting_since = None
        enrolment.cohort = cohort
        enrolment.save(update_fields=["waiting_since"])
        _settle(enrolment)
        _tell(enrolment, kind=PLACE_OFFERED)
        offered.append(enrolment)
    return offered


def enrolment_cancel(*, actor: User, enrolment: Enrolment, reason: str) -> list[Enrolment]:
    """Cancel a booking or a waiting-list entry; a freed place goes to the next person waiting."""
    with transaction.atomic():
        cohort = _locked(enrolment.cohort)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status not in [*HOLDS_PLACE, EnrolmentStatus.WAITING]:
            raise ValidationError(f"This booking is “{enrolment.get_status_display()}” and cannot be cancelled.")
        if (cohort.starts_on or timezone.localdate()) <= timezone.localdate():
            raise ValidationError("The cohort has started: the trainer records who attended instead.")
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.cancelled_at = timezone.now()
        enrolment.cancel_reason = reason.strip()[:300] or "Cancelled"
        enrolment.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        reminder_cancel_for(about=enrolment, kind=EVIDENCE_DUE)
        return _offer_freed_places(cohort)


def cohort_recheck(*, cohort: Cohort) -> list[Enrolment]:
    """Eligibility again before the start: places whose evidence deadline passed without evidence
    are released (the person is told) and offered to the waiting list. Safe to run every day."""
    today = timezone.localdate()
    with transaction.atomic():
        cohort = _locked(cohort)
        start = cohort.starts_on
        if start is None or start <= today or cohort.status != CohortStatus.OPEN:
            return []
        holding = Enrolment.objects.filter(cohort=cohort, status__in=HOLDS_PLACE).select_related(
            "recruit__user", "booked_by"
        )
        for enrolment in holding:
            enrolment.cohort = cohort
            results = enrolment_eligibility(enrolment)
            if all(result.met for result in results):
                if enrolment.status != EnrolmentStatus.BOOKED:
                    enrolment.status = EnrolmentStatus.BOOKED
                    enrolment.save(update_fields=["status"])
                    reminder_cancel_for(about=enrolment, kind=EVIDENCE_DUE)
                continue
            if enrolment.evidence_deadline is None or enrolment.evidence_deadline >= today:
                if enrolment.status == EnrolmentStatus.BOOKED:
                    _settle(enrolment)
                continue
            if any(result.outcome == Outcome.AWAITING_REVIEW for result in results):
                # The recruit sent evidence in time; the hub has yet to check it: keep the place.
                reminder_schedule(
                    recipient_role=Role.HUB_STAFF,
                    region=cohort.region,
                    kind=EVIDENCE_TO_CHECK,
                    about=enrolment,
                    due_at=timezone.now(),
                )
                continue
            enrolment.status = EnrolmentStatus.CANCELLED
            enrolment.cancelled_at = timezone.now()
            enrolment.cancel_reason = "Evidence not received by " + f"{enrolment.evidence_deadline:%d %B %Y}"
            enrolment.save(update_fields=["status", "cancelled_at", "cancel_reason"])
            reminder_cancel_for(about=enrolment, kind=EVIDENCE_DUE)
            _tell(enrolment, kind=BOOKING_CANCELLED)
        return _offer_freed_places(cohort)


def cohorts_recheck_due() -> int:
    """The daily re-check of every open cohort that has not started yet."""
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(status=CohortStatus.OPEN, days__date__gt=today).distinct()
    offered = sum(len(cohort_recheck(cohort=cohort)) for cohort in cohorts.iterator())
    # Whoever is still waiting when a cohort starts did not get a place: close their entry.
    started = Cohort.objects.filter(days__date__lte=today).values("pk")
    Enrolment.objects.filter(status=EnrolmentStatus.WAITING, cohort__in=started).update(
        status=EnrolmentStatus.CANCELLED,
        cancelled_at=timezone.now(),
        cancel_reason="No place became free before the start",
    )
    return offered


def _refresh_pending(recruit: Recruit | None, learner: Learner | None = None) -> None:
    """New or reviewed evidence: pending bookings that are now eligible become booked."""
    whose = {"recruit": recruit} if recruit is not None else {"learner": learner}
    pending = Enrolment.objects.filter(**whose, status=EnrolmentStatus.PENDING_EVIDENCE).select_related(
        "cohort__programme"
    )
    for enrolment in pending:
        if all(result.met for result in enrolment_eligibility(enrolment)):
            enrolment.status = EnrolmentStatus.BOOKED
            enrolment.save(update_fields=["status"])
            reminder_cancel_for(about=enrolment, kind=EVIDENCE_DUE)


# English evidence


def _check_evidence_dates(evidence_date: date, valid_until: date | None) -> None:
    if evidence_date > timezone.localdate():
        raise ValidationError({"evidence_date": "The date cannot be in the future."})
    if valid_until is not None and valid_until < evidence_date:
        raise ValidationError({"valid_until": "“Valid until” must be after the date of the certificate."})


def evidence_upload_certificate(
    *, actor: User, recruit: Recruit, upload: UploadedFile, level: str, evidence_date: date, valid_until: date | None
) -> EnglishEvidence:
    """An English certificate: stored through the recruit documents' checks, then checked by the hub."""
    _check_evidence_dates(evidence_date, valid_until)
    by_hub = scope_for(actor).is_hub_team(recruit.region_id)
    with transaction.atomic():
        document = document_upload(
            actor=actor, recruit=recruit, upload=upload, kind=DocumentKind.ENGLISH_TEST, title="English certificate"
        )
        evidence = EnglishEvidence.objects.create(
            region_id=recruit.region_id,
            recruit=recruit,
            kind=EvidenceKind.CERTIFICATE,
            level=level,
            evidence_date=evidence_date,
            valid_until=valid_until,
            document=document,
            recorded_by=actor,
            status=EvidenceStatus.APPROVED if by_hub else EvidenceStatus.SUBMITTED,
            reviewed_by=actor if by_hub else None,
            reviewed_at=timezone.now() if by_hub else None,
        )
        if by_hub:
            _refresh_pending(recruit)
        else:
            reminder_schedule(
                recipient_role=Role.HUB_STAFF,
                region=recruit.region,
                kind=EVIDENCE_TO_CHECK,
                about=evidence,
                due_at=timezone.now(),
            )
    return evidence


@transaction.atomic
def evidence_record_assessment(
    *,
    actor: User | None,
    recruit: Recruit | None = None,
    learner: Learner | None = None,
    level: str,
    evidence_date: date,
    assessment_name: str,
    score: str,
) -> EnglishEvidence:
    """The hub records an online literacy assessment result of a recruit, or of a learner who is not
    one; it counts at once."""
    if (recruit is None) == (learner is None):
        raise ValueError("Give the recruit or the learner whose result this is")
    _check_evidence_dates(evidence_date, None)
    owner = recruit if recruit is not None else learner
    assert owner is not None
    evidence = EnglishEvidence.objects.create(
        region_id=owner.region_id,
        recruit=recruit,
        learner=learner,
        kind=EvidenceKind.ASSESSMENT,
        level=level,
        evidence_date=evidence_date,
        assessment_name=assessment_name.strip(),
        score=score.strip(),
        recorded_by=actor,
        status=EvidenceStatus.APPROVED,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    )
    _refresh_pending(recruit, learner)
    return evidence


@transaction.atomic
def evidence_review(*, actor: User, evidence: EnglishEvidence, approve: bool, note: str = "") -> EnglishEvidence:
    evidence = EnglishEvidence.objects.select_for_update().get(pk=evidence.pk)
    if not approve and not note.strip():
        raise ValidationError({"note": "Say why the evidence is not accepted, so the recruit knows what to send."})
    evidence.status = EvidenceStatus.APPROVED if approve else EvidenceStatus.REJECTED
    evidence.review_note = note.strip()[:300]
    evidence.reviewed_by = actor
    evidence.reviewed_at = timezone.now()
    evidence.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    reminder_cancel_for(about=evidence, kind=EVIDENCE_TO_CHECK)
    _refresh_pending(evidence.recruit, evidence.learner)
    return evidence
