"""The training pages through the test client: booking, evidence, review, register, certificate,
the training plan (and its surviving a rematch), forms with errors, and fixed query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recruits.models import RecruitStatus
from recruits.services import recruit_transition
from tests.conftest import login_fresh
from tests.factories import ProviderFactory, RecruitFactory
from tests.pdfs import pdf_facts
from training import services
from training.models import Certificate, EnglishEvidence, Enrolment, EnrolmentStatus, Programme

from .builders import certificate_file, cohort, move_to_past, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def translating_care(cast):
    return cohort(programme(cast.region_a, certification="Level 1 in safeguarding and protection"))


def test_a_recruit_books_is_told_what_is_missing_and_uploads_evidence(client, cast, translating_care) -> None:
    client.force_login(cast.recruit_user_a)
    page = client.get(reverse("cohort_detail", args=[translating_care.public_id]))
    assert "Book a place" in page.content.decode()

    response = client.post(reverse("cohort_book", args=[translating_care.public_id]))
    enrolment = Enrolment.objects.get(recruit=cast.recruit_a)
    assert response["Location"] == enrolment.get_absolute_url()
    detail = client.get(enrolment.get_absolute_url()).content.decode()
    assert "Pending evidence" in detail
    needed = "English at ESOL Entry 3 or higher: upload an English certificate or take the hub&#x27;s literacy"
    assert needed in detail

    upload_url = reverse("evidence_new", args=[cast.recruit_a.public_id]) + f"?next={enrolment.get_absolute_url()}"
    renamed = client.post(
        upload_url,
        {
            "level": "entry_3",
            "evidence_date": "2025-06-01",
            "file": certificate_file("certificate.pdf", b"MZ\x90\x00 not a pdf"),
            "next": enrolment.get_absolute_url(),
        },
    )
    assert renamed.status_code == 200
    assert "This file says it is a PDF but it is not" in renamed.content.decode()
    assert not EnglishEvidence.objects.exists()

    done = client.post(
        upload_url,
        {
            "level": "entry_3",
            "evidence_date": "2025-06-01",
            "file": certificate_file(),
            "next": enrolment.get_absolute_url(),
        },
    )
    assert done["Location"] == enrolment.get_absolute_url()
    assert EnglishEvidence.objects.get().status == "submitted"


def test_hub_staff_approve_evidence_and_the_booking_is_confirmed(client, cast, translating_care) -> None:
    enrolment = services.enrolment_book(actor=cast.recruit_user_a, cohort=translating_care, recruit=cast.recruit_a)
    evidence = services.evidence_upload_certificate(
        actor=cast.recruit_user_a,
        recruit=cast.recruit_a,
        upload=certificate_file(),
        level="level_1",
        evidence_date=timezone.localdate(),
        valid_until=None,
    )
    client.force_login(cast.staff_a)
    listing = client.get(reverse("evidence_list")).content.decode()
    assert cast.recruit_a.full_name in listing
    review = client.get(reverse("evidence_review", args=[evidence.public_id])).content.decode()
    assert reverse("recruit_document_download", args=[evidence.document.public_id]) in review

    missing_note = client.post(reverse("evidence_review", args=[evidence.public_id]), {"decision": "reject"})
    assert "Say why the evidence is not accepted" in missing_note.content.decode()

    client.post(reverse("evidence_review", args=[evidence.public_id]), {"decision": "approve"})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.BOOKED


def test_providers_cannot_review_evidence(client, cast) -> None:
    evidence = services.evidence_upload_certificate(
        actor=cast.provider_admin_a,
        recruit=cast.recruit_a,
        upload=certificate_file(),
        level="entry_3",
        evidence_date=timezone.localdate(),
        valid_until=None,
    )
    client.force_login(cast.provider_admin_a)
    assert (
        client.post(reverse("evidence_review", args=[evidence.public_id]), {"decision": "approve"}).status_code == 403
    )
    assert client.get(reverse("evidence_list")).status_code == 404


def test_a_provider_books_its_own_staff_only(client, cast) -> None:
    made = cohort(programme(cast.region_a, title="Wound care", days=1, english=False))
    stranger = RecruitFactory(provider=ProviderFactory(region=cast.region_a))
    client.force_login(cast.provider_admin_a)
    page = client.get(reverse("cohort_detail", args=[made.public_id])).content.decode()
    assert cast.recruit_a.full_name in page and stranger.full_name not in page
    refused = client.post(reverse("cohort_book", args=[made.public_id]), {"recruit": stranger.pk})
    assert refused.status_code == 400
    assert "Choose who to book" in refused.content.decode()
    client.post(reverse("cohort_book", args=[made.public_id]), {"recruit": cast.recruit_a.pk})
    assert Enrolment.objects.get().recruit == cast.recruit_a


def test_the_trainer_takes_the_register_and_the_recruit_downloads_the_certificate(client, cast) -> None:
    made = cohort(programme(cast.region_a, english=False), trainer=cast.staff_a)
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, recruit=cast.recruit_a)
    move_to_past(made)
    client.force_login(cast.staff_a)
    for day in made.days.order_by("date"):
        url = reverse("session_day_register", args=[day.public_id])
        assert cast.recruit_a.full_name in client.get(url).content.decode()
        client.post(url, {"present": [str(enrolment.pk)]})
    certificate = Certificate.objects.get()

    client.force_login(cast.recruit_user_a)
    plan = client.get(reverse("training_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert certificate.code in plan
    response = client.get(reverse("certificate_download", args=[certificate.public_id]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert certificate.code in pdf_facts(response.content).text


def test_a_provider_cannot_take_a_register(client, cast) -> None:
    made = cohort(programme(cast.region_a, english=False))
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("session_day_register", args=[made.days.first().public_id])).status_code == 403


def test_the_training_plan_stays_with_the_recruit_through_a_rematch(client, cast) -> None:
    made = cohort(programme(cast.region_a, english=False), trainer=cast.staff_a)
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, recruit=cast.recruit_a)
    move_to_past(made)
    from training.certificates import attendance_record

    for day in made.days.all():
        attendance_record(actor=cast.staff_a, day=day, present={enrolment.pk})
    later = cohort(programme(cast.region_a, title="Wound care", days=1, english=False))
    services.enrolment_book(actor=cast.recruit_user_a, cohort=later, recruit=cast.recruit_a)
    certificate = Certificate.objects.get()

    new_employer = ProviderFactory(region=cast.region_a, name="Gamma Care Ltd")
    for status in (RecruitStatus.EMPLOYED, RecruitStatus.AT_RISK, RecruitStatus.DISPLACED, RecruitStatus.REMATCHED):
        recruit_transition(actor=cast.staff_a, recruit=cast.recruit_a, to_status=status)
    recruit_transition(
        actor=cast.staff_a, recruit=cast.recruit_a, to_status=RecruitStatus.EMPLOYED, new_provider=new_employer
    )
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.provider == new_employer

    url = reverse("training_plan", args=[cast.recruit_a.public_id])
    client.force_login(cast.recruit_user_a)
    plan = client.get(url).content.decode()
    assert certificate.code in plan and "Wound care" in plan
    pdf = client.get(reverse("training_plan_pdf", args=[cast.recruit_a.public_id]))
    assert pdf["Cache-Control"] == "no-store"
    text = pdf_facts(pdf.content).text
    assert certificate.code in text and "Wound care" in text
    # The old employer has lost sight of it; the new employer's people would see it.
    client.force_login(cast.provider_admin_a)
    assert client.get(url).status_code == 404
    assert client.get(reverse("certificate_download", args=[certificate.public_id])).status_code == 404


def test_hub_staff_add_a_programme_and_a_cohort(client, cast) -> None:
    client.force_login(cast.staff_a)
    empty = client.post(reverse("programme_new"), {})
    assert empty.status_code == 200
    assert "Enter the title of the programme" in empty.content.decode()
    client.post(
        reverse("programme_new"),
        {
            "hub": cast.hub_a.pk,
            "title": "Translating Care",
            "kind": "course",
            "duration_days": "3",
            "delivery": "in_person",
            "audience": "international_recruits",
            "funded": "on",
            "english_minimum": "entry_3",
            "modules_text": "Safeguarding and protection\nEmployability\n",
            "evidence_working_days": "2",
        },
    )
    made = Programme.objects.get(title="Translating Care")
    assert made.region == cast.region_a and made.modules == ["Safeguarding and protection", "Employability"]
    assert made.rules.get().english_minimum == "entry_3"

    start = timezone.localdate() + timedelta(days=20)
    url = reverse("cohort_new", args=[made.public_id])
    wrong = client.post(
        url, {"days_text": f"{start}\nnot a date", "capacity": "10", "booking_deadline": str(start), "venue": "Hall"}
    )
    assert "Line 2 (“not a date”) is not a date" in wrong.content.decode()
    too_few = client.post(
        url, {"days_text": f"{start}", "capacity": "10", "booking_deadline": str(start), "venue": "X"}
    )
    assert "runs for 3 day(s)" in too_few.content.decode()
    days = "\n".join(str(start + timedelta(days=n)) for n in range(3))
    client.post(url, {"days_text": days, "capacity": "10", "booking_deadline": str(start), "venue": "Hall"})
    assert made.cohorts.get().days.count() == 3


def test_provider_people_cannot_add_programmes(client, cast) -> None:
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("programme_new")).status_code == 403


def test_council_officers_and_the_national_team_have_no_catalogue(client, cast) -> None:
    for user in (cast.council_officer_a, cast.national):
        login_fresh(client, user)
        assert client.get(reverse("programme_list")).status_code == 404


def test_the_catalogue_takes_a_fixed_number_of_queries(client, cast, django_assert_num_queries) -> None:
    for n in range(3):
        cohort(programme(cast.region_a, title=f"Module {n}", days=1, english=False))
    client.force_login(cast.provider_admin_a)
    client.get(reverse("programme_list"))  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("programme_list"))
    assert len(small.captured_queries) <= 12
    for n in range(3, 12):
        cohort(programme(cast.region_a, title=f"Module {n}", days=1, english=False))
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(reverse("programme_list"))
    assert "Module 11" in page.content.decode()


def test_the_evidence_list_takes_a_fixed_number_of_queries(client, cast, django_assert_num_queries) -> None:
    def add(count: int) -> None:
        for _ in range(count):
            services.evidence_upload_certificate(
                actor=cast.provider_admin_a,
                recruit=RecruitFactory(provider=cast.provider_a),
                upload=certificate_file(),
                level="entry_3",
                evidence_date=timezone.localdate(),
                valid_until=None,
            )

    add(2)
    client.force_login(cast.staff_a)
    client.get(reverse("evidence_list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("evidence_list"))
    assert len(small.captured_queries) <= 12
    add(6)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("evidence_list"))


def test_the_training_plan_is_part_of_the_consented_job_passport(client, cast) -> None:
    from hubs.roles import Role
    from rematch.introductions import introduction_record
    from rematch.models import Door
    from rematch.services import rematch_open
    from tests.factories import user_with_role
    from tests.rematch.test_vacancies import vacancy_of
    from training.development import self_assessment_save
    from training.models import CareCertificateStandard

    made = cohort(programme(cast.region_a, english=False), trainer=cast.staff_a)
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, recruit=cast.recruit_a)
    move_to_past(made)
    from training.certificates import attendance_record

    for day in made.days.all():
        attendance_record(actor=cast.staff_a, day=day, present={enrolment.pk})
    later = cohort(programme(cast.region_a, title="Wound care", days=1, english=False))
    services.enrolment_book(actor=cast.recruit_user_a, cohort=later, recruit=cast.recruit_a)
    first = CareCertificateStandard.objects.order_by("number").first()
    self_assessment_save(
        actor=cast.recruit_user_a,
        recruit=cast.recruit_a,
        answers={first.pk: ("confident", "I SECRET-NOTE did this on every shift")},
        reviews={first.pk: "assessed"},
    )
    certificate = Certificate.objects.get()

    request = rematch_open(actor=cast.staff_a, recruit=cast.recruit_a, door=Door.HUB)
    new_employer = ProviderFactory(region=cast.region_a, name="Gamma Care Ltd")
    admin = user_with_role(Role.PROVIDER_ADMIN, new_employer)
    created = introduction_record(
        actor=cast.staff_a, request=request, vacancy=vacancy_of(new_employer), consent=True, consent_how="by phone"
    )
    client.force_login(admin)
    html = client.get(created.passport_path).content.decode()
    assert f"verification code {certificate.code}" in html
    assert "Care Certificate: 1 of 16 standards assessed as met" in html
    assert "Wound care, starting" in html
    assert "SECRET-NOTE" not in html, "the worker's own evidence notes stay private"


def test_session_dates_are_taken_as_people_type_them() -> None:
    from training.forms import CohortForm

    form = CohortForm(
        {"days_text": "12/3/2027\n13 March 2027\n\n2027-03-14", "capacity": "10", "venue": "Hall"}, trainers=[]
    )
    form.is_valid()
    assert form.cleaned_data["days_text"] == [date(2027, 3, 12), date(2027, 3, 13), date(2027, 3, 14)]


def test_an_empty_training_plan_offers_no_pdf_and_highlights_my_training(client, cast) -> None:
    import re

    client.force_login(cast.recruit_user_a)
    plan_url = reverse("training_plan", args=[cast.recruit_a.public_id])
    pdf_url = reverse("training_plan_pdf", args=[cast.recruit_a.public_id])
    page = client.get(plan_url).content.decode()
    assert pdf_url not in page, "a blank PDF is offered"
    # The menu marks "My training", not "Find training" (whose /training/ the path starts with).
    assert re.findall(r'aria-current="(?:page|true)">(?:<strong[^>]*>)?([^<]+)<', page) == ["My training"]
    answer = client.get(pdf_url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/html")
    assert answer["Cache-Control"] == "no-store"
    assert "Nothing to print yet" in answer.content.decode()
    # Hub staff reach the plan from the recruit's record: the menu marks Recruits.
    client.force_login(cast.staff_a)
    page = client.get(plan_url).content.decode()
    assert re.findall(r'aria-current="(?:page|true)">(?:<strong[^>]*>)?([^<]+)<', page) == ["Recruits"]
