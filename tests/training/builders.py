"""Builders for training tests: a programme with an English rule, a cohort of future days."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hubs.models import Region
from recruits.models import EnglishLevel
from training.models import Cohort, EligibilityRule, EvidenceKind, Programme, SessionDay

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def programme(
    region: Region, *, title: str = "Translating Care", days: int = 3, english: bool = True, **extra
) -> Programme:
    made = Programme.objects.create(region=region, title=title, duration_days=days, **extra)
    if english:
        EligibilityRule.objects.create(
            programme=made,
            english_minimum=EnglishLevel.ENTRY_3,
            accepted_evidence=[EvidenceKind.CERTIFICATE, EvidenceKind.ASSESSMENT],
        )
    return made


def cohort(
    of: Programme, *, start: date | None = None, capacity: int = 10, deadline: date | None = None, **extra
) -> Cohort:
    start = start or timezone.localdate() + timedelta(days=30)
    made = Cohort.objects.create(
        region=of.region,
        programme=of,
        venue="Training centre",
        capacity=capacity,
        booking_deadline=deadline or start - timedelta(days=7),
        **extra,
    )
    SessionDay.objects.bulk_create(
        [SessionDay(cohort=made, date=start + timedelta(days=n)) for n in range(of.duration_days)]
    )
    return made


def move_to_past(made: Cohort, *, ended_days_ago: int = 0) -> None:
    """As if the cohort had run: its days end `ended_days_ago` days before today."""
    days = list(made.days.order_by("date"))
    last = timezone.localdate() - timedelta(days=ended_days_ago)
    for offset, day in enumerate(reversed(days)):
        day.date = last - timedelta(days=offset)
        day.save(update_fields=["date"])


def certificate_file(name: str = "esol-entry-3.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")
