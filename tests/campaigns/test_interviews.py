"""Interviews (issue 15 item 5): the panel's composition, independent scoring, the decision moving
the application, the candidate's email with its calendar file, and asking to rearrange."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.interviews import competency_questions, interview_book, interview_decide, interview_score
from campaigns.models import Application, Decision, InterviewStatus, Stage
from campaigns.pipeline import application_move
from notifications.models import Reminder
from tests.campaigns.builders import NMC_PIN, interview_in_a, shortlisted_in_a
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def _tomorrow_at(hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(hour, 0)))


def _book(cast: Cast, application, **overrides):
    arguments = {
        "actor": cast.lead_a,
        "application": application,
        "starts_at": _tomorrow_at(10),
        "minutes": 45,
        "where": "Video call",
        "panel": [cast.staff_a, cast.provider_admin_a],
        "clinical_lead": cast.staff_a,
        "registration": NMC_PIN,
    }
    arguments.update(overrides)
    return interview_book(**arguments)


def _all_fours(role: str) -> dict[str, tuple[int, str]]:
    return {question.code: (4, "") for question in competency_questions(role)}


def test_a_nurse_is_not_interviewed_without_a_registered_clinical_lead(cast: Cast) -> None:
    application = shortlisted_in_a(cast)
    with pytest.raises(ValidationError) as refused:
        _book(cast, application, clinical_lead=None, registration="")
    assert "interviewed with a registered clinical lead" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        _book(cast, application, registration="NOT-A-PIN")
    assert "NMC PIN (like 12A3456E) or HCPC number" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        _book(cast, application, clinical_lead=cast.lead_a)
    assert "must be one of the panel members" in str(refused.value)
    assert not application.interviews.exists()
    interview = _book(cast, application, registration="12 a 3456 e")
    lead = interview.panel.get(clinical_lead=True)
    assert (lead.user, lead.registration) == (cast.staff_a, NMC_PIN)


def test_a_senior_care_worker_needs_no_clinical_lead_and_only_shortlisted_applications_are_booked(
    cast: Cast,
) -> None:
    application = shortlisted_in_a(cast)
    Application.objects.filter(pk=application.pk).update(role="senior_care_worker")
    application.refresh_from_db()
    interview = _book(cast, application, clinical_lead=None, registration="")
    assert not interview.panel.filter(clinical_lead=True).exists()
    fresh = shortlisted_in_a(cast, application.campaign, email="b@example.org", passport_number="B1")
    Application.objects.filter(pk=fresh.pk).update(stage=Stage.SCREENED)
    fresh.refresh_from_db()
    with pytest.raises(ValidationError, match="interviews are booked for shortlisted applications"):
        _book(cast, fresh)


def test_the_panel_is_two_to_five_of_the_hub_team_and_the_employers_staff(cast: Cast) -> None:
    application = shortlisted_in_a(cast)
    with pytest.raises(ValidationError, match="at least 2 panel members"):
        _book(cast, application, panel=[cast.staff_a])
    with pytest.raises(ValidationError, match="hub team or of the campaign's employers"):
        _book(cast, application, panel=[cast.staff_a, cast.provider_admin_b])
    with pytest.raises(ValidationError, match="hub team or of the campaign's employers"):
        _book(cast, application, panel=[cast.staff_a, cast.lead_b])


def test_booking_emails_the_candidate_a_calendar_file_and_booking_again_replaces_the_slot(
    cast: Cast, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    application = shortlisted_in_a(cast)
    with django_capture_on_commit_callbacks(execute=True):
        first = _book(cast, application)
    message = mailoutbox[-1]
    assert message.to == [application.email] and "10:00 UK time" in message.body
    (name, ics, mime) = message.attachments[0]
    assert (name, mime) == ("interview.ics", "text/calendar")
    assert "BEGIN:VEVENT" in ics and "LOCATION:Video call" in ics and "DTSTART:" in ics
    assert cast.staff_a.email not in message.body, "the panel is not named to the candidate"
    with django_capture_on_commit_callbacks(execute=True):
        second = _book(cast, application, starts_at=_tomorrow_at(14))
    first.refresh_from_db()
    assert first.status == InterviewStatus.CANCELLED and second.status == InterviewStatus.BOOKED
    assert "moved to" in application.events.order_by("-id").first().text


def test_members_score_independently_and_see_scores_only_when_all_have_sent(cast: Cast, client) -> None:
    interview = interview_in_a(cast)
    role = interview.application.role
    interview_score(actor=cast.staff_a, interview=interview, scores=_all_fours(role))
    client.force_login(cast.provider_admin_a)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "The scores show once every panel member has sent theirs" in page
    with pytest.raises(ValidationError, match="cannot be changed"):
        interview_score(actor=cast.staff_a, interview=interview, scores=_all_fours(role))
    with pytest.raises(ValidationError, match="Only the panel members"):
        interview_score(actor=cast.lead_a, interview=interview, scores=_all_fours(role))
    with pytest.raises(ValidationError, match="Score every question"):
        interview_score(actor=cast.provider_admin_a, interview=interview, scores={"teamwork": (3, "")})
    # Through the page, as the employer's panel member.
    url = reverse("interview_score", args=[interview.public_id])
    form = {f"score_{q.code}": "2" for q in competency_questions(role)}
    form["note_safeguarding"] = "Unsure of the escalation route"
    assert client.post(url, form).status_code == 302
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Unsure of the escalation route" in page and "3.0" in page


def test_the_decision_waits_for_every_score_then_moves_the_application(cast: Cast, client) -> None:
    interview = interview_in_a(cast)
    role = interview.application.role
    with pytest.raises(ValidationError, match="2 panel members have not sent their scores"):
        interview_decide(actor=cast.lead_a, interview=interview, decision=Decision.PASSED, note="Strong")
    with pytest.raises(ValidationError, match="moves to “Interviewed” with the panel's decision"):
        application_move(actor=cast.lead_a, application=interview.application, to_stage=Stage.INTERVIEWED)
    for member in (cast.staff_a, cast.provider_admin_a):
        interview_score(actor=member, interview=interview, scores=_all_fours(role))
    client.force_login(cast.provider_admin_a)
    assert client.post(reverse("interview_decide", args=[interview.public_id]), {}).status_code == 403
    client.force_login(cast.lead_a)
    response = client.post(reverse("interview_decide", args=[interview.public_id]), {"decision": "passed"})
    assert "Write a note on the decision" in response.content.decode()
    response = client.post(
        reverse("interview_decide", args=[interview.public_id]),
        {"decision": "passed", "note": "Clear, safe answers on escalation"},
    )
    assert response.status_code == 302
    application = Application.objects.get(pk=interview.application_id)
    assert application.stage == Stage.INTERVIEWED
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DECIDED and interview.decided_by == cast.lead_a


def test_not_passed_rejects_with_the_note_as_reason(cast: Cast) -> None:
    interview = interview_in_a(cast)
    for member in (cast.staff_a, cast.provider_admin_a):
        interview_score(actor=member, interview=interview, scores=_all_fours(interview.application.role))
    interview_decide(actor=cast.staff_a, interview=interview, decision=Decision.NOT_PASSED, note="Unsafe on medicines")
    application = Application.objects.get(pk=interview.application_id)
    assert (application.stage, application.end_reason) == (Stage.REJECTED, "Interview: Unsafe on medicines")


def _signed_in_as_candidate(client, mailoutbox, email: str) -> None:
    client.post(reverse("applicant_sign_in"), {"email": email})
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)  # type: ignore[union-attr]
    client.post(reverse("applicant_code"), {"code": code})


def test_the_candidate_sees_the_slot_and_asks_to_rearrange_the_hub_is_told(cast: Cast, client, mailoutbox) -> None:
    interview = interview_in_a(cast)
    url = reverse("interview_rearrange", args=[interview.public_id])
    assert client.get(url).status_code == 404, "not signed in"
    _signed_in_as_candidate(client, mailoutbox, interview.application.email)
    page = client.get(reverse("my_applications")).content.decode()
    assert "10:00 UK time" in page and "Ask to rearrange" in page
    assert "Say why the time does not suit you" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "I am on night shifts that week; any day after the 20th"}).status_code == 302
    interview.refresh_from_db()
    assert interview.rearrange_asked_at is not None
    assert set(Reminder.objects.filter(kind="campaigns.rearrange").values_list("recipient_role", flat=True)) == {
        "hub_staff",
        "lead",
    }
    assert "You asked to rearrange it" in client.get(reverse("my_applications")).content.decode()


def test_another_candidate_cannot_reach_an_interview(cast: Cast, client, mailoutbox) -> None:
    interview = interview_in_a(cast)
    other = shortlisted_in_a(cast, interview.application.campaign, email="other@example.org", passport_number="O1")
    _signed_in_as_candidate(client, mailoutbox, other.email)
    assert client.get(reverse("interview_rearrange", args=[interview.public_id])).status_code == 404


@pytest.mark.parametrize("scored", [0, 2])
def test_interview_page_queries_are_fixed(cast: Cast, client, django_assert_num_queries, scored: int) -> None:
    interview = interview_in_a(cast)
    for member in [cast.staff_a, cast.provider_admin_a][:scored]:
        interview_score(actor=member, interview=interview, scores=_all_fours(interview.application.role))
    client.force_login(cast.lead_a)
    client.get(interview.get_absolute_url())
    with django_assert_num_queries(INTERVIEW_QUERIES):
        assert client.get(interview.get_absolute_url()).status_code == 200


# The session, user, grants, MFA, the interview, its panel with users, their scores, the header.
INTERVIEW_QUERIES = 9
