"""The literacy assessment (issue 18 item 3): set-up through forms, server-side scoring, a pass
unlocking eligibility exactly as Entry 3 evidence does, and who sees a booking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProviderFactory, RecruitFactory
from training import services
from training.eligibility import Outcome
from training.literacy import (
    literacy_answer,
    literacy_book,
    literacy_question_add,
    literacy_record_result,
    literacy_score,
)
from training.models import (
    EnglishEvidence,
    EnrolmentStatus,
    EvidenceKind,
    LiteracyAssessment,
    LiteracyBooking,
    LiteracyBookingStatus,
)
from training.services import enrolment_eligibility

from .builders import cohort, programme

pytestmark = pytest.mark.django_db

QUESTIONS = [
    ("Which word means unwell?", ["poorly", "happy", "tall"], 1),
    ("Which is a day of the week?", ["March", "Tuesday", "Winter"], 2),
    ("What do you do before care?", ["Wash your hands", "Leave"], 1),
]


def _in_portal(cast, *, pass_mark: int = 2) -> LiteracyAssessment:
    assessment = LiteracyAssessment.objects.create(
        region=cast.region_a, title="Hub literacy check", mode="in_portal", level="entry_3", pass_mark=pass_mark
    )
    for text, options, correct in QUESTIONS:
        literacy_question_add(actor=cast.staff_a, assessment=assessment, text=text, options=options, correct=correct)
    return assessment


def _external(cast) -> LiteracyAssessment:
    return LiteracyAssessment.objects.create(
        region=cast.region_a, mode="external", external_url="https://assess.example/start", level="entry_3"
    )


def _take(cast, booking: LiteracyBooking, *, right: int) -> LiteracyBooking:
    for number, question in enumerate(booking.assessment.questions.all()):
        choice = question.correct if number < right else (question.correct + 1) % len(question.options)
        booking = literacy_answer(actor=cast.recruit_user_a, booking=booking, question_id=question.pk, choice=choice)
    return booking


@pytest.fixture
def pending(cast):
    """Recruit A booked onto Translating Care (Entry 3 needed) without evidence."""
    enrolment = services.enrolment_book(
        actor=cast.recruit_user_a, cohort=cohort(programme(cast.region_a)), recruit=cast.recruit_a
    )
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE
    return enrolment


def test_scoring_counts_right_answers_on_the_server(cast) -> None:
    assessment = _in_portal(cast)
    questions = list(assessment.questions.all())
    assert [q.correct for q in questions] == [0, 1, 0]
    answers = {str(questions[0].pk): 0, str(questions[1].pk): 0, str(questions[2].pk): 0}
    assert literacy_score(assessment, answers) == (2, 3)
    assert literacy_score(assessment, {}) == (0, 3)


def test_a_pass_in_the_portal_unlocks_the_booking_like_entry_3_evidence(cast, pending) -> None:
    _in_portal(cast)
    booking = _take(cast, literacy_book(actor=cast.staff_a, recruit=cast.recruit_a), right=2)

    assert booking.status == LiteracyBookingStatus.PASSED and booking.score == "2 out of 3"
    evidence = booking.evidence
    assert (evidence.kind, evidence.level, evidence.status) == (EvidenceKind.ASSESSMENT, "entry_3", "approved")
    pending.refresh_from_db()
    assert pending.status == EnrolmentStatus.BOOKED
    assert [r.outcome for r in enrolment_eligibility(pending)] == [Outcome.MET]


def test_a_result_below_the_pass_mark_unlocks_nothing(cast, pending) -> None:
    _in_portal(cast)
    booking = _take(cast, literacy_book(actor=cast.staff_a, recruit=cast.recruit_a), right=1)

    assert booking.status == LiteracyBookingStatus.NOT_PASSED and booking.evidence is None
    assert not EnglishEvidence.objects.filter(recruit=cast.recruit_a).exists()
    pending.refresh_from_db()
    assert pending.status == EnrolmentStatus.PENDING_EVIDENCE
    assert [r.outcome for r in enrolment_eligibility(pending)] == [Outcome.MISSING]


def test_an_external_result_counts_at_or_above_the_level_only(cast, pending) -> None:
    _external(cast)
    today = timezone.localdate()
    below = literacy_record_result(
        actor=cast.staff_a,
        booking=literacy_book(actor=cast.staff_a, recruit=cast.recruit_a),
        score="31",
        level="entry_2",
        taken_on=today,
    )
    assert below.status == LiteracyBookingStatus.NOT_PASSED and below.evidence is None
    pending.refresh_from_db()
    assert pending.status == EnrolmentStatus.PENDING_EVIDENCE

    above = literacy_record_result(
        actor=cast.staff_a,
        booking=literacy_book(actor=cast.staff_a, recruit=cast.recruit_a),
        score="48",
        level="level_1",
        taken_on=today - timedelta(days=1),
    )
    assert above.status == LiteracyBookingStatus.PASSED and above.recorded_by == cast.staff_a
    assert above.evidence.level == "level_1"
    pending.refresh_from_db()
    assert pending.status == EnrolmentStatus.BOOKED


def test_a_literacy_pass_and_entry_3_evidence_give_the_same_answer(cast) -> None:
    """Both paths end in the same English evidence, read by the same rule in training/eligibility.py."""
    _in_portal(cast)
    course = cohort(programme(cast.region_a))
    other = RecruitFactory(provider=cast.provider_a)
    by_literacy = services.enrolment_book(actor=cast.staff_a, cohort=course, recruit=cast.recruit_a)
    by_entry_3 = services.enrolment_book(actor=cast.staff_a, cohort=course, recruit=other)
    before = [[r.outcome for r in enrolment_eligibility(e)] for e in (by_literacy, by_entry_3)]
    assert before == [[Outcome.MISSING], [Outcome.MISSING]]

    _take(cast, literacy_book(actor=cast.staff_a, recruit=cast.recruit_a), right=3)
    services.evidence_record_assessment(
        actor=cast.staff_a,
        recruit=other,
        level="entry_3",
        evidence_date=timezone.localdate(),
        assessment_name="Entry 3",
        score="",
    )
    for enrolment in (by_literacy, by_entry_3):
        enrolment.refresh_from_db()
    after = [(e.status, [r.outcome for r in enrolment_eligibility(e)]) for e in (by_literacy, by_entry_3)]
    assert after[0] == after[1] == (EnrolmentStatus.BOOKED, [Outcome.MET])


def test_the_hub_sets_up_its_assessment_and_questions_through_forms(client, cast) -> None:
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("literacy_assessment_new"),
        {"title": "Our check", "mode": "external", "external_url": "", "level": "entry_3", "pass_mark": "1"},
    )
    assert "Enter the link to the assessment" in response.content.decode()
    response = client.post(
        reverse("literacy_assessment_new"),
        {"title": "Our check", "mode": "in_portal", "external_url": "", "level": "entry_3", "pass_mark": "1"},
    )
    assessment = LiteracyAssessment.objects.get(region=cast.region_a)
    assert response.status_code == 302 and assessment.title == "Our check"
    url = reverse("literacy_question_new", args=[assessment.public_id])
    response = client.post(url, {"text": "Pick “care”", "options_text": "care\ncar", "correct": "3"})
    assert "Enter the number of the right answer, from 1 to 2" in response.content.decode()
    client.post(url, {"text": "Pick “care”", "options_text": "care\ncar\n", "correct": "1"})
    question = assessment.questions.get()
    assert (question.options, question.correct) == (["care", "car"], 0)


def test_the_recruit_takes_it_one_question_a_screen_without_the_answers_in_the_page(client, cast) -> None:
    assessment = _in_portal(cast)
    booking = literacy_book(actor=cast.staff_a, recruit=cast.recruit_a)
    client.force_login(cast.recruit_user_a)
    plan = client.get(reverse("training_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert "Take the literacy assessment" in plan and booking.get_absolute_url() in plan
    url = booking.get_absolute_url()
    for question in assessment.questions.all():
        html = client.get(url).content.decode()
        assert question.text in html and "Right answer" not in html and "correct" not in html
        assert client.post(url, {"answer": str(question.correct)}).status_code == 302
    html = client.get(url).content.decode()
    assert "You passed" in html
    booking.refresh_from_db()
    assert booking.status == LiteracyBookingStatus.PASSED


def test_a_recruit_cannot_see_anothers_assessment(client, cast) -> None:
    _in_portal(cast)
    neighbour = RecruitFactory(provider=ProviderFactory(region=cast.region_a, local_authority=cast.council_a))
    booking = literacy_book(actor=cast.staff_a, recruit=neighbour)
    client.force_login(cast.recruit_user_a)
    assert client.get(booking.get_absolute_url()).status_code == 404
    assert client.post(booking.get_absolute_url(), {"answer": "0"}).status_code == 404
    booking.refresh_from_db()
    assert booking.answers == {}


def test_the_employer_and_hub_read_but_do_not_answer(client, cast) -> None:
    _in_portal(cast)
    booking = literacy_book(actor=cast.staff_a, recruit=cast.recruit_a)
    client.force_login(cast.provider_admin_a)
    assert client.get(booking.get_absolute_url()).status_code == 200
    assert client.post(booking.get_absolute_url(), {"answer": "0"}).status_code == 403
    assert client.get(reverse("literacy_result", args=[booking.public_id])).status_code == 403


def test_only_the_hub_team_books(client, cast) -> None:
    _in_portal(cast)
    client.force_login(cast.provider_admin_a)
    assert client.post(reverse("literacy_book", args=[cast.recruit_a.public_id])).status_code == 403
    client.force_login(cast.staff_a)
    response = client.post(reverse("literacy_book", args=[cast.recruit_a.public_id]))
    booking = LiteracyBooking.objects.get(recruit=cast.recruit_a)
    assert response.url == booking.get_absolute_url() and booking.booked_by == cast.staff_a


def test_query_counts_do_not_grow_with_rows(client, cast, django_assert_max_num_queries) -> None:
    assessment = _in_portal(cast)
    booking = literacy_book(actor=cast.staff_a, recruit=cast.recruit_a)
    for _ in range(5):
        literacy_book(actor=cast.staff_a, recruit=RecruitFactory(provider=cast.provider_a))
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("literacy_overview")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(assessment.get_absolute_url()).status_code == 200
    client.force_login(cast.recruit_user_a)
    with django_assert_max_num_queries(18):
        assert client.get(booking.get_absolute_url()).status_code == 200
