"""Rule 10: a care worker hired from the displaced worker pool has the statement "Candidate has been
recruited from the displaced worker pool" on the CoS; when nobody suits, the partnership confirms
the contact so the provider can tell UKVI (a numbered confirmation PDF, then the date UKVI was told)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hubs.roles import Role
from rematch.models import COS_POOL_STATEMENT, PoolCandidate, PoolStatus
from rematch.pool import services
from tests.conftest import Cast
from tests.factories import ProviderFactory, region, user_with_role
from tests.pdfs import pdf_facts
from tests.rematch.test_pool import _worker
from tests.rematch.test_vacancies import vacancy_of


@pytest.fixture
def provider_in_england(cast: Cast):
    provider = ProviderFactory(region=region("E12000005"), name="Gamma Homes Ltd")
    admin = user_with_role(Role.PROVIDER_ADMIN, provider, email="admin.gamma@portal.test")
    return provider, admin


def test_rule_10_the_statement_is_exact() -> None:
    assert COS_POOL_STATEMENT == "Candidate has been recruited from the displaced worker pool"


def test_rule_10_a_pool_hire_is_told_the_cos_statement(cast: Cast, provider_in_england, client) -> None:
    provider, admin = provider_in_england
    pool = services.pool_request_file(actor=admin, vacancy=vacancy_of(provider))
    services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[_worker(cast)], consent_how="In person")
    client.force_login(admin)
    assert COS_POOL_STATEMENT not in client.get(pool.get_absolute_url()).content.decode()
    candidate = PoolCandidate.objects.get()
    client.post(reverse("pool_candidate_outcome", args=[candidate.public_id]), {"outcome": "hired"})
    pool.refresh_from_db()
    assert pool.status == PoolStatus.HIRED
    assert COS_POOL_STATEMENT in client.get(pool.get_absolute_url()).content.decode()


def test_rule_10_nobody_suitable_gives_a_confirmation_for_ukvi(cast: Cast, provider_in_england, client) -> None:
    provider, admin = provider_in_england
    pool = services.pool_request_file(actor=admin, vacancy=vacancy_of(provider, title="Care worker, nights"))
    with pytest.raises(ValidationError):
        services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    services.pool_none_available(actor=cast.staff_a, pool=pool)
    client.force_login(cast.staff_a)
    client.post(reverse("pool_confirmation_issue", args=[pool.public_id]))
    pool.refresh_from_db()
    assert pool.status == PoolStatus.CONFIRMED
    facts = pdf_facts(client.get(reverse("pool_confirmation_pdf", args=[pool.public_id])).content)
    assert pool.confirmation.number in facts.text and "Gamma Homes Ltd" in facts.text
    client.post(reverse("pool_ukvi_told", args=[pool.public_id]), {"on": timezone.localdate().isoformat()})
    pool.refresh_from_db()
    assert pool.status == PoolStatus.CLOSED and pool.confirmation.ukvi_told_on == timezone.localdate()
