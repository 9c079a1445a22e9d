"""The training part of a worker's job passport: what a prospective employer may see of it.

Certificates (title, date, and the code anyone can verify), Care Certificate progress as a count
of standards assessed as met, and courses booked. Never the self-ratings, evidence notes or
development-plan text, which are the worker's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from recruits.models import Recruit
from training.models import (
    ACTIVE,
    CareCertificateStandard,
    Certificate,
    CertificateStatus,
    Enrolment,
    SelfAssessment,
    StandardReview,
)


@dataclass(frozen=True)
class PassportTraining:
    certificates: list[str] = field(default_factory=list)
    care_certificate: str = ""
    booked: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.certificates and not self.booked


def passport_training(recruit: Recruit) -> PassportTraining:
    certificates = [
        f"{c.programme_title}, completed {c.completed_on:%-d %B %Y} (verification code {c.code})"
        for c in Certificate.objects.filter(recruit=recruit, status=CertificateStatus.VALID).order_by("-completed_on")
    ]
    standards = CareCertificateStandard.objects.count()
    met = SelfAssessment.objects.filter(recruit=recruit, review=StandardReview.ASSESSED).count()
    care_certificate = f"Care Certificate: {met} of {standards} standards assessed as met" if standards else ""
    enrolments = (
        Enrolment.objects.filter(recruit=recruit, status__in=ACTIVE)
        .select_related("cohort__programme")
        .prefetch_related("cohort__days")
    )
    booked = [
        f"{e.cohort.programme.title}, starting {e.cohort.starts_on:%-d %B %Y}"
        if e.cohort.starts_on
        else e.cohort.programme.title
        for e in sorted(enrolments, key=lambda e: (e.cohort.starts_on or dt.date.max, e.pk))
    ]
    return PassportTraining(certificates=certificates, care_certificate=care_certificate, booked=booked)
