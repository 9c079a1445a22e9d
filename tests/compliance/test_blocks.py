"""Blocks: a suspended or revoked provider cannot post vacancies or receive introductions or
placements, with the reason shown; its existing workers stay employed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.models import EventKind
from compliance.services import licence_event_record
from rematch.introductions import introduction_record
from rematch.models import Door
from rematch.placements import placement_record
from rematch.services import rematch_open, rematch_transition
from tests.factories import ProviderFactory, RecruitFactory
from tests.rematch.test_vacancies import FORM, vacancy_of

pytestmark = pytest.mark.django_db
LETTER = dt.date(2026, 11, 2)


def _lose_licence(cast, provider, kind: str) -> None:
    licence_event_record(actor=cast.lead_a, provider=provider, kind=kind, event_date=LETTER, open_case=False)


@pytest.mark.parametrize(("kind", "word"), [(EventKind.SUSPENSION, "suspended"), (EventKind.REVOCATION, "revoked")])
def test_no_vacancy_can_be_posted_and_the_page_says_why(cast, client, kind, word) -> None:
    _lose_licence(cast, cast.provider_a, kind)
    with pytest.raises(ValidationError, match=f"its sponsor licence is {word}"):
        vacancy_of(cast.provider_a)
    client.force_login(cast.provider_admin_a)
    url = reverse("vacancy_new", args=[cast.provider_a.public_id])
    page = client.get(url).content.decode()
    assert f"cannot post vacancies: its sponsor licence is {word}" in page
    response = client.post(url, FORM)
    assert response.status_code == 200 and "cannot post vacancies" in response.content.decode()
    assert not cast.provider_a.vacancies.exists()


def test_an_open_vacancy_cannot_be_reopened_after_a_suspension(cast) -> None:
    from rematch.vacancies.services import vacancy_update

    vacancy = vacancy_of(cast.provider_a)
    vacancy_update(actor=cast.staff_a, vacancy=vacancy, data={"status": "withdrawn"})
    _lose_licence(cast, cast.provider_a, EventKind.SUSPENSION)
    with pytest.raises(ValidationError, match="suspended"):
        vacancy_update(actor=cast.staff_a, vacancy=vacancy, data={"status": "open"})


def _searching_request(cast):
    worker = RecruitFactory(provider=ProviderFactory(region=cast.region_a, name="Old Employer Ltd"), status="displaced")
    request = rematch_open(actor=cast.staff_a, recruit=worker, door=Door.HUB)
    for status in ("triage", "searching"):
        rematch_transition(actor=cast.staff_a, request=request, to_status=status)
    return request


@pytest.mark.parametrize(("kind", "word"), [(EventKind.SUSPENSION, "suspended"), (EventKind.REVOCATION, "revoked")])
def test_no_introduction_or_placement_with_a_provider_that_lost_its_licence(cast, kind, word) -> None:
    new_employer = ProviderFactory(region=cast.region_a, name="New Employer Ltd")
    vacancy = vacancy_of(new_employer, posts=2)
    introduced = _searching_request(cast)
    introduction_record(actor=cast.staff_a, request=introduced, vacancy=vacancy, consent=True, consent_how="Phone")
    waiting = _searching_request(cast)
    _lose_licence(cast, new_employer, kind)
    vacancy.refresh_from_db()  # as the next page would load them
    new_employer.refresh_from_db()
    with pytest.raises(ValidationError, match=f"Its sponsor licence is {word}"):
        introduction_record(actor=cast.staff_a, request=waiting, vacancy=vacancy, consent=True, consent_how="Phone")
    with pytest.raises(ValidationError, match=f"Its sponsor licence is {word}"):
        placement_record(actor=cast.staff_a, request=introduced, provider=new_employer, start_date=dt.date(2026, 12, 1))


def test_existing_workers_of_a_suspended_provider_stay_employed(cast) -> None:
    worker = RecruitFactory(provider=cast.provider_a, status="employed")
    _lose_licence(cast, cast.provider_a, EventKind.SUSPENSION)
    worker.refresh_from_db()
    assert (worker.status, worker.provider) == ("employed", cast.provider_a)
