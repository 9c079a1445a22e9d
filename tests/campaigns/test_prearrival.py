"""Pre-arrival and arrival (issue 15 item 7): the candidate's checklist, booklet and self-assessment
on their own pages; who is stuck; first appointments; arrival making one recruit with the
compliance file, the pastoral plan from the arrival day and the self-assessment in the training plan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.arrival import Arrival, application_arrive
from campaigns.models import Application, ApplicationEvent, PreArrivalAnswer, Stage
from campaigns.offers import check_document_path
from campaigns.pipeline import application_move
from campaigns.prearrival import checklist_save, pre_arrival_progress
from pastoral.models import Appointment, PastoralPlan
from recruits.documents import document_path
from recruits.models import DBSStatus, Document, Recruit, RecruitStatus
from tests.campaigns.builders import (
    accepted_in_a,
    application_in_a,
    cos_assigned_in_a,
    first_appointment_in_a,
    shortlisted_in_a,
)
from tests.conftest import Cast
from training.models import CareCertificateStandard, PlanItem, SelfAssessment, SelfRating

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _signed_in_as_candidate(client, mailoutbox, email: str) -> None:
    client.post(reverse("applicant_sign_in"), {"email": email})
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)  # type: ignore[union-attr]
    client.post(reverse("applicant_code"), {"code": code})


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _form_fields(html: str) -> dict[str, str]:
    """The values a browser would send from the page's form: text inputs and checked boxes."""
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None:
            continue
        kind = (re.search(r'type="([^"]+)"', tag) or re.search(r"()", "")).group(1)
        if kind in ("checkbox", "radio") and " checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1) if value else ""
    return fields


def _another(cast: Cast, email: str, passport: str, campaign=None) -> Application:
    """An accepted application of another candidate (to the first campaign of region A, if given)."""
    return accepted_in_a(cast, shortlisted_in_a(cast, campaign, email=email, passport_number=passport))


# -- the candidate's checklist -----------------------------------------------------------------------


def test_the_first_checklist_save_moves_the_application_to_pre_arrival(cast: Cast) -> None:
    application = cos_assigned_in_a(cast)
    checklist_save(application=application, done={"visa_applied"}, planned_arrival=TODAY + dt.timedelta(days=40))
    application.refresh_from_db()
    assert application.stage == Stage.PRE_ARRIVAL
    assert application.planned_arrival == TODAY + dt.timedelta(days=40)
    assert set(application.pre_arrival_tasks.values_list("item", flat=True)) == {"visa_applied"}
    checklist_save(application=application, done={"visa_granted"}, planned_arrival=None)
    assert set(application.pre_arrival_tasks.values_list("item", flat=True)) == {"visa_granted"}, "unticked: undone"
    assert (
        ApplicationEvent.objects.filter(application=application, text__startswith="Pre-arrival checklist").count() == 2
    )


def test_the_checklist_refuses_a_past_arrival_an_unknown_item_and_an_application_before_its_cos(cast: Cast) -> None:
    application = cos_assigned_in_a(cast)
    with pytest.raises(ValidationError, match="planned arrival day has passed"):
        checklist_save(application=application, done=set(), planned_arrival=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="Not an item"):
        checklist_save(application=application, done={"bribe_paid"}, planned_arrival=None)
    accepted = _another(cast, "other@example.org", "Z9999999")
    with pytest.raises(ValidationError, match="pre-arrival is open from"):
        checklist_save(application=accepted, done={"visa_applied"}, planned_arrival=None)
    application.refresh_from_db()
    assert application.stage == Stage.COS_ASSIGNED and not application.pre_arrival_tasks.exists()


def test_the_candidate_uses_their_pre_arrival_pages_as_a_browser_would(cast: Cast, client, mailoutbox) -> None:
    application = cos_assigned_in_a(cast)
    first_appointment_in_a(cast, application)
    url = reverse("pre_arrival", args=[application.public_id])
    assert client.get(url).status_code == 302, "not signed in: to the sign-in page"
    _signed_in_as_candidate(client, mailoutbox, application.email)
    mine = client.get(reverse("my_applications")).content.decode()
    assert url in mine, "the applications page leads to the pre-arrival page"
    page = client.get(url).content.decode()
    assert "Induction at the care home" in page and "0 of 7 done" in page
    # Tick two boxes and give the arrival day, on the form as rendered.
    fields = _form_fields(page)
    fields.update(
        {"done_visa_applied": "on", "done_tb_test": "on", **_date("planned_arrival", TODAY + dt.timedelta(days=60))}
    )
    assert client.post(url, fields).status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.PRE_ARRIVAL and application.planned_arrival == TODAY + dt.timedelta(days=60)
    # Sent again unchanged, the page keeps what it shows.
    again = _form_fields(client.get(url).content.decode())
    assert again["done_visa_applied"] == "on" and "done_visa_granted" not in again
    assert client.post(url, again).status_code == 302
    assert set(application.pre_arrival_tasks.values_list("item", flat=True)) == {"visa_applied", "tb_test"}
    application.refresh_from_db()
    assert application.planned_arrival == TODAY + dt.timedelta(days=60)
    # A bad date is named, and nothing changes.
    bad = {
        **again,
        "planned_arrival_day": "31",
        "planned_arrival_month": "2",
        "planned_arrival_year": str(TODAY.year + 1),
    }
    response = client.post(url, bad)
    assert response.status_code == 400
    assert application.pre_arrival_tasks.count() == 2


def test_the_booklet_is_marked_as_opened_and_the_self_assessment_is_saved(cast: Cast, client, mailoutbox) -> None:
    application = cos_assigned_in_a(cast)
    _signed_in_as_candidate(client, mailoutbox, application.email)
    booklet = client.get(reverse("pre_arrival_booklet", args=[application.public_id]))
    assert booklet.status_code == 200 and "Your job and first days" in booklet.content.decode()
    application.refresh_from_db()
    assert application.booklet_read_at is not None
    url = reverse("pre_arrival_self_assessment", args=[application.public_id])
    fields = _form_fields(client.get(url).content.decode())
    assert not any(name.startswith("rating-") for name in fields), "nothing is rated yet"
    fields.update(
        {"rating-1": SelfRating.CONFIDENT, "notes-1": "Three years in a hospital ward", "rating-2": SelfRating.NOT_YET}
    )
    assert client.post(url, fields).status_code == 302
    answers = dict(PreArrivalAnswer.objects.filter(application=application).values_list("standard__number", "rating"))
    assert answers == {1: SelfRating.CONFIDENT, 2: SelfRating.NOT_YET}
    application.refresh_from_db()
    assert application.stage == Stage.PRE_ARRIVAL


def test_another_candidate_or_a_closed_application_gets_nothing(cast: Cast, client, mailoutbox) -> None:
    application = cos_assigned_in_a(cast)
    other = application_in_a(cast, email="someone.else@example.org", passport_number="Q1234567")
    _signed_in_as_candidate(client, mailoutbox, other.email)
    for name in ("pre_arrival", "pre_arrival_booklet", "pre_arrival_self_assessment"):
        assert client.get(reverse(name, args=[application.public_id])).status_code == 404, name
    # Their own application, before its CoS: the page says when it opens; the booklet is not there yet.
    assert (
        "opens once your certificate of sponsorship"
        in client.get(reverse("pre_arrival", args=[other.public_id])).content.decode()
    )
    assert client.get(reverse("pre_arrival_booklet", args=[other.public_id])).status_code == 404
    assert client.post(reverse("pre_arrival", args=[other.public_id]), {"done_visa_applied": "on"}).status_code == 400
    assert not other.pre_arrival_tasks.exists()


# -- who is stuck ------------------------------------------------------------------------------------


def test_who_is_stuck(cast: Cast) -> None:
    quiet = cos_assigned_in_a(cast)
    ApplicationEvent.objects.filter(application=quiet, to_stage=Stage.COS_ASSIGNED).update(
        at=timezone.now() - dt.timedelta(days=40)
    )
    soon = cos_assigned_in_a(cast, _another(cast, "b@example.org", "B1234567", quiet.campaign))
    checklist_save(application=soon, done={"visa_applied"}, planned_arrival=TODAY + dt.timedelta(days=5))
    fine = cos_assigned_in_a(cast, _another(cast, "c@example.org", "C1234567", quiet.campaign))
    checklist_save(
        application=fine, done={"visa_applied", "visa_granted"}, planned_arrival=TODAY + dt.timedelta(days=50)
    )
    rows = {row.application.pk: row for row in pre_arrival_progress(quiet.campaign)}
    assert rows[quiet.pk].reasons == [
        "No visa application 40 days after the CoS was assigned (a CoS is used within 3 months)",
        "Nothing ticked for 40 days",
    ]
    assert rows[soon.pk].reasons == [
        "Arrives in 5 days without the visa granted",
        "Has not opened the welcome booklet, a week before travelling",
    ]
    assert rows[fine.pk].reasons == []
    assert [row.stuck for row in pre_arrival_progress(quiet.campaign)] == [True, True, False], "stuck first"


@pytest.mark.parametrize("count", [1, 4])
def test_the_pre_arrival_page_has_fixed_queries(cast: Cast, client, django_assert_num_queries, count: int) -> None:
    first = cos_assigned_in_a(cast)
    for n in range(count - 1):
        cos_assigned_in_a(cast, _another(cast, f"p{n}@example.org", f"P{n}234567", first.campaign))
    client.force_login(cast.lead_a)
    url = reverse("campaign_pre_arrival", args=[first.campaign.public_id])
    client.get(url)
    # The session, user, grants, MFA, the campaign, applications, ticks, CoS events, the header and
    # its counts.
    with django_assert_num_queries(PRE_ARRIVAL_QUERIES):
        page = client.get(url).content.decode()
    assert page.count("Stuck") + page.count("On track") >= count


PRE_ARRIVAL_QUERIES = 11


# -- first appointments ------------------------------------------------------------------------------


def test_first_appointments_are_booked_in_the_future_and_cancelled(cast: Cast, client) -> None:
    application = cos_assigned_in_a(cast)
    client.force_login(cast.staff_a)
    url = reverse("first_appointments", args=[application.public_id])
    past = {
        **_date("day", TODAY - dt.timedelta(days=1)),
        "time": "09:30",
        "minutes": "30",
        "purpose": "Pick-up",
        "place": "Airport",
    }
    response = client.post(url, past)
    assert response.status_code == 400 and "Choose a date and time in the future" in response.content.decode()
    soon = {**past, **_date("day", TODAY + dt.timedelta(days=20))}
    assert client.post(url, soon).status_code == 302
    appointment = application.first_appointments.get()
    assert client.post(reverse("first_appointment_cancel", args=[appointment.public_id])).status_code == 302
    assert not application.first_appointments.exists()


# -- arrival -----------------------------------------------------------------------------------------


def _ready_to_arrive(cast: Cast) -> Application:
    application = cos_assigned_in_a(cast)
    checklist_save(application=application, done={"visa_applied", "visa_granted"}, planned_arrival=TODAY)
    standards = list(CareCertificateStandard.objects.order_by("number")[:2])
    PreArrivalAnswer.objects.create(application=application, standard=standards[0], rating=SelfRating.CONFIDENT)
    PreArrivalAnswer.objects.create(
        application=application, standard=standards[1], rating=SelfRating.NOT_YET, evidence_notes="Never done it"
    )
    first_appointment_in_a(cast, application)
    return application


def test_arrival_makes_one_recruit_with_the_file_the_plan_and_the_self_assessment(cast: Cast) -> None:
    application = _ready_to_arrive(cast)
    offer = application.offers.get()
    arrived_on = TODAY - dt.timedelta(days=2)
    before = Recruit.objects.count()
    recruit = application_arrive(
        actor=cast.lead_a,
        application=application,
        arrival=Arrival(arrived_on=arrived_on, first_day=TODAY, cos_reference="C2G8K41234X"),
    )
    assert Recruit.objects.count() == before + 1
    application.refresh_from_db()
    assert (application.stage, application.recruit, application.arrived_on) == (Stage.ARRIVED, recruit, arrived_on)
    # The person and the job, carried over.
    assert (recruit.given_names, recruit.family_name, recruit.passport_number, recruit.email) == (
        application.given_names,
        application.family_name,
        application.passport_number,
        application.email,
    )
    assert recruit.provider == offer.employer and recruit.region_id == application.region_id
    assert recruit.status == RecruitStatus.EMPLOYED and recruit.cos_reference == "C2G8K41234X"
    assert recruit.job_role == "nurse" and recruit.nmc_cbt_passed, "the NMC check carried over"
    assert recruit.candidate_fees == 0 and recruit.recruitment_channel == "direct"
    # The compliance file: the record's check fields and each evidence file as a document.
    assert recruit.dbs_status == DBSStatus.CLEAR and recruit.dbs_barred_list_checked
    assert recruit.rtw_check_date == TODAY and recruit.overseas_crc == "obtained"
    checks = list(application.checks.all())
    documents = Document.objects.filter(recruit=recruit)
    assert documents.count() == len(checks) == 8
    for check in checks:
        assert check.document is not None and check.document.recruit_id == recruit.pk
        assert document_path(check.document).read_bytes().startswith(b"%PDF"), "the file moved to the record"
        assert check_document_path(check) == document_path(check.document), "the check still reaches its evidence"
    # The pastoral plan starts on the arrival day, not the first working day.
    assert PastoralPlan.objects.get(recruit=recruit).start_date == arrived_on
    # The self-assessment is the recruit's, and its gap is in the training plan.
    ratings = dict(SelfAssessment.objects.filter(recruit=recruit).values_list("standard__number", "rating"))
    assert ratings == {1: SelfRating.CONFIDENT, 2: SelfRating.NOT_YET}
    assert PlanItem.objects.filter(recruit=recruit, reason__startswith="Care Certificate standard 2").exists()
    # The first appointment still to come is a pastoral appointment.
    assert Appointment.objects.filter(recruit=recruit, purpose="Induction at the care home").exists()
    # Once: a second arrival is refused.
    with pytest.raises(ValidationError, match="arrived"):
        application_arrive(
            actor=cast.lead_a,
            application=application,
            arrival=Arrival(arrived_on=arrived_on, first_day=TODAY, cos_reference="C2G8K41234X"),
        )
    assert Recruit.objects.count() == before + 1


def test_a_later_first_day_leaves_the_recruit_arriving_with_the_plan_from_arrival(cast: Cast) -> None:
    application = _ready_to_arrive(cast)
    recruit = application_arrive(
        actor=cast.lead_a,
        application=application,
        arrival=Arrival(arrived_on=TODAY, first_day=TODAY + dt.timedelta(days=7), cos_reference="C2G8K41234X"),
    )
    assert recruit.status == RecruitStatus.ARRIVING
    assert recruit.employments.get().start_date == TODAY + dt.timedelta(days=7)
    assert PastoralPlan.objects.get(recruit=recruit).start_date == TODAY


def test_arrival_is_refused_in_the_future_before_the_cos_and_by_the_move_form(cast: Cast) -> None:
    application = _ready_to_arrive(cast)
    with pytest.raises(ValidationError) as refused:
        application_arrive(
            actor=cast.lead_a,
            application=application,
            arrival=Arrival(arrived_on=TODAY + dt.timedelta(days=1), first_day=TODAY, cos_reference="C2G8K41234X"),
        )
    assert "arrival day is in the future" in str(refused.value) and "first working day" in str(refused.value)
    with pytest.raises(ValidationError, match="with the arrival form"):
        application_move(actor=cast.lead_a, application=application, to_stage=Stage.ARRIVED)
    accepted = _another(cast, "z@example.org", "Z1234567")
    with pytest.raises(ValidationError, match="after the certificate of sponsorship"):
        application_arrive(
            actor=cast.lead_a,
            application=accepted,
            arrival=Arrival(arrived_on=TODAY, first_day=TODAY, cos_reference="C2G8K41234X"),
        )
    assert not Recruit.objects.filter(
        passport_number__in=[application.passport_number, accepted.passport_number]
    ).exists()
    assert not Document.objects.filter(campaign_check__application=application).exists()


def test_the_arrival_form_as_a_browser_sends_it_and_the_employer_sees_the_file(cast: Cast, client) -> None:
    application = _ready_to_arrive(cast)
    client.force_login(cast.lead_a)
    url = reverse("application_arrive", args=[application.public_id])
    page = client.get(url).content.decode()
    fields = _form_fields(page)
    assert fields["first_day_year"] == str(application.offers.get().starts_on.year), (
        "the offer's start day is filled in"
    )
    response = client.post(url, fields)
    assert (
        response.status_code == 400
        and "Enter the certificate of sponsorship (CoS) reference" in response.content.decode()
    )
    fields.update({**_date("arrived_on", TODAY), **_date("first_day", TODAY), "cos_reference": "c2g8 k41234x"})
    response = client.post(url, fields)
    assert response.status_code == 302
    recruit = Application.objects.get(pk=application.pk).recruit
    assert recruit is not None and response["Location"] == recruit.get_absolute_url()
    assert recruit.cos_reference == "C2G8K41234X"
    # The employer's staff see the new recruit and the checks' evidence among the documents.
    client.force_login(cast.provider_admin_a)
    assert client.get(recruit.get_absolute_url()).status_code == 200
    record = client.get(recruit.get_absolute_url() + "?tab=documents")
    assert "Enhanced DBS check with the adult barred list" in record.content.decode()
    dbs = Document.objects.get(recruit=recruit, kind="dbs")
    download = client.get(reverse("recruit_document_download", args=[dbs.public_id]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_erasing_an_arrived_candidates_application_leaves_the_recruits_documents(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    from accesslog.rights import subject_erase
    from campaigns.personal_data import CANDIDATE

    application = _ready_to_arrive(cast)
    recruit = application_arrive(
        actor=cast.lead_a,
        application=application,
        arrival=Arrival(arrived_on=TODAY, first_day=TODAY, cos_reference="C2G8K41234X"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        subject_erase(CANDIDATE, Application.objects.get(pk=application.pk))
    documents = list(Document.objects.filter(recruit=recruit))
    assert len(documents) == 8
    assert all(document_path(document).exists() for document in documents), "the recruit's files stay"
