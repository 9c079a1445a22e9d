"""The provider page answers "can it sponsor new workers?" in sentences a lead reads, with the day it changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from providers.eligibility import sponsor_eligibility
from providers.models import LicenceChange
from tests.conftest import Cast
from tests.factories import ProviderFactory

ON = dt.date(2026, 11, 30)


def test_an_a_rated_active_licence_reads_can_sponsor_new_workers(db) -> None:
    provider = ProviderFactory(cqc_location_id="1-234")
    result = sponsor_eligibility(provider=provider, on=ON)
    assert result.headline == "Can sponsor new workers."
    assert [check.text for check in result.checks][:3] == [
        "Its sponsor licence is active.",
        "Its licence is A-rated.",
        "Its licence has never been revoked.",
    ]


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"licence_status": "suspended"}, "Cannot sponsor new workers. Its sponsor licence is suspended."),
        ({"licence_status": "revoked"}, "Cannot sponsor new workers. Its sponsor licence is revoked."),
        (
            {"licence_rating": "B"},
            "Cannot sponsor new workers. It is B-rated: a B-rated sponsor cannot assign new certificates of "
            "sponsorship.",
        ),
        ({"cqc_location_id": ""}, "Cannot sponsor new workers. No CQC location ID is recorded for it."),
    ],
)
def test_each_licence_state_reads_as_a_sentence(changes: dict, sentence: str, db) -> None:
    assert sponsor_eligibility(provider=ProviderFactory(**changes), on=ON).headline == sentence


def test_a_cooling_off_period_says_until_when(db) -> None:
    provider = ProviderFactory()
    LicenceChange.objects.create(provider=provider, status="revoked", rating="A", effective_on=dt.date(2026, 1, 14))
    result = sponsor_eligibility(provider=provider, on=ON)
    assert result.until == dt.date(2027, 1, 14)
    assert result.headline == (
        "Cannot sponsor new workers until 14 January 2027. Its licence was revoked on 14 January 2026: "
        "it is in a 12-month cooling-off period until 14 January 2027."
    )


def test_no_date_is_promised_when_another_check_also_fails(db) -> None:
    provider = ProviderFactory(licence_status="revoked")
    LicenceChange.objects.create(provider=provider, status="revoked", rating="A", effective_on=dt.date(2026, 1, 14))
    result = sponsor_eligibility(provider=provider, on=ON)
    assert result.until is None and result.headline.startswith("Cannot sponsor new workers. ")


def test_the_provider_page_shows_the_sentence(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.lead_a)
    html = client.get(cast.provider_a.get_absolute_url()).content.decode()
    assert 'id="eligibility-headline">Can sponsor new workers.</p>' in html
    assert "What was checked" in html and "<li>Its licence is A-rated.</li>" in html
    assert "Met</strong>" not in html and "A-rated</dt>" not in html
