"""The displaced-worker pool, end to end: request, shortlist with consent, outcomes, hire or confirmation PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from rematch import services as rematch_services
from rematch.models import (
    COS_POOL_STATEMENT,
    Door,
    PoolCandidate,
    PoolConfirmation,
    PoolEvent,
    PoolRequest,
    PoolStatus,
    RematchRequest,
)
from rematch.pool import services
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory, region, user_with_role
from tests.pdfs import pdf_facts
from tests.rematch.test_vacancies import vacancy_of


def _worker(cast: Cast, postcode: str = "B1 1AA") -> RematchRequest:
    recruit = RecruitFactory(provider=cast.provider_a, postcode=postcode)
    request = rematch_services.rematch_open(actor=cast.staff_a, recruit=recruit, door=Door.HUB)
    for status in ("triage", "searching"):
        rematch_services.rematch_transition(actor=cast.staff_a, request=request, to_status=status)
    request.refresh_from_db()
    return request


@pytest.fixture
def hiring(cast: Cast):
    provider = ProviderFactory(region=region("E12000005"), name="Gamma Homes Ltd")
    admin = user_with_role(Role.PROVIDER_ADMIN, provider, email="admin.gamma@portal.test")
    return provider, admin, vacancy_of(provider, title="Care worker, days")


def test_the_pool_is_for_care_roles(cast: Cast, hiring) -> None:
    provider, admin, _ = hiring
    with pytest.raises(ValidationError, match="care worker and senior care worker"):
        services.pool_request_file(actor=admin, vacancy=vacancy_of(provider, job_role="nurse"))


def test_hire_from_the_pool_end_to_end(cast: Cast, hiring, client) -> None:
    _provider, admin, vacancy = hiring
    first, second = _worker(cast), _worker(cast, "B1 2AA")
    client.force_login(admin)
    client.post(reverse("pool_new", args=[vacancy.public_id]))
    pool = PoolRequest.objects.get()
    assert pool.status == PoolStatus.OPEN and pool.region == cast.region_a
    client.force_login(cast.staff_a)
    answer = reverse("pool_answer", args=[pool.public_id])
    page = client.get(answer).content.decode()
    assert first.worker_name in page and second.worker_name in page
    shortlist = reverse("pool_shortlist", args=[pool.public_id])
    refused = client.post(shortlist, {"requests": [str(first.public_id)]})
    assert "Ask the workers first" in refused.content.decode()
    client.post(
        shortlist,
        {"requests": [str(first.public_id), str(second.public_id)], "consent": "on", "consent_how": "By phone"},
    )
    pool.refresh_from_db()
    assert pool.status == PoolStatus.SHORTLISTED and pool.candidates.count() == 2
    first.refresh_from_db()
    assert first.status == "introduced"
    client.force_login(admin)
    detail = client.get(pool.get_absolute_url()).content.decode()
    assert first.worker_name in detail and "Enhanced DBS" in detail
    one, two = pool.candidates.order_by("id")
    client.post(reverse("pool_candidate_outcome", args=[one.public_id]), {"outcome": "declined"})
    one.refresh_from_db()
    assert one.outcome == "pending", "declining needs a reason"
    client.post(
        reverse("pool_candidate_outcome", args=[one.public_id]), {"outcome": "declined", "reason": "No night shifts"}
    )
    client.post(reverse("pool_candidate_outcome", args=[two.public_id]), {"outcome": "interviewed"})
    client.post(reverse("pool_candidate_outcome", args=[two.public_id]), {"outcome": "hired"})
    pool.refresh_from_db()
    assert pool.status == PoolStatus.HIRED
    assert COS_POOL_STATEMENT in client.get(pool.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError, match="history is evidence"):
        services.pool_candidate_outcome(actor=admin, candidate=one, outcome="interviewed")
    texts = list(pool.events.values_list("text", flat=True))
    assert any("No night shifts" in t for t in texts) and any("Hired from the pool" in t for t in texts)


def test_nobody_suitable_gives_a_numbered_confirmation_pdf(cast: Cast, hiring, client) -> None:
    _provider, admin, vacancy = hiring
    worker = _worker(cast)
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[worker], consent_how="In person")
    candidate = PoolCandidate.objects.get()
    with pytest.raises(ValidationError, match="nobody suitable"):
        services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    services.pool_candidate_outcome(actor=admin, candidate=candidate, outcome="declined", reason="Cannot drive")
    pool.refresh_from_db()
    assert pool.status == PoolStatus.NONE_SUITABLE
    client.force_login(cast.staff_a)
    client.post(reverse("pool_confirmation_issue", args=[pool.public_id]))
    pool.refresh_from_db()
    assert pool.status == PoolStatus.CONFIRMED
    number = pool.confirmation.number
    assert number == f"E12000005-{timezone.localdate():%Y}-0001"
    response = client.get(reverse("pool_confirmation_pdf", args=[pool.public_id]))
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    facts = pdf_facts(response.content)
    assert facts.tagged and number in facts.text and "Gamma Homes Ltd" in facts.text
    assert "Care worker, days" in facts.text and "Cannot drive" in facts.text
    assert worker.worker_name not in facts.text, "candidates are numbered, not named"
    client.post(reverse("pool_ukvi_told", args=[pool.public_id]), {"on": timezone.localdate().isoformat()})
    pool.refresh_from_db()
    assert pool.status == PoolStatus.CLOSED and pool.confirmation.ukvi_told_on == timezone.localdate()
    with pytest.raises(ValidationError, match="history is evidence"):
        services.pool_ukvi_told(actor=cast.staff_a, pool=pool, on=timezone.localdate())
    client.force_login(admin)
    assert client.get(reverse("pool_confirmation_pdf", args=[pool.public_id])).status_code == 200


def test_the_database_refuses_to_change_a_closed_requests_evidence(cast: Cast, hiring) -> None:
    _, admin, vacancy = hiring
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    services.pool_none_available(actor=cast.staff_a, pool=pool)
    services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    services.pool_ukvi_told(actor=cast.staff_a, pool=pool, on=timezone.localdate())
    assert pool.history.count() >= 3, "every change of the request is in its audit history"
    for change in (
        lambda: PoolRequest.objects.filter(pk=pool.pk).update(status=PoolStatus.OPEN),
        lambda: PoolEvent.objects.filter(pool_request=pool).update(text="Nothing happened"),
        lambda: PoolEvent.objects.filter(pool_request=pool).delete(),
        lambda: PoolConfirmation.objects.filter(pool_request=pool).update(ukvi_told_on=None),
    ):
        with pytest.raises(DatabaseError, match="Cannot"), transaction.atomic():
            change()
    assert PoolRequest.objects.get(pk=pool.pk).status == PoolStatus.CLOSED


def test_none_available_goes_straight_to_confirmation(cast: Cast, hiring) -> None:
    _, admin, vacancy = hiring
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    services.pool_none_available(actor=cast.staff_a, pool=pool)
    confirmation = services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    second = services.pool_request_file(actor=admin, vacancy=vacancy_of(hiring[0]))
    services.pool_none_available(actor=cast.staff_a, pool=second)
    assert services.pool_confirmation_issue(actor=cast.staff_a, pool=second).number.endswith("-0002")
    assert confirmation.number.endswith("-0001")
    with pytest.raises(ValidationError, match="in the future"):
        services.pool_ukvi_told(actor=cast.staff_a, pool=pool, on=timezone.localdate() + dt.timedelta(days=1))


def test_only_the_hub_answers_and_only_the_provider_records_outcomes(cast: Cast, hiring, client) -> None:
    _, admin, vacancy = hiring
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    client.force_login(admin)
    assert client.get(reverse("pool_answer", args=[pool.public_id])).status_code == 403
    services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[_worker(cast)], consent_how="phone")
    client.force_login(cast.staff_a)
    candidate = PoolCandidate.objects.get()
    assert (
        client.post(reverse("pool_candidate_outcome", args=[candidate.public_id]), {"outcome": "hired"}).status_code
        == 403
    )


def test_another_provider_sees_nothing_of_a_pool_request(cast: Cast, hiring, client) -> None:
    _, admin, vacancy = hiring
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    client.force_login(cast.provider_admin_a)
    assert client.get(pool.get_absolute_url()).status_code == 404
    assert client.get(reverse("pool_list")).context["pools"] == []


def test_none_available_while_workers_are_listed_needs_a_reason_on_the_form(cast: Cast, hiring, client) -> None:
    _, admin, vacancy = hiring
    worker = _worker(cast)
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    client.force_login(cast.staff_a)
    answer = reverse("pool_answer", args=[pool.public_id])
    page = client.get(answer).content.decode()
    assert worker.worker_name in page and "Why can none of the workers listed be put forward?" in page
    none = reverse("pool_none_available", args=[pool.public_id])
    refused = client.post(none, {"none-reason": "  "})
    assert refused.status_code == 200
    assert "Say why none of the workers listed can be put forward" in refused.content.decode()
    pool.refresh_from_db()
    assert pool.status == PoolStatus.OPEN
    client.post(none, {"none-reason": "Both workers want nights only; this job is days."})
    pool.refresh_from_db()
    assert pool.status == PoolStatus.NONE_SUITABLE
    assert pool.none_available_reason == "Both workers want nights only; this job is days."
    history = client.get(pool.get_absolute_url()).content.decode()
    assert "1 worker with an open request could fit it" in history and "nights only" in history


def test_the_service_wants_the_reason_and_keeps_it_as_evidence(cast: Cast, hiring, client) -> None:
    _, admin, vacancy = hiring
    worker = _worker(cast)
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    with pytest.raises(ValidationError, match="Say why none of the workers listed"):
        services.pool_none_available(actor=cast.staff_a, pool=pool, reason=" ")
    services.pool_none_available(actor=cast.staff_a, pool=pool, reason="Lives too far away to drive there")
    pool.refresh_from_db()
    assert pool.history.order_by("pgh_id").last().none_available_reason == "Lives too far away to drive there"
    assert worker.worker_name not in pool.events.last().text, "the provider reads the history: no names"
    services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    client.force_login(cast.staff_a)
    facts = pdf_facts(client.get(reverse("pool_confirmation_pdf", args=[pool.public_id])).content)
    assert "Lives too far away to drive there" in facts.text
    services.pool_ukvi_told(actor=cast.staff_a, pool=pool, on=timezone.localdate())
    with pytest.raises(DatabaseError, match="Cannot"), transaction.atomic():
        PoolRequest.objects.filter(pk=pool.pk).update(none_available_reason="")


def test_none_available_needs_no_reason_when_nobody_is_listed(cast: Cast, hiring, client) -> None:
    _, admin, vacancy = hiring
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    client.force_login(cast.staff_a)
    answer = reverse("pool_answer", args=[pool.public_id])
    assert "Why can none of the workers" not in client.get(answer).content.decode()
    client.post(reverse("pool_none_available", args=[pool.public_id]))
    pool.refresh_from_db()
    assert pool.status == PoolStatus.NONE_SUITABLE and pool.none_available_reason == ""
