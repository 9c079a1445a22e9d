"""The register of each session day, the completion rule, certificates and their PDF."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import RecruitFactory
from tests.pdfs import pdf_facts
from training import services
from training.certificates import attendance_record, certificate_pdf, certificate_revoke, certificate_verify
from training.models import Attendance, Certificate, EnrolmentStatus

from .builders import cohort, move_to_past, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_days(cast):
    made = cohort(
        programme(
            cast.region_a,
            english=False,
            certification="Level 1 in safeguarding and protection",
        )
    )
    people = [cast.recruit_a, RecruitFactory(provider=cast.provider_a), RecruitFactory(provider=cast.provider_a)]
    enrolments = [services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=r) for r in people]
    move_to_past(made)
    return made, enrolments


def _days(made):
    return list(made.days.order_by("date"))


def test_every_day_attended_completes_and_issues_a_certificate(cast, three_days) -> None:
    made, (full, partial, absent) = three_days
    day_one, day_two, day_three = _days(made)
    attendance_record(actor=cast.staff_a, day=day_one, present={full.pk, partial.pk})
    attendance_record(actor=cast.staff_a, day=day_two, present={full.pk})
    assert not Certificate.objects.exists(), "no decision before the last day is taken"

    decided = attendance_record(actor=cast.staff_a, day=day_three, present={full.pk, partial.pk})

    assert {e.pk: e.status for e in decided} == {
        full.pk: EnrolmentStatus.COMPLETED,
        partial.pk: EnrolmentStatus.NOT_COMPLETED,
        absent.pk: EnrolmentStatus.NO_SHOW,
    }
    certificate = Certificate.objects.get()
    assert certificate.enrolment == full
    assert certificate.holder_name == "Ada Adeyemi"
    assert certificate.completed_on == day_three.date
    assert certificate_verify(certificate.code).outcome == "valid"


def test_a_programme_rule_can_accept_fewer_days(cast, three_days) -> None:
    made, (first, second, _third) = three_days
    made.programme.min_days_to_complete = 2
    made.programme.save()
    for day in _days(made)[:2]:
        attendance_record(actor=cast.staff_a, day=day, present={first.pk, second.pk})
    attendance_record(actor=cast.staff_a, day=_days(made)[2], present=set())
    assert Certificate.objects.count() == 2


def test_a_corrected_register_revokes_then_restores_the_same_certificate(cast, three_days) -> None:
    made, (full, *_rest) = three_days
    for day in _days(made):
        attendance_record(actor=cast.staff_a, day=day, present={full.pk})
    code = Certificate.objects.get().code

    attendance_record(actor=cast.staff_a, day=_days(made)[1], present=set())
    assert certificate_verify(code).outcome == "revoked"
    full.refresh_from_db()
    assert full.status == EnrolmentStatus.NOT_COMPLETED

    attendance_record(actor=cast.staff_a, day=_days(made)[1], present={full.pk})
    assert certificate_verify(code).outcome == "valid"
    assert Certificate.objects.count() == 1


def test_a_register_cannot_be_taken_before_the_day(cast) -> None:
    made = cohort(programme(cast.region_a, english=False))
    services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=cast.recruit_a)
    with pytest.raises(ValidationError, match="on the day or afterwards"):
        attendance_record(actor=cast.staff_a, day=_days(made)[0], present=set())
    assert not Attendance.objects.exists()


def test_people_still_pending_evidence_are_not_on_the_register(cast) -> None:
    made = cohort(programme(cast.region_a))  # with the English rule, no evidence: pending
    pending = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=cast.recruit_a)
    move_to_past(made)
    attendance_record(actor=cast.staff_a, day=_days(made)[0], present={pending.pk})
    assert not Attendance.objects.exists()


def test_the_certificate_pdf_carries_the_code_and_a_verification_link(cast, three_days, settings) -> None:
    settings.SITE_URL = "https://portal.example"
    made, (full, *_rest) = three_days
    for day in _days(made):
        attendance_record(actor=cast.staff_a, day=day, present={full.pk})
    certificate = Certificate.objects.get()

    facts = pdf_facts(certificate_pdf(certificate))

    assert facts.tagged and facts.language == "en-GB" and facts.pages == 1
    assert "Ada Adeyemi" in facts.text and "Translating Care" in facts.text
    assert "Level 1 in safeguarding and protection" in facts.text
    assert certificate.code in facts.text
    assert f"https://portal.example/training/verify/{certificate.code}/" in facts.text.replace("\n", "")


def test_a_revoked_certificate_says_so(cast, three_days) -> None:
    made, (full, *_rest) = three_days
    for day in _days(made):
        attendance_record(actor=cast.staff_a, day=day, present={full.pk})
    certificate = Certificate.objects.get()
    with pytest.raises(ValidationError):
        certificate_revoke(actor=cast.lead_a, certificate=certificate, reason=" ")
    certificate_revoke(actor=cast.lead_a, certificate=certificate, reason="Issued in error")
    assert certificate_verify(certificate.code).outcome == "revoked"


def test_completion_uses_the_last_session_day(cast, three_days) -> None:
    made, (full, *_rest) = three_days
    for day in _days(made):
        attendance_record(actor=cast.staff_a, day=day, present={full.pk})
    assert Certificate.objects.get().completed_on == timezone.localdate()
