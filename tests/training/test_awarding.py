"""Issue 18 items 5-6: a programme's awarding-body qualification, the cohort's registration list for
the awarding body, and the body's certificate number beside the portal's own certificate."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accesslog.models import AccessEvent
from training import services
from training.certificates import certificate_new_code, certificate_pdf
from training.models import Certificate, CertificateStatus, EnrolmentStatus, Programme

from .builders import cohort, programme

pytestmark = pytest.mark.django_db

QUALIFICATION = {
    "awarding_body": "Highfield Qualifications",
    "qualification_title": "Level 1 Award in Health and Social Care Values",
    "qualification_level": "1",
}


def _certificate(cast, made, recruit, *, name: str, status: str = CertificateStatus.VALID) -> Certificate:
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=recruit)
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save(update_fields=["status"])
    return Certificate.objects.create(
        region=made.region,
        learner=enrolment.learner,
        recruit=recruit,
        enrolment=enrolment,
        programme=made.programme,
        holder_name=name,
        programme_title=made.programme.title,
        completed_on=date(2026, 2, 20),
        code=certificate_new_code(),
        status=status,
    )


@pytest.fixture
def qualified_cohort(cast):
    return cohort(programme(cast.region_a, english=False, **QUALIFICATION))


def test_the_programme_form_round_trips_the_qualification(client, cast) -> None:
    client.force_login(cast.staff_a)
    page = client.get(reverse("programme_new")).content.decode()
    for name in ("awarding_body", "qualification_title", "qualification_level"):
        assert f'name="{name}"' in page
    data = {
        "hub": cast.hub_a.pk,
        "title": "Translating Care",
        "kind": "course",
        "duration_days": "3",
        "delivery": "in_person",
        "audience": "international_recruits",
        "funded": "on",
        "evidence_working_days": "2",
        "modules_text": "",
        "english_minimum": "",
    }
    half = client.post(reverse("programme_new"), {**data, "qualification_title": "Level 1 Award"})
    assert half.status_code == 200 and "Enter the awarding body of the qualification" in half.content.decode()
    client.post(reverse("programme_new"), {**data, **QUALIFICATION})
    made = Programme.objects.get(title="Translating Care")
    assert (made.awarding_body, made.qualification_title, made.qualification_level) == tuple(QUALIFICATION.values())
    # Open the edit page and send it back as a browser would: nothing changes.
    edit = client.get(reverse("programme_edit", args=[made.public_id])).content.decode()
    for value in QUALIFICATION.values():
        assert f'value="{value}"' in edit
    client.post(reverse("programme_edit", args=[made.public_id]), {**data, **QUALIFICATION})
    made.refresh_from_db()
    assert made.qualification_title == QUALIFICATION["qualification_title"]
    detail = client.get(made.get_absolute_url()).content.decode()
    assert "Level 1 Award in Health and Social Care Values, level 1 (Highfield Qualifications)" in detail
    # Optional: a programme without one saves as before.
    client.post(reverse("programme_edit", args=[made.public_id]), {**data, "title": "Translating Care"})
    made.refresh_from_db()
    assert made.awarding_body == ""


def test_the_registration_list_has_what_the_awarding_body_needs(client, cast, qualified_cohort) -> None:
    from tests.factories import RecruitFactory

    cast.recruit_a.date_of_birth = date(1990, 5, 17)
    cast.recruit_a.save(update_fields=["date_of_birth"])
    first = _certificate(cast, qualified_cohort, cast.recruit_a, name="Ada Adeyemi")
    other = RecruitFactory(provider=cast.provider_a, date_of_birth=None)
    _certificate(cast, qualified_cohort, other, name='=HYPERLINK("http://x")')
    revoked = RecruitFactory(provider=cast.provider_a)
    _certificate(cast, qualified_cohort, revoked, name="Revoked Person", status=CertificateStatus.REVOKED)

    client.force_login(cast.staff_a)
    page = client.get(qualified_cohort.get_absolute_url()).content.decode()
    url = reverse("cohort_registration_csv", args=[qualified_cohort.public_id])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv") and response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Learner name",
        "Date of birth",
        "Programme",
        "Awarding body",
        "Qualification",
        "Level",
        "Completion date",
        "Portal certificate code",
    ]
    assert rows[1:] == [
        [
            '\'=HYPERLINK("http://x")',
            "",
            "Translating Care",
            "Highfield Qualifications",
            "Level 1 Award in Health and Social Care Values",
            "1",
            "2026-02-20",
            rows[1][7],
        ],
        [
            "Ada Adeyemi",
            "1990-05-17",
            "Translating Care",
            "Highfield Qualifications",
            "Level 1 Award in Health and Social Care Values",
            "1",
            "2026-02-20",
            first.code,
        ],
    ]
    assert AccessEvent.objects.filter(region=cast.region_a, what__contains="registration list").exists()


def test_only_the_hub_team_downloads_the_registration_list(client, cast, qualified_cohort) -> None:
    url = reverse("cohort_registration_csv", args=[qualified_cohort.public_id])
    for who in (cast.provider_admin_a, cast.provider_staff_a, cast.recruit_user_a):
        client.force_login(who)
        assert client.get(url).status_code == 403, who
        assert url not in client.get(qualified_cohort.get_absolute_url()).content.decode()


def test_the_hub_team_records_the_awarding_body_certificate(client, cast, qualified_cohort) -> None:
    certificate = _certificate(cast, qualified_cohort, cast.recruit_a, name="Ada Adeyemi")
    url = reverse("certificate_award", args=[certificate.public_id])
    client.force_login(cast.staff_a)
    plan = client.get(reverse("training_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert url in plan and "no awarding body certificate recorded yet" in plan

    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Enter the awarding body&#x27;s certificate number" in empty.content.decode()
    future = timezone.localdate() + timedelta(days=3)
    ahead = client.post(
        url,
        {
            "number": "123456",
            "awarded_on_day": future.day,
            "awarded_on_month": future.month,
            "awarded_on_year": future.year,
        },
    )
    assert "must be today or in the past" in ahead.content.decode()
    early = client.post(
        url, {"number": "123456", "awarded_on_day": "1", "awarded_on_month": "2", "awarded_on_year": "2026"}
    )
    assert "on or after the completion date" in early.content.decode()

    done = client.post(
        url, {"number": "123456", "awarded_on_day": "2", "awarded_on_month": "3", "awarded_on_year": "2026"}
    )
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.awarding_body == "Highfield Qualifications"
    assert (certificate.awarding_body_number, certificate.awarding_body_awarded_on) == ("123456", date(2026, 3, 2))
    assert certificate.events.count() >= 2  # pghistory keeps the change

    client.force_login(cast.recruit_user_a)
    plan = client.get(reverse("training_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert "Highfield Qualifications certificate number 123456 awarded 2 March 2026" in plan
    assert url not in plan
    assert client.get(url).status_code == 403

    client.logout()
    check = client.get(reverse("certificate_verify_code", args=[certificate.code])).content.decode()
    assert f"Portal certificate {certificate.code}, valid" in check
    assert "Highfield Qualifications certificate number 123456 awarded 2 March 2026" in check


def test_the_pdf_names_the_awarding_body_certificate(cast, qualified_cohort, monkeypatch) -> None:
    import training.certificates as certificates

    seen = {}
    monkeypatch.setattr(certificates, "pdf_render", lambda **kwargs: seen.update(kwargs) or b"%PDF")
    certificate = _certificate(cast, qualified_cohort, cast.recruit_a, name="Ada Adeyemi")
    Certificate.objects.filter(pk=certificate.pk).update(
        awarding_body="Highfield Qualifications",
        awarding_body_number="123456",
        awarding_body_awarded_on=date(2026, 3, 2),
    )
    certificate.refresh_from_db()
    certificate_pdf(certificate)
    from django.template.loader import render_to_string

    html = render_to_string(seen["template"], seen["context"])
    assert "Highfield Qualifications certificate number 123456, awarded 2 March 2026" in html


def test_a_revoked_certificate_still_says_revoked_beside_the_awarding_body(client, cast, qualified_cohort) -> None:
    certificate = _certificate(cast, qualified_cohort, cast.recruit_a, name="Ada Adeyemi", status="revoked")
    Certificate.objects.filter(pk=certificate.pk).update(
        awarding_body="Highfield Qualifications",
        awarding_body_number="123456",
        awarding_body_awarded_on=date(2026, 3, 2),
    )
    body = client.get(reverse("certificate_verify_code", args=[certificate.code])).content.decode()
    assert "has been revoked" in body and f"Portal certificate {certificate.code}, revoked" in body


def test_a_programme_without_a_qualification_takes_no_awarding_body_number(client, cast) -> None:
    made = cohort(programme(cast.region_a, english=False))
    certificate = _certificate(cast, made, cast.recruit_a, name="Ada Adeyemi")
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("certificate_award", args=[certificate.public_id]),
        {"number": "1", "awarded_on_day": "2", "awarded_on_month": "3", "awarded_on_year": "2026"},
    )
    assert response.status_code == 400 and "add its awarding body first" in response.content.decode()


def test_a_cohort_past_its_booking_deadline_offers_no_booking_to_a_recruit(cast, client) -> None:
    from django.urls import reverse

    from tests.training.builders import cohort, programme

    made = cohort(programme(cast.region_a, english=False))
    client.force_login(cast.recruit_user_a)
    assert "Book a place" in client.get(reverse("cohort_detail", args=[made.public_id])).content.decode()
    from datetime import timedelta

    from django.utils import timezone

    from training.models import Cohort

    Cohort.objects.filter(pk=made.pk).update(booking_deadline=timezone.localdate() - timedelta(days=1))
    page = client.get(reverse("cohort_detail", args=[made.public_id])).content.decode()
    assert "Book a place" not in page and "Booking closed on" in page


def _learner_certificate(cast, made, *, name: str, email: str) -> Certificate:
    """A certificate of a care worker who is not a recruit, nominated by their employer."""
    from training.learners import learner_nominate

    learner = learner_nominate(
        actor=cast.provider_admin_a,
        employer=cast.provider_a,
        data={"name": name, "job_role": "Care assistant", "email": email},
    )
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, learner=learner)
    return Certificate.objects.create(
        region=made.region,
        learner=learner,
        enrolment=enrolment,
        programme=made.programme,
        holder_name=name,
        programme_title=made.programme.title,
        completed_on=date(2026, 2, 20),
        code=certificate_new_code(),
    )


def test_the_hub_team_records_a_learners_awarding_body_certificate_from_the_learner_page(
    client, cast, qualified_cohort, django_assert_max_num_queries
) -> None:
    certificate = _learner_certificate(cast, qualified_cohort, name="Grace Thompson", email="grace@care.test")
    learner = certificate.learner
    url = reverse("certificate_award", args=[certificate.public_id])
    revoke = reverse("certificate_revoke", args=[certificate.public_id])

    # The employer sees the certificate but the awarding body's number is the hub team's to record.
    client.force_login(cast.provider_admin_a)
    page = client.get(learner.get_absolute_url()).content.decode()
    assert certificate.code in page and url not in page and revoke not in page

    client.force_login(cast.staff_a)
    page = client.get(learner.get_absolute_url()).content.decode()
    assert url in page and revoke in page and "no awarding body certificate recorded yet" in page
    done = client.post(
        url, {"number": "HQ123456", "awarded_on_day": "2", "awarded_on_month": "3", "awarded_on_year": "2026"}
    )
    assert done["Location"] == learner.get_absolute_url()
    page = client.get(learner.get_absolute_url()).content.decode()
    assert "Highfield Qualifications certificate number HQ123456 awarded 2 March 2026" in page

    # More certificates cost no more queries.
    with django_assert_max_num_queries(100) as one:
        client.get(learner.get_absolute_url())
    other = cohort(programme(cast.region_a, title="Moving and handling", english=False, **QUALIFICATION))
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=other, learner=learner)
    Certificate.objects.create(
        region=other.region,
        learner=learner,
        enrolment=enrolment,
        programme=other.programme,
        holder_name="Grace Thompson",
        programme_title=other.programme.title,
        completed_on=date(2026, 2, 27),
        code=certificate_new_code(),
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(learner.get_absolute_url())
