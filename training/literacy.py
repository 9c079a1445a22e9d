"""The hub's literacy assessment (issue 18 item 3): set-up, questions, bookings, scoring and results.

A result at or above the assessment's level is recorded through `evidence_record_assessment`, the
same English evidence the hub records by hand, so eligibility (`training/eligibility.py`) treats it
exactly like Entry 3 evidence and pending bookings are released on the spot.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from hubs.models import Region
from recruits.models import Recruit
from training.models import (
    ENGLISH_ORDER,
    Learner,
    LiteracyAssessment,
    LiteracyBooking,
    LiteracyBookingStatus,
    LiteracyMode,
    LiteracyQuestion,
)
from training.services import evidence_record_assessment

ASSESSMENT_FIELDS = ("title", "mode", "external_url", "instructions", "level", "pass_mark")


def _check_assessment(data: dict[str, Any]) -> None:
    if data["mode"] == LiteracyMode.EXTERNAL and not data.get("external_url"):
        raise ValidationError({"external_url": "Enter the link to the assessment"})


def literacy_assessment_create(*, actor: User, region: Region, data: dict[str, Any]) -> LiteracyAssessment:
    _check_assessment(data)
    if LiteracyAssessment.objects.filter(region=region).exists():
        raise ValidationError({"region": "This region already has a literacy assessment: change that one"})
    return LiteracyAssessment.objects.create(
        region=region, updated_by=actor, **{name: data[name] for name in ASSESSMENT_FIELDS}
    )


def literacy_assessment_update(
    *, actor: User, assessment: LiteracyAssessment, data: dict[str, Any]
) -> LiteracyAssessment:
    _check_assessment(data)
    # Compared with the stored row: a ModelForm has already set the new values on the instance.
    stored = LiteracyAssessment.objects.filter(pk=assessment.pk).values(*ASSESSMENT_FIELDS).get()
    changed = [name for name in ASSESSMENT_FIELDS if stored[name] != data[name]]
    if not changed:  # sent back unchanged: nothing to write
        return assessment
    for name in changed:
        setattr(assessment, name, data[name])
    assessment.updated_by = actor
    assessment.save(update_fields=[*changed, "updated_by", "updated_at"])
    return assessment


def literacy_question_add(
    *, actor: User, assessment: LiteracyAssessment, text: str, options: list[str], correct: int
) -> LiteracyQuestion:
    options = [option.strip() for option in options if option.strip()]
    if len(options) < 2:
        raise ValidationError({"options": "Enter at least two answers, one per line"})
    if not 1 <= correct <= len(options):
        raise ValidationError({"correct": f"Enter the number of the right answer, from 1 to {len(options)}"})
    last = assessment.questions.order_by("-position").values_list("position", flat=True).first() or 0
    return LiteracyQuestion.objects.create(
        region_id=assessment.region_id,
        assessment=assessment,
        position=last + 1,
        text=text.strip(),
        options=options,
        correct=correct - 1,
    )


def literacy_question_remove(*, actor: User, question: LiteracyQuestion) -> None:
    question.delete()


def literacy_book(*, actor: User, recruit: Recruit | None = None, learner: Learner | None = None) -> LiteracyBooking:
    """Book a recruit, or a learner who is not one, onto their region's assessment; an open booking
    is reused, not doubled. A recruit's learner row books the recruit (their evidence is theirs)."""
    if learner is not None and learner.recruit_id:
        recruit, learner = learner.recruit, None
    if (recruit is None) == (learner is None):
        raise ValueError("Give the recruit or the learner to book")
    owner = recruit if recruit is not None else learner
    assert owner is not None
    assessment = LiteracyAssessment.objects.filter(region_id=owner.region_id).first()
    if assessment is None:
        raise ValidationError("Set up the hub's literacy assessment first.")
    if assessment.mode == LiteracyMode.IN_PORTAL and not assessment.questions.exists():
        raise ValidationError("Add questions to the literacy assessment first.")
    whose = {"recruit": recruit} if recruit is not None else {"learner": learner}
    open_booking = LiteracyBooking.objects.filter(**whose, status=LiteracyBookingStatus.BOOKED).first()
    if open_booking is not None:
        return open_booking
    return LiteracyBooking.objects.create(region_id=owner.region_id, assessment=assessment, booked_by=actor, **whose)


def _locked(booking: LiteracyBooking) -> LiteracyBooking:
    return (
        LiteracyBooking.objects.select_for_update(of=("self",))
        .select_related("assessment", "recruit", "learner")
        .get(pk=booking.pk)
    )


def literacy_next_question(booking: LiteracyBooking) -> tuple[LiteracyQuestion | None, int, int]:
    """The first unanswered question, its number and how many there are."""
    questions = list(booking.assessment.questions.all())
    for number, question in enumerate(questions, start=1):
        if str(question.pk) not in booking.answers:
            return question, number, len(questions)
    return None, len(questions), len(questions)


def literacy_score(assessment: LiteracyAssessment, answers: dict[str, int]) -> tuple[int, int]:
    """Correct answers and the number of questions, scored on the server."""
    questions = list(assessment.questions.all())
    right = sum(1 for q in questions if answers.get(str(q.pk)) == q.correct)
    return right, len(questions)


def _finish(
    *, actor: User | None, booking: LiteracyBooking, passed: bool, level: str, score: str, taken_on: date
) -> None:
    booking.status = LiteracyBookingStatus.PASSED if passed else LiteracyBookingStatus.NOT_PASSED
    booking.level = level
    booking.score = score
    booking.taken_on = taken_on
    booking.recorded_by = actor
    booking.recorded_at = timezone.now()
    if passed:
        booking.evidence = evidence_record_assessment(
            actor=actor,
            recruit=booking.recruit,
            learner=booking.learner,
            level=level,
            evidence_date=taken_on,
            assessment_name=booking.assessment.title,
            score=score,
        )
    booking.save()


@transaction.atomic
def literacy_answer(*, actor: User | None, booking: LiteracyBooking, question_id: int, choice: int) -> LiteracyBooking:
    """The recruit or learner answers one question; the last answer scores the assessment. `actor` is
    the recruit's account, or None for a learner signed in by emailed code (no portal account)."""
    booking = (
        LiteracyBooking.objects.select_for_update(of=("self",))
        .select_related("assessment", "recruit", "learner")
        .get(pk=booking.pk)
    )
    if booking.is_taken:
        raise ValidationError("This assessment has been taken already.")
    question = booking.assessment.questions.filter(pk=question_id).first()
    if question is None:
        raise ValidationError("That question is not part of this assessment.")
    if not 0 <= choice < len(question.options):
        raise ValidationError({"answer": "Choose an answer"})
    booking.answers[str(question.pk)] = choice
    booking.save(update_fields=["answers"])
    following, _number, _total = literacy_next_question(booking)
    if following is None:
        right, total = literacy_score(booking.assessment, booking.answers)
        passed = right >= booking.assessment.pass_mark
        _finish(
            actor=actor,
            booking=booking,
            passed=passed,
            level=booking.assessment.level if passed else "",
            score=f"{right} out of {total}",
            taken_on=timezone.localdate(),
        )
    return booking


@transaction.atomic
def literacy_record_result(
    *, actor: User, booking: LiteracyBooking, score: str, level: str, taken_on: date
) -> LiteracyBooking:
    """The hub records the result of the external assessment; at or above the level, it counts."""
    booking = (
        LiteracyBooking.objects.select_for_update(of=("self",))
        .select_related("assessment", "recruit", "learner")
        .get(pk=booking.pk)
    )
    if booking.is_taken:
        raise ValidationError("A result is recorded already: book the assessment again for a new result.")
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": "The date cannot be in the future."})
    passed = ENGLISH_ORDER.index(level) >= ENGLISH_ORDER.index(booking.assessment.level)
    _finish(actor=actor, booking=booking, passed=passed, level=level, score=score.strip(), taken_on=taken_on)
    return booking


# Reads (always given the acting user)


def literacy_overview(*, user: User) -> list[dict[str, Any]]:
    """Each region the user is on the hub team of: its assessment and its latest bookings."""
    from hubs.access import scope_for

    regions = list(Region.objects.filter(id__in=scope_for(user).hub_regions).order_by("name"))
    assessments = {
        a.region_id: a
        for a in LiteracyAssessment.objects.filter(region__in=regions).annotate(
            question_count=models.Count("questions")
        )
    }
    bookings: dict[int, list[LiteracyBooking]] = {region.pk: [] for region in regions}
    for booking in (
        LiteracyBooking.objects.filter(region__in=regions)
        .select_related("recruit", "learner")
        .order_by("-booked_at")[:50]
    ):
        bookings[booking.region_id].append(booking)
    return [
        {"region": region, "assessment": assessments.get(region.pk), "bookings": bookings[region.pk]}
        for region in regions
    ]


def literacy_for_recruit(*, user: User, recruit: Recruit) -> dict[str, Any]:
    """What the recruit's plan shows: the region's assessment and the latest booking, if any."""
    from training.access import literacy_bookings_visible_to

    return {
        "assessment": LiteracyAssessment.objects.filter(region_id=recruit.region_id).first(),
        "booking": literacy_bookings_visible_to(user).filter(recruit=recruit).first(),
    }


def literacy_for_learner(*, user: User, learner: Learner) -> dict[str, Any]:
    """What a learner's page shows (one who is not a recruit): the region's assessment and their latest booking."""
    from training.access import literacy_bookings_visible_to

    return {
        "assessment": LiteracyAssessment.objects.filter(region_id=learner.region_id).first(),
        "booking": literacy_bookings_visible_to(user).filter(learner=learner).first(),
    }


def literacy_of_learners(learners: list[Learner]) -> list[dict[str, Any]]:
    """A learner's own page (signed in by emailed code): per learner with an assessment in their
    region, the assessment and their latest booking. Two queries, however many learners."""
    assessments = {
        a.region_id: a for a in LiteracyAssessment.objects.filter(region_id__in={lr.region_id for lr in learners})
    }
    latest: dict[int, LiteracyBooking] = {}
    for booking in LiteracyBooking.objects.filter(learner__in=learners).order_by("-booked_at", "-id"):
        latest.setdefault(booking.learner_id, booking)  # type: ignore[arg-type]
    return [
        {"learner": lr, "assessment": assessments[lr.region_id], "booking": latest.get(lr.pk)}
        for lr in learners
        if lr.region_id in assessments
    ]
