"""The hub team's training figures: fill rate per cohort, completions per programme and per
provider, evidence pending, certificates issued; and their CSV exports (no personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone

from hubs.access import scope_for
from portal.exports import csv_text
from training.models import (
    HOLDS_PLACE,
    Certificate,
    CertificateStatus,
    Cohort,
    EnglishEvidence,
    Enrolment,
    EnrolmentStatus,
    EvidenceStatus,
)

# Cohorts shown: those starting from this many days ago onwards.
RECENT_DAYS = 90
MAX_COHORTS = 200


@dataclass(frozen=True)
class CohortFill:
    cohort: Cohort
    first_day: date | None
    taken: int
    waiting: int
    completed: int

    @property
    def fill_rate(self) -> int:
        return round(100 * self.taken / self.cohort.capacity) if self.cohort.capacity else 0


@dataclass(frozen=True)
class TrainingFigures:
    cohorts: list[CohortFill]
    by_programme: list[Any]
    by_provider: list[Any]
    evidence_to_check: int
    pending_evidence: int
    certificates_valid: int
    certificates_revoked: int
    certificates_last_year: int


def training_figures(*, user: Any) -> TrainingFigures:
    """Six queries, whatever the numbers of cohorts, programmes and providers."""
    regions = scope_for(user).hub_regions
    today = timezone.localdate()
    cohorts = (
        Cohort.objects.filter(region_id__in=regions)
        .annotate(
            first=Min("days__date"),
            taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_PLACE), distinct=True),
            waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING), distinct=True),
            completed=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.COMPLETED), distinct=True),
        )
        .filter(first__gte=today - timedelta(days=RECENT_DAYS))
        .select_related("programme")
        .order_by("first", "id")[:MAX_COHORTS]
    )
    fills = [
        CohortFill(c, c.first, c.taken + c.completed, c.waiting, c.completed)  # type: ignore[attr-defined]
        for c in cohorts
    ]
    completions = Enrolment.objects.filter(region_id__in=regions, status=EnrolmentStatus.COMPLETED)
    by_programme = list(
        completions.values("cohort__programme__title")
        .annotate(n=Count("id"))
        .order_by("-n", "cohort__programme__title")
    )
    by_provider = list(completions.values("provider__name").annotate(n=Count("id")).order_by("-n", "provider__name"))
    evidence = EnglishEvidence.objects.filter(region_id__in=regions, status=EvidenceStatus.SUBMITTED).count()
    pending = Enrolment.objects.filter(region_id__in=regions, status=EnrolmentStatus.PENDING_EVIDENCE).count()
    certificates = Certificate.objects.filter(region_id__in=regions).aggregate(
        valid=Count("id", filter=Q(status=CertificateStatus.VALID)),
        revoked=Count("id", filter=Q(status=CertificateStatus.REVOKED)),
        last_year=Count("id", filter=Q(completed_on__gte=today - timedelta(days=365))),
    )
    return TrainingFigures(
        cohorts=fills,
        by_programme=by_programme,
        by_provider=by_provider,
        evidence_to_check=evidence,
        pending_evidence=pending,
        certificates_valid=certificates["valid"],
        certificates_revoked=certificates["revoked"],
        certificates_last_year=certificates["last_year"],
    )


def cohorts_csv(figures: TrainingFigures) -> str:
    rows = [
        [
            f.cohort.programme.title,
            f.first_day,
            f.cohort.venue,
            f.cohort.capacity,
            f.taken,
            f.waiting,
            f.completed,
            f.fill_rate,
        ]
        for f in figures.cohorts
    ]
    header = ["programme", "first day", "venue", "places", "taken", "waiting", "completed", "fill rate %"]
    return csv_text(header, rows)


def completions_csv(figures: TrainingFigures) -> str:
    rows = [["programme", r["cohort__programme__title"], r["n"]] for r in figures.by_programme]
    rows += [["provider", r["provider__name"] or "No employer", r["n"]] for r in figures.by_provider]
    return csv_text(["by", "name", "completions"], rows)


@dataclass(frozen=True)
class RegionTraining:
    """One region's training counts for the national team (no names)."""

    region: Any
    booked: int = 0
    pending_evidence: int = 0
    completed: int = 0
    certificates_valid: int = 0
    certificates_last_year: int = 0
    evidence_to_check: int = 0


NATIONAL_MEASURES = [
    ("booked", "Booked now"),
    ("pending_evidence", "Bookings waiting for evidence"),
    ("completed", "Courses completed"),
    ("certificates_last_year", "Certificates issued (12 months)"),
    ("certificates_valid", "Valid certificates"),
    ("evidence_to_check", "English evidence to check"),
]


def training_figures_by_region(*, regions: list[Any]) -> list[RegionTraining]:
    """Every region's counts: three queries whatever the number of regions."""
    year_ago = timezone.localdate() - timedelta(days=365)
    counts: dict[int, dict[str, Any]] = {region.pk: {} for region in regions}
    queries: list[Any] = [
        Enrolment.objects.values("region_id").annotate(
            booked=Count("id", filter=Q(status__in=HOLDS_PLACE)),
            pending_evidence=Count("id", filter=Q(status=EnrolmentStatus.PENDING_EVIDENCE)),
            completed=Count("id", filter=Q(status=EnrolmentStatus.COMPLETED)),
        ),
        Certificate.objects.values("region_id").annotate(
            certificates_valid=Count("id", filter=Q(status=CertificateStatus.VALID)),
            certificates_last_year=Count("id", filter=Q(completed_on__gte=year_ago)),
        ),
        EnglishEvidence.objects.filter(status=EvidenceStatus.SUBMITTED)
        .values("region_id")
        .annotate(evidence_to_check=Count("id")),
    ]
    for query in queries:
        for row in query.order_by():
            counts.setdefault(row["region_id"], {}).update(row)
    keys = [key for key, _ in NATIONAL_MEASURES]
    return [
        RegionTraining(region, **{key: counts.get(region.pk, {}).get(key, 0) for key in keys}) for region in regions
    ]
