"""The Care Certificate self-assessment to plan suggestions, and the personal development plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Reminder
from training import development, services
from training.models import CareCertificateStandard, PlanItem, SelfAssessment

from .builders import cohort, programme

pytestmark = pytest.mark.django_db


def _standard(number: int) -> CareCertificateStandard:
    return CareCertificateStandard.objects.get(number=number)


def test_the_16_standards_of_2025_are_data() -> None:
    standards = list(CareCertificateStandard.objects.values_list("number", "title", "confirmed"))
    assert len(standards) == 16
    assert standards[3] == (4, "Equality, diversity, inclusion and human rights", True)
    assert standards[9] == (10, "Adult safeguarding", False)  # unconfirmed wording stays editable
    assert standards[15][1] == "Awareness of learning disability and autism"


def test_a_gap_suggests_a_matching_programme_once(cast) -> None:
    matching = programme(cast.region_a, title="Multi-agency safeguarding", days=1, english=False)
    programme(cast.region_b, title="Multi-agency safeguarding", days=1, english=False)  # another region's
    answers = {_standard(10).pk: ("not_yet", "Never done it"), _standard(6).pk: ("confident", "Daily")}

    added = development.self_assessment_save(actor=cast.recruit_user_a, recruit=cast.recruit_a, answers=answers)

    assert [(item.programme, item.reason) for item in added] == [
        (matching, "Care Certificate standard 10: Adult safeguarding")
    ]
    assert development.self_assessment_save(actor=cast.recruit_user_a, recruit=cast.recruit_a, answers=answers) == []
    assert PlanItem.objects.count() == 1


def test_a_programme_covering_the_topic_among_its_modules_is_suggested(cast) -> None:
    course = programme(cast.region_a, english=False, modules=["Safeguarding and protection", "Employability"])
    added = development.self_assessment_save(
        actor=cast.recruit_user_a, recruit=cast.recruit_a, answers={_standard(10).pk: ("not_yet", "")}
    )
    assert [item.programme for item in added] == [course]


def test_a_gap_without_a_programme_puts_the_standard_itself_in_the_plan(cast) -> None:
    added = development.self_assessment_save(
        actor=cast.recruit_user_a, recruit=cast.recruit_a, answers={_standard(12).pk: ("not_yet", "")}
    )
    assert [(item.programme, item.title) for item in added] == [
        (None, "Care Certificate standard 12: Basic life support")
    ]


def test_nothing_is_suggested_for_a_programme_already_booked(cast) -> None:
    made = cohort(programme(cast.region_a, title="Multi-agency safeguarding", days=1, english=False))
    services.enrolment_book(actor=cast.recruit_user_a, cohort=made, recruit=cast.recruit_a)
    added = development.self_assessment_save(
        actor=cast.recruit_user_a, recruit=cast.recruit_a, answers={_standard(10).pk: ("not_yet", "")}
    )
    assert added == []


def test_the_review_decides_over_the_self_rating(cast) -> None:
    standard = _standard(6)
    development.self_assessment_save(
        actor=cast.recruit_user_a, recruit=cast.recruit_a, answers={standard.pk: ("not_yet", "")}
    )
    development.self_assessment_save(
        actor=cast.provider_admin_a,
        recruit=cast.recruit_a,
        answers={standard.pk: ("not_yet", "")},
        reviews={standard.pk: "assessed"},
    )
    answer = SelfAssessment.objects.get()
    assert answer.review == "assessed" and answer.reviewed_by == cast.provider_admin_a and not answer.is_gap
    added = development.self_assessment_save(
        actor=cast.staff_a,
        recruit=cast.recruit_a,
        answers={_standard(13).pk: ("confident", "")},
        reviews={_standard(13).pk: "needs_training"},
    )
    assert [item.title for item in added] == ["Care Certificate standard 13: Health and safety"]


def test_the_recruit_rates_on_the_page_and_the_provider_reviews(client, cast) -> None:
    programme(cast.region_a, title="Compassionate communication", days=1, english=False)
    url = reverse("care_certificate", args=[cast.recruit_a.public_id])
    client.force_login(cast.recruit_user_a)
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 16 * 3 and "review-6" not in page
    client.post(url, {"rating-6": "not_yet", "notes-6": "Struggle with phone calls"})
    plan = client.get(reverse("training_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert "Compassionate communication" in plan and "Care Certificate standard 6: Communication" in plan

    client.force_login(cast.provider_admin_a)
    page = client.get(url).content.decode()
    assert "Struggle with phone calls" in page and 'name="rating-6"' not in page
    client.post(url, {**{f"review-{n}": "not_reviewed" for n in range(1, 17)}, "review-6": "assessed"})
    answer = SelfAssessment.objects.get(standard__number=6)
    assert (answer.rating, answer.review, answer.evidence_notes) == ("not_yet", "assessed", "Struggle with phone calls")


def test_a_development_plan_is_reviewed_at_least_yearly(client, cast) -> None:
    url = reverse("development_plan_edit", args=[cast.recruit_a.public_id])
    client.force_login(cast.provider_admin_a)
    too_late = (timezone.localdate() + timedelta(days=400)).isoformat()
    response = client.post(url, {"goals": "Senior carer", "next_review": too_late})
    assert "at least once a year" in response.content.decode()

    next_review = timezone.localdate() + timedelta(days=180)
    client.post(
        url,
        {
            "goals": "Become a senior carer",
            "strengths": "Calm",
            "gaps": "Medication",
            "next_review": next_review.isoformat(),
            "action-1": "Medication awareness course",
            "due-1": (timezone.localdate() + timedelta(days=60)).isoformat(),
        },
    )
    plan = cast.recruit_a.development_plan
    assert [a.action for a in plan.actions.all()] == ["Medication awareness course"]
    reminder = Reminder.objects.get(kind=development.PDP_REVIEW_DUE)
    assert reminder.recipient == cast.recruit_user_a
    assert timezone.localdate(reminder.due_at) == next_review - timedelta(days=14)

    # Both agree.
    agree_url = reverse("development_plan_agree", args=[cast.recruit_a.public_id])
    client.post(agree_url)
    client.force_login(cast.recruit_user_a)
    client.post(agree_url)
    plan.refresh_from_db()
    assert plan.agreed_by_manager == cast.provider_admin_a and plan.agreed_by_recruit_at is not None
    assert client.get(reverse("development_plan_edit", args=[cast.recruit_a.public_id])).status_code == 403

    # A review is history and moves the reminder.
    client.force_login(cast.staff_a)
    later = timezone.localdate() + timedelta(days=300)
    review_url = reverse("development_plan_review", args=[cast.recruit_a.public_id])
    client.post(review_url, {"review-notes": "On track", "review-next_review": later.isoformat()})
    assert [r.notes for r in plan.reviews.all()] == ["On track"]
    plan.refresh_from_db()
    assert plan.next_review == later
    scheduled = Reminder.objects.filter(kind=development.PDP_REVIEW_DUE, status="scheduled")
    assert [timezone.localdate(r.due_at) for r in scheduled] == [later - timedelta(days=14)]


def test_standards_left_blank_write_no_rows(cast) -> None:
    """The self-assessment sent as shown (no ratings yet) stores no empty answers."""
    answers = {standard.pk: ("", "") for standard in CareCertificateStandard.objects.all()}
    development.self_assessment_save(actor=cast.recruit_user_a, recruit=cast.recruit_a, answers=answers)
    assert not SelfAssessment.objects.exists()


def test_a_plan_sent_unchanged_keeps_its_agreements_and_actions(cast) -> None:
    next_review = timezone.localdate() + timedelta(days=90)
    data = {"goals": "Senior carer", "strengths": "Calm", "gaps": "", "next_review": next_review}
    actions = [("Medication course", next_review - timedelta(days=30), False)]
    plan = development.development_plan_save(actor=cast.staff_a, recruit=cast.recruit_a, data=data, actions=actions)
    development.development_plan_agree(actor=cast.recruit_user_a, plan=plan, as_recruit=True)
    action_ids = list(plan.actions.values_list("pk", flat=True))

    development.development_plan_save(actor=cast.staff_a, recruit=cast.recruit_a, data=data, actions=actions)

    plan.refresh_from_db()
    assert plan.agreed_by_recruit_at is not None
    assert list(plan.actions.values_list("pk", flat=True)) == action_ids
    changed = {**data, "gaps": "Night shifts"}
    development.development_plan_save(actor=cast.staff_a, recruit=cast.recruit_a, data=changed, actions=actions)
    plan.refresh_from_db()
    assert plan.agreed_by_recruit_at is None  # a real change asks both to agree again
