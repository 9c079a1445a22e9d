"""Rule 9: since 9 April 2025 a provider in England asks its partnership (the hub) for displaced
workers before assigning a care worker's CoS, assesses the workers put forward and keeps a record.

Held by the pool request (`rematch/pool/`): filed by the provider for a care job, answered by the
hub with a shortlist (with the workers' consent) or "none available" (with a reason when workers
are listed), each candidate's outcome recorded by the provider, and the history kept unchangeable.

A worker hired from the pool who has not started within 28 days (dated figure `start_due_days`)
of the later of the CoS start and the hire is the provider's "did not start" report to UKVI:
its administrators and the region's lead are reminded on the day after (`rematch/pool/late_start.py`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from hubs.roles import Role
from notifications.models import Reminder
from rematch import placements
from rematch.clock import LONDON
from rematch.models import PoolCandidate, PoolEvent, PoolRequest, PoolStatus
from rematch.pool import services
from rematch.pool.late_start import LATE_START_KIND, start_due_by
from tests.conftest import Cast
from tests.factories import ProviderFactory, region, user_with_role
from tests.rematch.test_pool import _worker
from tests.rematch.test_vacancies import vacancy_of
from tests.rules.conftest import london


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


# -- the 28-day late-start step -------------------------------------------------------------------


def _hire(cast: Cast, provider, admin, vacancy):
    worker = _worker(cast)
    pool = services.pool_request_file(actor=admin, vacancy=vacancy)
    services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[worker], consent_how="By phone")
    candidate = PoolCandidate.objects.get(pool_request=pool)
    services.pool_candidate_outcome(actor=admin, candidate=candidate, outcome="hired")
    return pool, worker


def _late_start(pool: PoolRequest):
    return Reminder.objects.filter(
        kind=LATE_START_KIND, object_id=str(pool.pk), status=Reminder.Status.SCHEDULED
    ).order_by("recipient_role")


def test_rule_09_a_pool_hire_not_started_28_days_after_the_cos_start_is_reminded(
    cast: Cast, provider_in_england, clock
) -> None:
    provider, admin = provider_in_england
    clock(london(dt.date(2026, 12, 1)))
    pool, worker = _hire(cast, provider, admin, vacancy_of(provider, start_date=dt.date(2027, 1, 4)))
    reminders = list(_late_start(pool))
    assert [(r.recipient_role, r.provider_id, r.region_id) for r in reminders] == [
        ("lead", None, cast.region_a.pk),
        ("provider_admin", provider.pk, provider.region_id),
    ]
    # Due on the day after the 28th (4 Jan + 28 = 1 Feb), with the "did not start" report's
    # deadline 10 working days later.
    assert {r.due_at.astimezone(LONDON) for r in reminders} == {dt.datetime(2027, 2, 2, 9, tzinfo=LONDON)}
    assert {r.deadline.astimezone(LONDON).date() for r in reminders if r.deadline} == {dt.date(2027, 2, 16)}
    assert "did not start" in pool.events.order_by("-id").first().text
    # The worker starts with the provider that hired them: nothing to report, nobody reminded.
    placements.placement_record(actor=cast.staff_a, request=worker, provider=provider, start_date=dt.date(2027, 1, 4))
    assert not _late_start(pool).exists()


def test_rule_09_a_start_elsewhere_does_not_stop_the_late_start_step(cast: Cast, provider_in_england, clock) -> None:
    provider, admin = provider_in_england
    clock(london(dt.date(2026, 12, 1)))
    pool, worker = _hire(cast, provider, admin, vacancy_of(provider))
    other = ProviderFactory(region=region("E12000005"), name="Delta Care Ltd")
    placements.placement_record(actor=cast.staff_a, request=worker, provider=other, start_date=dt.date(2027, 1, 4))
    assert _late_start(pool).count() == 2, "the hiring provider must still report that the worker did not start"


def test_rule_09_the_late_start_days_are_a_dated_figure_from_the_later_of_cos_start_and_hire(add_figure) -> None:
    assert start_due_by(cos_start=dt.date(2027, 1, 4), hired_on=dt.date(2026, 12, 1)) == dt.date(2027, 2, 1)
    assert start_due_by(cos_start=dt.date(2026, 11, 1), hired_on=dt.date(2026, 12, 1)) == dt.date(2026, 12, 29)
    add_figure("start_due_days,21,calendar days,2027-06-01,no,test: a future rule change")
    assert start_due_by(cos_start=dt.date(2027, 5, 31), hired_on=dt.date(2027, 5, 1)) == dt.date(2027, 6, 28)
    assert start_due_by(cos_start=dt.date(2027, 6, 1), hired_on=dt.date(2027, 5, 1)) == dt.date(2027, 6, 22)
