"""Reads for the training pages, always given the acting user.

Lists use keyset pagination with the edge row's `public_id` as the cursor (as providers and
recruits do) and a fixed number of queries whatever the page size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from hubs.access import scope_for
from providers.selectors import Page, _page, cursor_row
from recruits.models import Recruit
from training.access import (
    certificates_visible_to,
    cohorts_visible_to,
    english_evidence_visible_to,
    enrolments_visible_to,
    learners_bookable_by,
    learners_visible_to,
    programmes_visible_to,
    recruits_bookable_by,
)
from training.models import (
    ACTIVE,
    HOLDS_PLACE,
    Certificate,
    Cohort,
    CohortStatus,
    EnglishEvidence,
    Enrolment,
    EnrolmentStatus,
    EvidenceStatus,
    Learner,
    PlanItem,
    PlanItemStatus,
    Programme,
    SessionDay,
)

PAGE_SIZE = 50


def _with_places(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return cohorts.annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_PLACE), distinct=True),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING), distinct=True),
        first_day=Min("days__date"),
    ).prefetch_related(Prefetch("days", queryset=SessionDay.objects.order_by("date")))


def programme_list(*, user: Any, after: str | None = None, page_size: int = PAGE_SIZE) -> Page[Programme]:
    """The catalogue: active programmes of the user's region(s), by title, with their next cohort date."""
    rows = programmes_visible_to(user).filter(active=True)
    key = cursor_row(rows, after, "title", "id")
    if key:
        rows = rows.filter(Q(title__gt=key["title"]) | Q(title=key["title"], id__gt=key["id"]))
    today = timezone.localdate()
    rows = rows.select_related("hub").annotate(
        next_start=Min(
            "cohorts__days__date", filter=Q(cohorts__status=CohortStatus.OPEN, cohorts__days__date__gt=today)
        )
    )
    return _page(list(rows.order_by("title", "id")[: page_size + 1]), page_size, lambda p: p.public_id)


def programme_cohorts(*, user: Any, programme: Programme) -> list[Cohort]:
    """Upcoming and recent cohorts of a programme, soonest first, with places taken and waiting."""
    cohorts = _with_places(cohorts_visible_to(user).filter(programme=programme)).select_related("trainer")
    return sorted(cohorts, key=lambda c: (getattr(c, "first_day", None) or date.max, c.pk))


def cohort_with_places(*, user: Any, queryset: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return _with_places(queryset.select_related("programme", "trainer", "delivery_partner"))


def cohort_enrolments(*, user: Any, cohort: Cohort) -> list[Enrolment]:
    """The enrolments of a cohort that the user may see (the hub team all, a provider its own)."""
    return list(
        enrolments_visible_to(user)
        .filter(cohort=cohort)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("learner__recruit__provider", "learner__employer")
        .order_by("status", "waiting_since", Coalesce("learner__recruit__family_name", "learner__name"), "id")
    )


def bookable_recruits(*, user: Any, cohort: Cohort) -> list[Recruit]:
    """Whom the user may book onto this cohort (in its region, not already on it)."""
    already = Enrolment.objects.filter(cohort=cohort, status__in=ACTIVE, recruit__isnull=False).values("recruit_id")
    return list(
        recruits_bookable_by(user)
        .filter(region_id=cohort.region_id)
        .exclude(id__in=already)
        .exclude(status="left")
        .order_by("family_name", "given_names", "id")[:500]
    )


def bookable_learners(*, user: Any, cohort: Cohort) -> list[Learner]:
    """Nominated learners (not recruits) the user may book onto this cohort, not already on it."""
    already = Enrolment.objects.filter(cohort=cohort, status__in=ACTIVE).values("learner_id")
    return list(
        learners_bookable_by(user)
        .filter(region_id=cohort.region_id, recruit__isnull=True)
        .exclude(id__in=already)
        .select_related("employer")
        .order_by("name", "id")[:500]
    )


def learner_list(*, user: Any, after: str | None = None, page_size: int = PAGE_SIZE) -> Page[Learner]:
    """The nominated learners the user sees (a provider its own staff, the hub team its region's),
    by name, keyset-paginated."""
    rows = learners_visible_to(user).filter(recruit__isnull=True)
    key = cursor_row(rows, after, "name", "id")
    if key:
        rows = rows.filter(Q(name__gt=key["name"]) | Q(name=key["name"], id__gt=key["id"]))
    rows = rows.select_related("employer")
    return _page(list(rows.order_by("name", "id")[: page_size + 1]), page_size, lambda learner: learner.public_id)


def learner_training(*, user: Any, learner: Learner) -> tuple[list[Enrolment], list[Certificate]]:
    """A learner's bookings (newest first) and certificates, as the user may see them."""
    enrolments = list(
        enrolments_visible_to(user)
        .filter(learner=learner)
        .select_related("cohort__programme")
        .prefetch_related("cohort__days")
        .order_by("-booked_at", "-id")
    )
    certificates = list(
        certificates_visible_to(user)
        .filter(learner=learner)
        .select_related("programme")
        .order_by("-completed_on", "-id")
    )
    return enrolments, certificates


def evidence_to_check(*, user: Any, after: str | None = None, page_size: int = PAGE_SIZE) -> Page[EnglishEvidence]:
    """Evidence waiting for the hub team, oldest first."""
    rows = english_evidence_visible_to(user).filter(
        status=EvidenceStatus.SUBMITTED, region_id__in=scope_for(user).hub_regions
    )
    key = cursor_row(rows, after, "recorded_at", "id")
    if key:
        rows = rows.filter(Q(recorded_at__gt=key["recorded_at"]) | Q(recorded_at=key["recorded_at"], id__gt=key["id"]))
    rows = rows.select_related("recruit", "recruit__provider", "document")
    return _page(list(rows.order_by("recorded_at", "id")[: page_size + 1]), page_size, lambda e: e.public_id)


def recruit_evidence(*, user: Any, recruit: Recruit) -> list[EnglishEvidence]:
    return list(english_evidence_visible_to(user).filter(recruit=recruit).select_related("document", "reviewed_by"))


@dataclass
class TrainingPlan:
    recruit: Recruit
    planned: list[PlanItem] = field(default_factory=list)
    booked: list[Enrolment] = field(default_factory=list)
    finished: list[Enrolment] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing planned, booked, finished or certified: no PDF is offered (it would be blank)."""
        return not (self.planned or self.booked or self.finished or self.certificates)


def training_plan(*, user: Any, recruit: Recruit) -> TrainingPlan:
    """Everything planned, booked, done and certified for one recruit (whoever employs them now)."""
    enrolments = list(
        enrolments_visible_to(user)
        .filter(recruit=recruit)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("cohort__programme")
        .prefetch_related(Prefetch("cohort__days", queryset=SessionDay.objects.order_by("date")))
        .order_by("-booked_at")
    )
    plan = TrainingPlan(recruit=recruit)
    plan.planned = list(
        PlanItem.objects.filter(recruit=recruit, status=PlanItemStatus.PLANNED).select_related("programme")
    )
    plan.booked = sorted(
        (e for e in enrolments if e.status in ACTIVE), key=lambda e: (e.cohort.starts_on or date.max, e.pk)
    )
    plan.finished = [e for e in enrolments if e.status not in ACTIVE]
    plan.certificates = list(
        certificates_visible_to(user)
        .filter(recruit=recruit)
        .select_related("programme")
        .order_by("-completed_on", "-id")
    )
    return plan


def recruit_certificates(*, user: Any, recruit: Recruit) -> QuerySet[Certificate]:
    return certificates_visible_to(user).filter(recruit=recruit)
