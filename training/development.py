"""The Care Certificate self-assessment and its review, the training-plan suggestions drawn from
its gaps, and the personal development plan (writes and the reads they need)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from notifications.services import reminder_cancel_for, reminder_schedule
from portal.policy import policy_code
from recruits.models import JobRole, Recruit
from training.models import (
    ACTIVE,
    CareCertificateStandard,
    DevelopmentAction,
    DevelopmentPlan,
    DevelopmentReview,
    Enrolment,
    EnrolmentStatus,
    PlanItem,
    PlanItemStatus,
    Programme,
    SelfAssessment,
    StandardReview,
)

PDP_REVIEW_DUE = "training.development_plan_review"
# DOMAIN: a personal development plan is reviewed at least yearly.
MAX_REVIEW_INTERVAL = dt.timedelta(days=366)


@dataclass
class StandardRow:
    standard: CareCertificateStandard
    answer: SelfAssessment | None

    @property
    def is_gap(self) -> bool:
        return self.answer is not None and self.answer.is_gap


# Rule 24: who needs the Care Certificate standards assessed before working unsupervised (nurses
# are registered professionals, outside the Care Certificate).
CARE_CERTIFICATE_ROLES = {JobRole.CARE_WORKER, JobRole.SENIOR_CARE_WORKER}


def care_certificate_problem(recruit: Recruit, day: dt.date) -> str | None:
    """Rule 24 (registered with recruits.unsupervised): the standards a care worker needs assessed as
    met before unsupervised work (the dated figure `care_certificate_before_unsupervised`)."""
    if recruit.job_role not in CARE_CERTIFICATE_ROLES:
        return None
    needed = {int(number) for number in policy_code("care_certificate_before_unsupervised", on=day).split()}
    met = set()
    if recruit.pk is not None:
        met = set(
            SelfAssessment.objects.filter(recruit=recruit, review=StandardReview.ASSESSED).values_list(
                "standard__number", flat=True
            )
        )
    missing = sorted(needed - met)
    if not missing:
        return None
    numbers = ", ".join(str(number) for number in missing)
    return (
        f"Each Care Certificate standard is assessed before unsupervised work in its area (Skills for Care): "
        f"standard{'s' if len(missing) > 1 else ''} {numbers} {'are' if len(missing) > 1 else 'is'} not assessed "
        f"as met yet. Review them on the Care Certificate page (experienced staff may be assessed from their "
        f"self-assessment), or leave this empty while they work supervised."
    )


def self_assessment_rows(recruit: Recruit) -> list[StandardRow]:
    answers = {a.standard_id: a for a in SelfAssessment.objects.filter(recruit=recruit).select_related("reviewed_by")}
    return [StandardRow(standard, answers.get(standard.pk)) for standard in CareCertificateStandard.objects.all()]


@transaction.atomic
def self_assessment_save(
    *, actor: User, recruit: Recruit, answers: dict[int, tuple[str, str]], reviews: dict[int, str] | None = None
) -> list[PlanItem]:
    """Save the recruit's ratings and notes (standard id → (rating, notes)), and a reviewer's
    decisions (standard id → review) when given; then suggest training for the gaps."""
    existing = {a.standard_id: a for a in SelfAssessment.objects.select_for_update().filter(recruit=recruit)}
    now = timezone.now()
    for standard_id, (rating, notes) in answers.items():
        answer = existing.get(standard_id) or SelfAssessment(
            region_id=recruit.region_id, recruit=recruit, standard_id=standard_id
        )
        before = (answer.rating, answer.evidence_notes, answer.review)
        answer.rating, answer.evidence_notes = rating, notes.strip()
        if reviews and standard_id in reviews and reviews[standard_id] != answer.review:
            answer.review = reviews[standard_id]
            answer.reviewed_by, answer.reviewed_at = actor, now
        if (answer.rating, answer.evidence_notes, answer.review) == before:
            continue  # a standard left as it was (blank, or unchanged) writes no row
        answer.save()
        existing[standard_id] = answer
    return plan_suggest_from_gaps(actor=actor, recruit=recruit)


def _matching_programmes(recruit: Recruit, topics: list[str]) -> list[Programme]:
    if not topics:
        return []
    return list(
        Programme.objects.filter(region_id=recruit.region_id, active=True)
        .filter(Q(title__in=topics) | Q(modules__overlap=topics))
        .order_by("duration_days", "title")
    )


def plan_suggest_from_gaps(*, actor: User, recruit: Recruit) -> list[PlanItem]:
    """Put a programme (or, if the hub has none, the topic) into the plan for each gap; never twice."""
    gaps = [a for a in SelfAssessment.objects.filter(recruit=recruit).select_related("standard") if a.is_gap]
    planned = PlanItem.objects.filter(recruit=recruit).exclude(status=PlanItemStatus.DROPPED)
    planned_programmes = set(planned.exclude(programme=None).values_list("programme_id", flat=True))
    planned_titles = set(planned.values_list("title", flat=True))
    taken = set(
        Enrolment.objects.filter(recruit=recruit, status__in=[*ACTIVE, EnrolmentStatus.COMPLETED]).values_list(
            "cohort__programme_id", flat=True
        )
    )
    added = []
    for gap in gaps:
        reason = f"Care Certificate standard {gap.standard.number}: {gap.standard.title}"
        programmes = _matching_programmes(recruit, gap.standard.suggested_topics)
        if any(p.pk in taken or p.pk in planned_programmes for p in programmes):
            continue
        if programmes:
            programme = programmes[0]
            item = PlanItem(programme=programme, title=programme.title)
            planned_programmes.add(programme.pk)
        else:
            if reason in planned_titles:
                continue
            item = PlanItem(title=reason)
            planned_titles.add(reason)
        item.region_id, item.recruit, item.reason, item.added_by = recruit.region_id, recruit, reason, actor
        item.save()
        added.append(item)
    return added


# Personal development plan


def development_plan_for(recruit: Recruit) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.filter(recruit=recruit)
        .select_related("agreed_by_manager")
        .prefetch_related("actions", "reviews__reviewed_by")
        .first()
    )


def _schedule_review(plan: DevelopmentPlan, *, actor: User) -> None:
    """One reminder of the next review, to the recruit (or whoever keeps the plan, if they have no account)."""
    reminder_cancel_for(about=plan, kind=PDP_REVIEW_DUE)
    if plan.next_review is None:
        return
    due_at = timezone.make_aware(dt.datetime.combine(plan.next_review - dt.timedelta(days=14), dt.time(9, 0)))
    recipient = plan.recruit.user or actor
    reminder_schedule(recipient=recipient, kind=PDP_REVIEW_DUE, about=plan, due_at=max(due_at, timezone.now()))


def _check_review_date(next_review: dt.date | None, *, from_day: dt.date) -> None:
    if next_review is None:
        raise ValidationError({"next_review": "Enter the date of the next review (at most a year away)."})
    if next_review <= from_day:
        raise ValidationError({"next_review": "The next review must be after today."})
    if next_review - from_day > MAX_REVIEW_INTERVAL:
        raise ValidationError({"next_review": "Review the plan at least once a year: choose a date within a year."})


PLAN_FIELDS = ("goals", "strengths", "gaps", "next_review")


@transaction.atomic
def development_plan_save(
    *, actor: User, recruit: Recruit, data: dict[str, Any], actions: list[tuple[str, dt.date | None, bool]]
) -> DevelopmentPlan:
    """Create or change the plan; any change asks the recruit and the manager to agree again."""
    _check_review_date(data.get("next_review"), from_day=timezone.localdate())
    plan = DevelopmentPlan.objects.select_for_update().filter(recruit=recruit).first() or DevelopmentPlan(
        region_id=recruit.region_id, recruit=recruit
    )
    fields = {name: data.get(name) or ("" if name != "next_review" else None) for name in PLAN_FIELDS}
    rows = [(text.strip(), due, done) for text, due, done in actions if text]
    unchanged = fields == {name: getattr(plan, name) for name in PLAN_FIELDS}
    if plan.pk and unchanged and rows == [(a.action, a.due, a.done) for a in plan.actions.all()]:
        return plan  # sent as shown: not a change, so the agreements stand
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.agreed_by_recruit_at = plan.agreed_by_manager_at = None
    plan.agreed_by_manager = None
    plan.save()
    plan.actions.all().delete()
    DevelopmentAction.objects.bulk_create(
        [DevelopmentAction(plan=plan, action=text, due=due, done=done) for text, due, done in rows]
    )
    _schedule_review(plan, actor=actor)
    return plan


@transaction.atomic
def development_plan_agree(*, actor: User, plan: DevelopmentPlan, as_recruit: bool) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if as_recruit:
        plan.agreed_by_recruit_at = timezone.now()
    else:
        plan.agreed_by_manager, plan.agreed_by_manager_at = actor, timezone.now()
    plan.save(update_fields=["agreed_by_recruit_at", "agreed_by_manager", "agreed_by_manager_at", "updated_at"])
    return plan


@transaction.atomic
def development_plan_review(
    *, actor: User, plan: DevelopmentPlan, notes: str, next_review: dt.date | None
) -> DevelopmentReview:
    today = timezone.localdate()
    _check_review_date(next_review, from_day=today)
    assert next_review is not None
    review = DevelopmentReview.objects.create(
        plan=plan, reviewed_on=today, reviewed_by=actor, notes=notes.strip(), next_review=next_review
    )
    plan.next_review = next_review
    plan.save(update_fields=["next_review", "updated_at"])
    _schedule_review(plan, actor=actor)
    return review


def standard_review_choices() -> list[tuple[str, str]]:
    return list(StandardReview.choices)
