"""Eligibility: each path of the English rule (certificate upload, assessment result, missing,
expired), checked at booking and again before the start."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Reminder
from training import services
from training.eligibility import Outcome
from training.models import EnrolmentStatus, EvidenceStatus
from training.services import EVIDENCE_DUE, enrolment_eligibility

from .builders import certificate_file, cohort, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def translating_care(cast):
    return cohort(programme(cast.region_a))


def test_a_recruit_without_evidence_is_pending_with_what_is_missing_and_a_deadline(cast, translating_care) -> None:
    enrolment = services.enrolment_book(actor=cast.recruit_user_a, cohort=translating_care, recruit=cast.recruit_a)

    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE
    assert enrolment.evidence_deadline is not None
    assert enrolment.evidence_deadline < translating_care.starts_on
    [result] = enrolment_eligibility(enrolment)
    assert result.outcome == Outcome.MISSING
    assert result.message == (
        "English at ESOL Entry 3 or higher: upload an English certificate or take the hub's literacy assessment "
        "(on your training plan)"
        f" by {enrolment.evidence_deadline:%d %B %Y}"
    )
    reminder = Reminder.objects.get(kind=EVIDENCE_DUE, object_id=str(enrolment.pk))
    assert reminder.recipient == cast.recruit_user_a
    assert timezone.localdate(reminder.due_at) <= enrolment.evidence_deadline


def test_an_uploaded_certificate_waits_for_the_hub_then_books_the_place(cast, translating_care) -> None:
    enrolment = services.enrolment_book(actor=cast.recruit_user_a, cohort=translating_care, recruit=cast.recruit_a)
    evidence = services.evidence_upload_certificate(
        actor=cast.recruit_user_a,
        recruit=cast.recruit_a,
        upload=certificate_file(),
        level="entry_3",
        evidence_date=timezone.localdate() - timedelta(days=100),
        valid_until=None,
    )
    assert evidence.status == EvidenceStatus.SUBMITTED
    assert evidence.document is not None and evidence.document.kind == "english_test"
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE
    assert enrolment_eligibility(enrolment)[0].outcome == Outcome.AWAITING_REVIEW

    services.evidence_review(actor=cast.staff_a, evidence=evidence, approve=True)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.BOOKED
    reminder = Reminder.objects.get(kind=EVIDENCE_DUE, object_id=str(enrolment.pk))
    assert reminder.status == Reminder.Status.CANCELLED


def test_an_assessment_result_recorded_by_the_hub_counts_at_once(cast, translating_care) -> None:
    services.evidence_record_assessment(
        actor=cast.staff_a,
        recruit=cast.recruit_a,
        level="level_1",
        evidence_date=timezone.localdate(),
        assessment_name="Online literacy assessment",
        score="74",
    )
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=translating_care, recruit=cast.recruit_a)
    assert enrolment.status == EnrolmentStatus.BOOKED
    assert not Reminder.objects.filter(kind=EVIDENCE_DUE).exclude(status="cancelled").exists()


def test_a_level_below_the_rule_does_not_count(cast, translating_care) -> None:
    services.evidence_record_assessment(
        actor=cast.staff_a,
        recruit=cast.recruit_a,
        level="entry_2",
        evidence_date=timezone.localdate(),
        assessment_name="Online literacy assessment",
        score="41",
    )
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=translating_care, recruit=cast.recruit_a)
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE
    assert enrolment_eligibility(enrolment)[0].outcome == Outcome.MISSING


def test_expired_evidence_says_it_is_out_of_date(cast, translating_care) -> None:
    start = translating_care.starts_on
    evidence = services.evidence_upload_certificate(
        actor=cast.staff_a,  # the hub's own upload is accepted as it is recorded
        recruit=cast.recruit_a,
        upload=certificate_file(),
        level="entry_3",
        evidence_date=timezone.localdate() - timedelta(days=400),
        valid_until=start - timedelta(days=1),
    )
    assert evidence.status == EvidenceStatus.APPROVED
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=translating_care, recruit=cast.recruit_a)

    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE
    [result] = enrolment_eligibility(enrolment)
    assert result.outcome == Outcome.EXPIRED
    assert "out of date for this start date" in result.message


def test_a_rule_with_a_maximum_age_refuses_old_evidence(cast) -> None:
    made = programme(cast.region_a, title="Short course", days=1)
    made.rules.update(max_age_months=12)
    services.evidence_record_assessment(
        actor=cast.staff_a,
        recruit=cast.recruit_a,
        level="entry_3",
        evidence_date=timezone.localdate() - timedelta(days=500),
        assessment_name="Online literacy assessment",
        score="60",
    )
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=cohort(made), recruit=cast.recruit_a)
    assert enrolment_eligibility(enrolment)[0].outcome == Outcome.EXPIRED


def test_a_programme_without_rules_books_straight_away(cast) -> None:
    made = cohort(programme(cast.region_a, title="Wound care", days=1, english=False))
    enrolment = services.enrolment_book(actor=cast.recruit_user_a, cohort=made, recruit=cast.recruit_a)
    assert enrolment.status == EnrolmentStatus.BOOKED


def test_the_recheck_before_the_start_releases_places_without_evidence_to_the_waiting_list(cast) -> None:
    from tests.factories import RecruitFactory

    made = cohort(programme(cast.region_a), capacity=1, start=timezone.localdate() + timedelta(days=10))
    first = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=cast.recruit_a)
    second_recruit = RecruitFactory(provider=cast.provider_a)
    services.evidence_record_assessment(
        actor=cast.staff_a,
        recruit=second_recruit,
        level="entry_3",
        evidence_date=timezone.localdate(),
        assessment_name="Online literacy assessment",
        score="60",
    )
    second = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=second_recruit)
    assert (first.status, second.status) == (EnrolmentStatus.PENDING_EVIDENCE, EnrolmentStatus.WAITING)

    # Before the deadline nothing changes.
    assert services.cohort_recheck(cohort=made) == []
    first.refresh_from_db()
    assert first.status == EnrolmentStatus.PENDING_EVIDENCE

    # The deadline passes without evidence.
    type(first).objects.filter(pk=first.pk).update(evidence_deadline=timezone.localdate() - timedelta(days=1))
    offered = services.cohort_recheck(cohort=made)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EnrolmentStatus.CANCELLED
    assert first.cancel_reason.startswith("Evidence not received by")
    assert offered == [second] and second.status == EnrolmentStatus.BOOKED
    assert Reminder.objects.filter(kind=services.BOOKING_CANCELLED, object_id=str(first.pk)).exists()
    assert Reminder.objects.filter(kind=services.PLACE_OFFERED, object_id=str(second.pk)).exists()


def test_the_recheck_keeps_a_place_whose_evidence_the_hub_has_not_checked_yet(cast) -> None:
    made = cohort(programme(cast.region_a), start=timezone.localdate() + timedelta(days=10))
    enrolment = services.enrolment_book(actor=cast.recruit_user_a, cohort=made, recruit=cast.recruit_a)
    services.evidence_upload_certificate(
        actor=cast.recruit_user_a,
        recruit=cast.recruit_a,
        upload=certificate_file(),
        level="entry_3",
        evidence_date=timezone.localdate(),
        valid_until=None,
    )
    type(enrolment).objects.filter(pk=enrolment.pk).update(evidence_deadline=timezone.localdate() - timedelta(days=1))
    services.cohort_recheck(cohort=made)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE
    assert Reminder.objects.filter(
        kind=services.EVIDENCE_TO_CHECK, object_id=str(enrolment.pk), recipient_role="hub_staff"
    ).exists()


def test_evidence_dated_in_the_future_is_refused(cast) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.evidence_record_assessment(
            actor=cast.staff_a,
            recruit=cast.recruit_a,
            level="entry_3",
            evidence_date=timezone.localdate() + timedelta(days=1),
            assessment_name="x",
            score="",
        )
    assert "cannot be in the future" in str(error.value)
