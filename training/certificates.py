"""Attendance, completion and certificates (with their public verification codes).

The trainer ticks who is present on each session day. Once every day of a cohort has been
taken for a person, the programme's completion rule decides: completed (a certificate is
issued), did not complete, or did not attend at all. A correction of the register decides again
(a certificate issued in error is revoked, not deleted, so its code still verifies as revoked).
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from portal.pdf import data_uri, pdf_render
from training.models import (
    Attendance,
    Certificate,
    CertificateStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    SessionDay,
)

# No 0/O, 1/I/L: codes are read off paper and typed in by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4
# Who appears on a day's register: people with a place, and those already decided (for corrections).
ON_REGISTER = [
    EnrolmentStatus.BOOKED,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.NOT_COMPLETED,
    EnrolmentStatus.NO_SHOW,
]


def certificate_new_code() -> str:
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS)]
    return "-".join(groups)


def certificate_normalise_code(text: str) -> str | None:
    """`abcd efgh-jkmn` → `ABCD-EFGH-JKMN`; None when it cannot be a code at all."""
    raw = re.sub(r"[\s\-]", "", text or "").upper()
    if len(raw) != CODE_GROUPS * CODE_GROUP_LENGTH or any(char not in CODE_ALPHABET for char in raw):
        return None
    return "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


def register_for(day: SessionDay) -> list[tuple[Enrolment, bool | None]]:
    """The people on a day's register and whether they were marked present (None: not yet)."""
    enrolments = list(
        Enrolment.objects.filter(cohort_id=day.cohort_id, status__in=ON_REGISTER)
        .select_related("learner__recruit")
        .order_by(Coalesce("learner__recruit__family_name", "learner__name"), "learner__recruit__given_names", "id")
    )
    marks = dict(Attendance.objects.filter(day=day).values_list("enrolment_id", "present"))
    return [(enrolment, marks.get(enrolment.pk)) for enrolment in enrolments]


def attendance_record(*, actor: User, day: SessionDay, present: set[int]) -> list[Enrolment]:
    """Take the register of `day`: ticked enrolment ids are present, everyone else on it absent.

    Returns the enrolments whose outcome was decided (or changed) by this register.
    """
    if day.date > timezone.localdate():
        raise ValidationError(f"The register for {day} can be taken on the day or afterwards, not before.")
    with transaction.atomic():
        enrolments = list(
            Enrolment.objects.select_for_update(of=("self",))
            .filter(cohort_id=day.cohort_id, status__in=ON_REGISTER)
            .select_related("learner__recruit", "cohort__programme")
        )
        for enrolment in enrolments:
            Attendance.objects.update_or_create(
                enrolment=enrolment, day=day, defaults={"present": enrolment.pk in present, "marked_by": actor}
            )
        return [enrolment for enrolment in enrolments if _decide(enrolment)]


def _decide(enrolment: Enrolment) -> bool:
    """Apply the completion rule once every day has been taken; True if the outcome changed."""
    days = SessionDay.objects.filter(cohort_id=enrolment.cohort_id)
    total = days.count()
    marks = list(Attendance.objects.filter(enrolment=enrolment).values_list("present", flat=True))
    if len(marks) < total:
        return False
    needed = enrolment.cohort.programme.min_days_to_complete or total
    attended = sum(marks)
    if attended >= min(needed, total):
        outcome = EnrolmentStatus.COMPLETED
    elif attended == 0:
        outcome = EnrolmentStatus.NO_SHOW
    else:
        outcome = EnrolmentStatus.NOT_COMPLETED
    if outcome == enrolment.status:
        return False
    enrolment.status = outcome
    enrolment.save(update_fields=["status"])
    if outcome == EnrolmentStatus.COMPLETED:
        last_day = days.order_by("-date").values_list("date", flat=True).first()
        _issue(enrolment, completed_on=last_day or timezone.localdate())
    else:
        Certificate.objects.filter(enrolment=enrolment, status=CertificateStatus.VALID).update(
            status=CertificateStatus.REVOKED, revoked_reason="Attendance corrected", revoked_at=timezone.now()
        )
    return True


def _issue(enrolment: Enrolment, *, completed_on) -> Certificate:
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        # A corrected register completes again: the same certificate (and code) is valid again.
        existing.status, existing.revoked_reason, existing.revoked_at = CertificateStatus.VALID, "", None
        existing.save(update_fields=["status", "revoked_reason", "revoked_at"])
        return existing
    programme = enrolment.cohort.programme
    return Certificate.objects.create(
        region_id=enrolment.region_id,
        learner_id=enrolment.learner_id,
        recruit_id=enrolment.recruit_id,
        enrolment=enrolment,
        programme=programme,
        holder_name=enrolment.learner.full_name,
        programme_title=programme.title,
        certification=programme.certification,
        completed_on=completed_on,
        code=certificate_new_code(),
    )


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the certificate is revoked."})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.REVOKED:
        raise ValidationError("This certificate is already revoked.")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_reason = reason.strip()[:300]
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["status", "revoked_reason", "revoked_at"])
    return certificate


# The awarding body: the cohort's registration list out, the body's certificate numbers back in

REGISTRATION_HEADER = [
    "Learner name",
    "Date of birth",
    "Programme",
    "Awarding body",
    "Qualification",
    "Level",
    "Completion date",
    "Portal certificate code",
]


def registration_rows(cohort: Cohort) -> list[list[str]]:
    """One row per valid certificate of the cohort, the learner's name as on the certificate.

    The date of birth is the recruit's when the portal holds it (learners who are not recruits
    will have none). The qualification is the programme's; a revoked certificate is left out.
    """
    programme = cohort.programme
    certificates = (
        Certificate.objects.filter(enrolment__cohort=cohort, status=CertificateStatus.VALID)
        .select_related("learner__recruit")
        .order_by("holder_name", "id")
    )
    return [
        [
            certificate.holder_name,
            certificate.learner.recruit.date_of_birth.isoformat()
            if certificate.learner.recruit and certificate.learner.recruit.date_of_birth
            else "",
            certificate.programme_title,
            programme.awarding_body,
            programme.qualification_title,
            programme.qualification_level,
            certificate.completed_on.isoformat(),
            certificate.code,
        ]
        for certificate in certificates
    ]


@transaction.atomic
def certificate_record_award(*, actor: User, certificate: Certificate, number: str, awarded_on) -> Certificate:
    """Record the awarding body's certificate number and date beside the portal's certificate."""
    number = number.strip()
    if not number:
        raise ValidationError({"number": "Enter the awarding body's certificate number"})
    if awarded_on is None:
        raise ValidationError({"awarded_on": "Enter the date the awarding body gave"})
    if awarded_on > timezone.localdate():
        raise ValidationError({"awarded_on": "The date awarded must be today or in the past"})
    certificate = Certificate.objects.select_for_update().select_related("programme").get(pk=certificate.pk)
    if awarded_on < certificate.completed_on:
        raise ValidationError({"awarded_on": "The date awarded must be on or after the completion date"})
    body = certificate.awarding_body or certificate.programme.awarding_body
    if not body:
        raise ValidationError("This programme leads to no external qualification: add its awarding body first.")
    certificate.awarding_body = body
    certificate.awarding_body_number = number[:60]
    certificate.awarding_body_awarded_on = awarded_on
    certificate.save(update_fields=["awarding_body", "awarding_body_number", "awarding_body_awarded_on"])
    return certificate


# The PDF and the public page


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("certificate_verify_code", args=[code])


def qr_svg_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return data_uri(buffer.getvalue(), "image/svg+xml")


def certificate_pdf(certificate: Certificate) -> bytes:
    url = verification_url(certificate.code)
    context = {"certificate": certificate, "verify_url": url, "qr": qr_svg_data_uri(url)}
    return pdf_render(
        template="training/pdf/certificate.html",
        context=context,
        title=f"Certificate: {certificate.programme_title}, {certificate.holder_name}",
    )


@dataclass(frozen=True)
class Verification:
    """What the public page may say about a code: nothing else ever leaves this function."""

    outcome: str  # "valid", "revoked" or "unknown"
    holder_name: str = ""
    programme_title: str = ""
    completed_on: object = None
    code: str = ""
    awarding_body: str = ""
    awarding_body_number: str = ""
    awarding_body_awarded_on: object = None


def certificate_verify(code: str) -> Verification:
    normalised = certificate_normalise_code(code)
    if normalised is None:
        return Verification("unknown")
    row = (
        Certificate.objects.filter(code=normalised)
        .values(
            "holder_name",
            "programme_title",
            "completed_on",
            "status",
            "code",
            "awarding_body",
            "awarding_body_number",
            "awarding_body_awarded_on",
        )
        .first()
    )
    if row is None:
        return Verification("unknown")
    return Verification(
        outcome=row["status"],
        holder_name=row["holder_name"],
        programme_title=row["programme_title"],
        completed_on=row["completed_on"],
        code=row["code"],
        awarding_body=row["awarding_body"],
        awarding_body_number=row["awarding_body_number"],
        awarding_body_awarded_on=row["awarding_body_awarded_on"],
    )
