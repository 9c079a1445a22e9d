"""Rule 9: since 9 April 2025 a provider in England asks its partnership (the hub) for displaced
workers before assigning a care worker's CoS, assesses the workers put forward and keeps a record.

Held by the pool request (`rematch/pool/`): filed by the provider for a care job, answered by the
hub with a shortlist (with the workers' consent) or "none available" (with a reason when workers
are listed), each candidate's outcome recorded by the provider, and the history kept unchangeable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from hubs.roles import Role
from rematch.models import PoolCandidate, PoolEvent, PoolRequest, PoolStatus
from rematch.pool import services
from tests.conftest import Cast
from tests.factories import ProviderFactory, region, user_with_role
from tests.rematch.test_pool import _worker
from tests.rematch.test_vacancies import vacancy_of


@pytest.fixture
def provider_in_england(cast: Cast):
    provider = ProviderFactory(region=region("E12000005"), name="Gamma Homes Ltd")
    admin = user_with_role(Role.PROVIDER_ADMIN, provider, email="admin.gamma@portal.test")
    return provider, admin


def test_rule_09_the_provider_asks_its_partnership_for_a_care_job(cast: Cast, provider_in_england, client) -> None:
    provider, admin = provider_in_england
    vacancy = vacancy_of(provider, title="Care worker, days")
    client.force_login(admin)
    client.post(reverse("pool_new", args=[vacancy.public_id]))
    pool = PoolRequest.objects.get()
    assert pool.status == PoolStatus.OPEN and pool.region == cast.region_a, "asked of the provider's own hub"
    with pytest.raises(ValidationError, match="care worker and senior care worker"):
        services.pool_request_file(actor=admin, vacancy=vacancy_of(provider, job_role="nurse"))
    assert PoolRequest.objects.count() == 1


def test_rule_09_the_workers_put_forward_are_assessed_and_each_outcome_kept(
    cast: Cast, provider_in_england, client
) -> None:
    provider, admin = provider_in_england
    pool = services.pool_request_file(actor=admin, vacancy=vacancy_of(provider))
    client.force_login(cast.staff_a)
    shortlist = reverse("pool_shortlist", args=[pool.public_id])
    worker = _worker(cast)
    refused = client.post(shortlist, {"requests": [str(worker.public_id)]})
    assert "Ask the workers first" in refused.content.decode(), "nobody is put forward without consent"
    client.post(shortlist, {"requests": [str(worker.public_id)], "consent": "on", "consent_how": "By phone"})
    candidate = PoolCandidate.objects.get()
    client.force_login(admin)
    outcome = reverse("pool_candidate_outcome", args=[candidate.public_id])
    client.post(outcome, {"outcome": "declined"})
    candidate.refresh_from_db()
    assert candidate.outcome == "pending", "an assessment that turns a worker down says why"
    client.post(outcome, {"outcome": "declined", "reason": "Cannot drive to the rural rounds"})
    candidate.refresh_from_db()
    pool.refresh_from_db()
    assert candidate.outcome == "declined" and pool.status == PoolStatus.NONE_SUITABLE
    assert any("Cannot drive" in text for text in pool.events.values_list("text", flat=True))


def test_rule_09_none_available_needs_a_reason_when_workers_are_listed(cast: Cast, provider_in_england) -> None:
    provider, admin = provider_in_england
    _worker(cast)
    pool = services.pool_request_file(actor=admin, vacancy=vacancy_of(provider))
    with pytest.raises(ValidationError, match="Say why none of the workers listed"):
        services.pool_none_available(actor=cast.staff_a, pool=pool, reason=" ")
    pool.refresh_from_db()
    assert pool.status == PoolStatus.OPEN


def test_rule_09_the_record_is_kept_and_cannot_be_rewritten(cast: Cast, provider_in_england) -> None:
    provider, admin = provider_in_england
    pool = services.pool_request_file(actor=admin, vacancy=vacancy_of(provider))
    services.pool_none_available(actor=cast.staff_a, pool=pool)
    assert pool.events.count() >= 2 and pool.history.count() >= 2
    with pytest.raises(DatabaseError, match="Cannot"), transaction.atomic():
        PoolEvent.objects.filter(pool_request=pool).delete()
    assert pool.events.count() >= 2
