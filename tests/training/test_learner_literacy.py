"""The literacy assessment for learners who are not recruits (issue 18 item 3): their employer or the
hub books them, they take it after signing in by emailed code, and a pass releases a Translating Care
booking exactly as an Entry 3 certificate would. Driven through the pages a person uses."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from tests.factories import ProviderFactory, user_with_role
from training import services
from training.learners import learner_nominate
from training.models import EnglishEvidence, EnrolmentStatus, Learner, LiteracyAssessment, LiteracyBooking

from .builders import cohort, programme
from .test_literacy import QUESTIONS

pytestmark = pytest.mark.django_db


def _assessment(cast, *, mode: str = "in_portal") -> LiteracyAssessment:
    from training.literacy import literacy_question_add

    assessment = LiteracyAssessment.objects.create(
        region=cast.region_a,
        title="Hub literacy check",
        mode=mode,
        level="entry_3",
        pass_mark=2,
        external_url="https://assess.example/start" if mode == "external" else "",
    )
    if mode == "in_portal":
        for text, options, correct in QUESTIONS:
            literacy_question_add(
                actor=cast.staff_a, assessment=assessment, text=text, options=options, correct=correct
            )
    return assessment


def _grace(cast) -> Learner:
    return learner_nominate(
        actor=cast.provider_admin_a,
        employer=cast.provider_a,
        data={"name": "Grace Thompson", "job_role": "Care assistant", "email": "grace@care.test"},
    )


def _sign_in_as_learner(client, email: str) -> None:
    client.post(reverse("learner_sign_in"), {"email": email})
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.MULTILINE)
    assert code, mail.outbox[-1].body
    assert client.post(reverse("learner_code"), {"code": code.group(1)})["Location"] == reverse("my_learning")


def _answer_all(client, booking: LiteracyBooking, *, right: int) -> None:
    url = reverse("learner_literacy", args=[booking.public_id])
    for number, question in enumerate(booking.assessment.questions.all()):
        page = client.get(url).content.decode()
        assert question.text in page
        choice = question.correct if number < right else (question.correct + 1) % len(question.options)
        assert client.post(url, {"answer": choice}).status_code == 302


def test_the_employer_books_the_learner_who_passes_and_their_pending_place_is_released(client, cast) -> None:
    _assessment(cast)
    grace = _grace(cast)
    enrolment = services.enrolment_book(
        actor=cast.provider_admin_a, cohort=cohort(programme(cast.region_a)), learner=grace
    )
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE

    # The booking says what she can do (she has no upload) and leads to her page.
    client.force_login(cast.provider_admin_a)
    pending = client.get(enrolment.get_absolute_url()).content.decode()
    assert "pass the hub&#x27;s literacy assessment (book it on the learner&#x27;s page)" in pending
    assert "upload an English certificate" not in pending and f"{grace.get_absolute_url()}#literacy" in pending

    # The employer sees the learner's page and books the assessment from it.
    page = client.get(grace.get_absolute_url()).content.decode()
    assert "Not booked onto the literacy assessment" in page
    response = client.post(reverse("learner_literacy_book", args=[grace.public_id]))
    assert response["Location"] == grace.get_absolute_url()
    booking = LiteracyBooking.objects.get(learner=grace)
    assert booking.recruit is None and booking.booked_by == cast.provider_admin_a
    assert "choose “See your training” and enter" in client.get(grace.get_absolute_url()).content.decode()
    # Booking again while it is open reuses the booking.
    client.post(reverse("learner_literacy_book", args=[grace.public_id]))
    assert LiteracyBooking.objects.filter(learner=grace).count() == 1

    # Grace signs in by emailed code and takes it.
    client.logout()
    _sign_in_as_learner(client, "grace@care.test")
    own = client.get(reverse("my_learning")).content.decode()
    assert reverse("learner_literacy", args=[booking.public_id]) in own
    _answer_all(client, booking, right=3)
    result = client.get(reverse("learner_literacy", args=[booking.public_id])).content.decode()
    assert "Passed" in result and "3 out of 3" in result
    # She has no account to book with: her employer does.
    assert "ask them for a place" in result and "you can now book it" not in result

    booking.refresh_from_db()
    enrolment.refresh_from_db()
    evidence = EnglishEvidence.objects.get(learner=grace)
    assert booking.status == "passed" and booking.evidence == evidence and evidence.recorded_by is None
    assert enrolment.status == EnrolmentStatus.BOOKED
    # After a pass her page offers no second booking.
    client.force_login(cast.provider_admin_a)
    page = client.get(grace.get_absolute_url()).content.decode()
    assert "Passed the literacy assessment" in page
    assert reverse("learner_literacy_book", args=[grace.public_id]) not in page
    # A later booking of an English course is booked at once.
    later = services.enrolment_book(
        actor=cast.provider_admin_a, cohort=cohort(programme(cast.region_a, title="Translating Care 2")), learner=grace
    )
    assert later.status == EnrolmentStatus.BOOKED


def test_a_fail_leaves_the_place_pending_and_another_booking_can_follow(client, cast) -> None:
    _assessment(cast)
    grace = _grace(cast)
    enrolment = services.enrolment_book(
        actor=cast.provider_admin_a, cohort=cohort(programme(cast.region_a)), learner=grace
    )
    client.force_login(cast.staff_a)
    client.post(reverse("learner_literacy_book", args=[grace.public_id]))
    booking = LiteracyBooking.objects.get(learner=grace)
    client.logout()
    _sign_in_as_learner(client, "grace@care.test")
    _answer_all(client, booking, right=1)
    result = client.get(reverse("learner_literacy", args=[booking.public_id])).content.decode()
    assert "did not reach the level" in result and "Your employer or the hub can book you onto it again" in result
    assert "upload an English certificate" not in result  # a learner has no evidence upload
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE and not EnglishEvidence.objects.filter(learner=grace)
    # A taken booking takes no more answers.
    question = booking.assessment.questions.first()
    assert (
        client.post(reverse("learner_literacy", args=[booking.public_id]), {"answer": question.correct}).status_code
        == 403
    )
    # The hub books a second attempt.
    client.force_login(cast.staff_a)
    client.post(reverse("learner_literacy_book", args=[grace.public_id]))
    assert LiteracyBooking.objects.filter(learner=grace).count() == 2


def test_the_hub_records_an_external_result_for_a_learner(client, cast) -> None:
    _assessment(cast, mode="external")
    grace = _grace(cast)
    enrolment = services.enrolment_book(
        actor=cast.provider_admin_a, cohort=cohort(programme(cast.region_a)), learner=grace
    )
    client.force_login(cast.provider_admin_a)
    client.post(reverse("learner_literacy_book", args=[grace.public_id]))
    booking = LiteracyBooking.objects.get(learner=grace)
    # The employer sees the booking but the result is the hub's to record.
    assert client.get(booking.get_absolute_url()).status_code == 200
    assert client.get(reverse("literacy_result", args=[booking.public_id])).status_code == 403
    client.force_login(cast.staff_a)
    overview = client.get(reverse("literacy_overview")).content.decode()
    assert "Grace Thompson" in overview
    response = client.post(
        reverse("literacy_result", args=[booking.public_id]),
        {"level": "entry_3", "score": "E3", "taken_on": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.BOOKED


def test_only_the_learner_takes_it_and_only_their_people_book_it(client, cast) -> None:
    _assessment(cast)
    grace = _grace(cast)
    other = learner_nominate(
        actor=cast.provider_admin_a,
        employer=cast.provider_a,
        data={"name": "Omar Farouk", "job_role": "Carer", "email": "omar@care.test"},
    )
    client.force_login(cast.staff_a)
    client.post(reverse("learner_literacy_book", args=[grace.public_id]))
    booking = LiteracyBooking.objects.get(learner=grace)
    client.logout()
    # Not signed in, or signed in as someone else: 404.
    assert client.get(reverse("learner_literacy", args=[booking.public_id])).status_code == 404
    _sign_in_as_learner(client, other.email)
    assert client.get(reverse("learner_literacy", args=[booking.public_id])).status_code == 404
    # Another provider of the region does not see Grace: 404 on booking her.
    stranger = user_with_role(Role.PROVIDER_ADMIN, ProviderFactory(region=cast.region_a))
    client.force_login(stranger)
    assert client.post(reverse("learner_literacy_book", args=[grace.public_id])).status_code == 404
