"""The public verification page: valid, revoked and unknown codes; nothing else is shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from training.certificates import certificate_new_code, certificate_normalise_code
from training.models import Certificate, CertificateStatus

from .builders import cohort, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(cast):
    from training import services

    made = cohort(programme(cast.region_a, english=False))
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=cast.recruit_a)
    return Certificate.objects.create(
        region=cast.region_a,
        learner=enrolment.learner,
        recruit=cast.recruit_a,
        enrolment=enrolment,
        programme=made.programme,
        holder_name="Ada Adeyemi",
        programme_title="Translating Care",
        certification="Level 1 in safeguarding and protection",
        completed_on="2026-03-14",
        code=certificate_new_code(),
    )


def test_a_valid_code_shows_name_programme_date_and_validity(client, certificate) -> None:
    response = client.get(reverse("certificate_verify_code", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    for shown in ("Ada Adeyemi", "Translating Care", "14 March 2026", "Valid"):
        assert shown in body


def test_the_page_shows_nothing_else(client, cast, certificate) -> None:
    cast.recruit_a.email = "ada.private@people.test"
    cast.recruit_a.passport_number = "A01234567"
    cast.recruit_a.save()
    body = client.get(reverse("certificate_verify_code", args=[certificate.code])).content.decode()
    for hidden in (
        "ada.private@people.test",
        "A01234567",
        cast.provider_a.name,
        str(cast.recruit_a.public_id),
        str(certificate.public_id),
        "Level 1 in safeguarding",
        "Training centre",
    ):
        assert hidden not in body, hidden


def test_a_revoked_code_says_revoked(client, certificate) -> None:
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_reason = "Attendance corrected: private reason"
    certificate.save()
    body = client.get(reverse("certificate_verify_code", args=[certificate.code])).content.decode()
    assert "has been revoked" in body
    assert "private reason" not in body


def test_an_unknown_code_says_so(client, certificate) -> None:
    other = certificate_new_code()
    response = client.get(reverse("certificate_verify_code", args=[other]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "We have no certificate with the code" in body
    assert "Ada Adeyemi" not in body


def test_the_form_accepts_a_code_typed_loosely(client, certificate) -> None:
    typed = certificate.code.lower().replace("-", " ")
    response = client.get(reverse("certificate_verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificate_verify_code", args=[certificate.code])


def test_the_form_explains_a_malformed_code(client) -> None:
    response = client.get(reverse("certificate_verify"), {"code": "12"})
    assert response.status_code == 400
    assert "A code has 12 letters and numbers" in response.content.decode()


def test_look_ups_are_rate_limited_per_address(client, certificate) -> None:
    from training.certificate_views import VERIFY_LIMIT_PER_MINUTE

    url = reverse("certificate_verify_code", args=[certificate_new_code()])
    statuses = [client.get(url).status_code for _ in range(VERIFY_LIMIT_PER_MINUTE)]
    assert set(statuses) == {200}
    limited = client.get(reverse("certificate_verify_code", args=[certificate.code]))
    assert limited.status_code == 429
    assert "Ada Adeyemi" not in limited.content.decode()


def test_codes_avoid_look_alike_characters() -> None:
    codes = {certificate_new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert certificate_normalise_code(code) == code
        assert not set(code) & set("0O1IL")
