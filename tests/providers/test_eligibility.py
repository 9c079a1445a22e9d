"""Can a provider sponsor a displaced worker? Each reason, in words; and pay below the route's threshold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from portal.dates import add_months
from providers.eligibility import sponsor_eligibility, sponsor_eligibility_many
from providers.models import LicenceChange, Provider
from providers.pay import pay_problems, pay_threshold
from tests.conftest import Cast
from tests.factories import ProviderFactory

ON = dt.date(2026, 11, 30)


def _revoked(provider: Provider, *days: dt.date) -> None:
    for day in days:
        LicenceChange.objects.create(provider=provider, status="revoked", rating="A", effective_on=day)


def test_an_active_a_rated_provider_with_a_cqc_location_can_sponsor(cast: Cast) -> None:
    result = sponsor_eligibility(provider=cast.provider_a, on=ON)
    assert result.eligible and result.reasons == []
    assert "can sponsor" in result.summary


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"licence_status": "suspended"}, "Its sponsor licence is suspended."),
        ({"licence_status": "revoked"}, "Its sponsor licence is revoked."),
        ({"licence_rating": "B"}, "It is B-rated: a B-rated sponsor cannot assign new certificates of sponsorship."),
        ({"cqc_location_id": ""}, "No CQC location ID is recorded for it."),
    ],
)
def test_each_reason_is_said_in_words(changes: dict, reason: str, db) -> None:
    provider = ProviderFactory(**changes)
    result = sponsor_eligibility(provider=provider, on=ON)
    assert not result.eligible and result.reasons == [reason]
    assert reason in result.summary


def test_a_revocation_within_12_months_is_a_cooling_off_period(db) -> None:
    provider = ProviderFactory()
    _revoked(provider, dt.date(2026, 3, 1))
    result = sponsor_eligibility(provider=provider, on=ON)
    assert result.reasons == [
        "Its licence was revoked on 1 March 2026: it is in a 12-month cooling-off period until 1 March 2027."
    ]
    assert sponsor_eligibility(provider=provider, on=dt.date(2027, 3, 1)).eligible


def test_a_second_revocation_means_24_months(db) -> None:
    provider = ProviderFactory()
    _revoked(provider, dt.date(2022, 1, 10), dt.date(2025, 6, 1))
    result = sponsor_eligibility(provider=provider, on=ON)
    assert result.reasons == [
        "Its licence was revoked on 1 June 2025 (its licence was revoked before): it is in a 24-month "
        "cooling-off period until 1 June 2027."
    ]
    assert sponsor_eligibility(provider=provider, on=dt.date(2027, 6, 1)).eligible


def test_an_old_revocation_no_longer_counts(db) -> None:
    provider = ProviderFactory()
    _revoked(provider, dt.date(2024, 1, 1))
    assert sponsor_eligibility(provider=provider, on=ON).eligible


def test_several_failures_are_all_listed(db) -> None:
    provider = ProviderFactory(licence_rating="B", cqc_location_id="")
    assert len(sponsor_eligibility(provider=provider, on=ON).reasons) == 2


def test_many_providers_in_one_query(db, django_assert_num_queries) -> None:
    providers = [ProviderFactory() for _ in range(5)]
    _revoked(providers[0], dt.date(2026, 6, 1))
    with django_assert_num_queries(1):
        results = sponsor_eligibility_many(providers=providers, on=ON)
    assert [results[p.pk].eligible for p in providers] == [False, True, True, True, True]


def test_add_months_on_month_ends() -> None:
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 24) == dt.date(2027, 11, 15)


def test_pay_below_the_threshold_is_explained() -> None:
    threshold = pay_threshold(occupation_code="6135", on=ON)
    assert threshold is not None and threshold.per_hour == Decimal("12.82")
    problems = pay_problems(occupation_code="6135", pay_per_hour=Decimal("11.50"), pay_per_year=Decimal("22000"), on=ON)
    assert problems[0].startswith("£11.50 an hour is below the £12.82 an hour the Health and Care Worker route")
    assert "not confirmed" in problems[0]
    assert "£22,000 a year is below the £23,200 a year" in problems[1]
    assert (
        pay_problems(occupation_code="6135", pay_per_hour=Decimal("12.82"), pay_per_year=Decimal("23200"), on=ON) == []
    )


def test_no_threshold_before_the_data_starts() -> None:
    assert pay_threshold(occupation_code="6135", on=dt.date(2020, 1, 1)) is None
