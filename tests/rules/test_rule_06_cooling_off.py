"""Rule 6: after a revocation no new application for 12 months, 24 if a licence of the organisation
was revoked before (sponsor guidance, part 1): recorded on the event, enforced in sponsor eligibility."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.clocks import cooling_off_end
from compliance.models import EventKind
from compliance.services import licence_event_record
from providers.eligibility import cooling_off_months, sponsor_eligibility
from providers.models import LicenceChange, Provider
from tests.factories import ProviderFactory

ON = dt.date(2026, 11, 30)


def _revoked(provider: Provider, *days: dt.date) -> None:
    for day in days:
        LicenceChange.objects.create(provider=provider, status="revoked", rating="A", effective_on=day)


def test_rule_06_cooling_off_is_12_months_or_24_after_an_earlier_revocation() -> None:
    assert cooling_off_end(dt.date(2026, 3, 10), revoked_before=False) == dt.date(2027, 3, 10)
    assert cooling_off_end(dt.date(2026, 3, 10), revoked_before=True) == dt.date(2028, 3, 10)
    assert cooling_off_end(dt.date(2024, 2, 29), revoked_before=False) == dt.date(2025, 2, 28)


@pytest.mark.django_db
def test_rule_06_a_revocation_records_its_cooling_off(cast) -> None:
    result = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.REVOCATION, event_date=dt.date(2026, 11, 2)
    )
    assert not result.event.repeat_revocation and result.event.cooling_off_ends == dt.date(2027, 11, 2)


@pytest.mark.django_db
def test_rule_06_a_second_revocation_records_24_months(cast) -> None:
    _revoked(cast.provider_a, dt.date(2023, 5, 1))
    result = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.REVOCATION, event_date=dt.date(2026, 11, 2)
    )
    assert result.event.repeat_revocation and result.event.cooling_off_ends == dt.date(2028, 11, 2)


@pytest.mark.django_db
def test_rule_06_sponsor_eligibility_refuses_a_provider_in_its_cooling_off() -> None:
    provider = ProviderFactory()
    _revoked(provider, dt.date(2026, 3, 1))
    assert sponsor_eligibility(provider=provider, on=ON).reasons == [
        "Its licence was revoked on 1 March 2026: it is in a 12-month cooling-off period until 1 March 2027."
    ]
    assert sponsor_eligibility(provider=provider, on=dt.date(2027, 3, 1)).eligible


@pytest.mark.django_db
def test_rule_06_a_second_revocation_keeps_it_out_for_24_months() -> None:
    provider = ProviderFactory()
    _revoked(provider, dt.date(2022, 1, 10), dt.date(2025, 6, 1))
    assert not sponsor_eligibility(provider=provider, on=dt.date(2027, 5, 31)).eligible
    assert sponsor_eligibility(provider=provider, on=dt.date(2027, 6, 1)).eligible


def test_rule_06_the_months_are_dated_policy_figures(add_figure) -> None:
    add_figure("cooling_off_months,6,months,2027-01-01,no,test")
    add_figure("cooling_off_months_repeat,36,months,2027-01-01,no,test")
    assert cooling_off_months(repeat=False, on=dt.date(2026, 12, 31)) == 12
    assert cooling_off_months(repeat=False, on=dt.date(2027, 1, 1)) == 6
    assert cooling_off_end(dt.date(2027, 1, 1), revoked_before=True) == dt.date(2030, 1, 1)
