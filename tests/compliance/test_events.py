"""Licence events: their clocks, the provider's status and rating, the history, who may record them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.clocks import action_plan_latest_end, cooling_off_end, representation_deadline
from compliance.models import ComplianceCase, EventKind
from compliance.services import licence_event_record
from providers.models import LicenceChange, LicenceSource

pytestmark = pytest.mark.django_db


def test_representation_deadline_counts_20_working_days_over_christmas_bank_holidays() -> None:
    # Tue 1 Dec 2026: 17 working days to Thu 24 Dec, then 25 and 28 Dec are bank holidays.
    assert representation_deadline(dt.date(2026, 12, 1)) == dt.date(2026, 12, 31)
    assert representation_deadline(dt.date(2026, 11, 20)) == dt.date(2026, 12, 18)  # no holiday in between


def test_action_plan_lasts_up_to_three_months_and_month_ends_fall_back() -> None:
    assert action_plan_latest_end(dt.date(2026, 9, 15)) == dt.date(2026, 12, 15)
    assert action_plan_latest_end(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)


def test_cooling_off_is_12_months_or_24_after_an_earlier_revocation() -> None:
    assert cooling_off_end(dt.date(2026, 3, 10), revoked_before=False) == dt.date(2027, 3, 10)
    assert cooling_off_end(dt.date(2026, 3, 10), revoked_before=True) == dt.date(2028, 3, 10)
    assert cooling_off_end(dt.date(2024, 2, 29), revoked_before=False) == dt.date(2025, 2, 28)


def test_a_suspension_sets_the_deadline_moves_the_licence_and_opens_a_case(cast) -> None:
    result = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=dt.date(2026, 12, 1)
    )
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_status == "suspended"
    assert result.event.representation_deadline == dt.date(2026, 12, 31)
    assert result.case is not None and result.case.status == "open"
    change = LicenceChange.objects.filter(provider=cast.provider_a).first()
    assert change == result.event.licence_change and change.source == LicenceSource.UKVI
    assert change.recorded_by == cast.lead_a


def test_a_second_revocation_gets_24_months_of_cooling_off(cast) -> None:
    provider = cast.provider_a
    LicenceChange.objects.create(provider=provider, status="revoked", rating="A", effective_on=dt.date(2023, 5, 1))
    result = licence_event_record(
        actor=cast.lead_a, provider=provider, kind=EventKind.REVOCATION, event_date=dt.date(2026, 11, 2)
    )
    assert result.event.repeat_revocation
    assert result.event.cooling_off_ends == dt.date(2028, 11, 2)


def test_a_first_revocation_gets_12_months(cast) -> None:
    result = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.REVOCATION, event_date=dt.date(2026, 11, 2)
    )
    assert not result.event.repeat_revocation and result.event.cooling_off_ends == dt.date(2027, 11, 2)


def test_b_rating_keeps_the_licence_active_with_an_action_plan_and_opens_no_case(cast) -> None:
    result = licence_event_record(
        actor=cast.lead_a,
        provider=cast.provider_a,
        kind=EventKind.B_RATING,
        event_date=dt.date(2026, 11, 2),
        source=LicenceSource.REGISTER,
    )
    cast.provider_a.refresh_from_db()
    assert (cast.provider_a.licence_status, cast.provider_a.licence_rating) == ("active", "B")
    assert result.event.action_plan_ends == dt.date(2027, 2, 2) and result.case is None
    assert not ComplianceCase.objects.exists()


def test_an_action_plan_longer_than_three_months_is_refused(cast) -> None:
    with pytest.raises(ValidationError, match="up to 3 months"):
        licence_event_record(
            actor=cast.lead_a,
            provider=cast.provider_a,
            kind=EventKind.B_RATING,
            event_date=dt.date(2026, 11, 2),
            action_plan_ends=dt.date(2027, 3, 1),
        )
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_rating == "A", "nothing half-written"


def test_reinstatement_follows_a_suspension_with_the_rating_given(cast) -> None:
    licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=dt.date(2026, 11, 2)
    )
    licence_event_record(
        actor=cast.lead_a,
        provider=cast.provider_a,
        kind=EventKind.REINSTATEMENT,
        event_date=dt.date(2026, 11, 20),
        rating="B",
    )
    cast.provider_a.refresh_from_db()
    assert (cast.provider_a.licence_status, cast.provider_a.licence_rating) == ("active", "B")
    statuses = list(LicenceChange.objects.filter(provider=cast.provider_a).values_list("status", flat=True))
    assert statuses[:2] == ["active", "suspended"], "the history keeps both changes"


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        (None, EventKind.REINSTATEMENT, "cannot be “reinstated”"),
        (EventKind.REVOCATION, EventKind.SUSPENSION, "licence is revoked"),
        (EventKind.SURRENDER, EventKind.REVOCATION, "licence is surrendered"),
        (EventKind.SUSPENSION, EventKind.B_RATING, "licence is suspended"),
    ],
)
def test_impossible_events_are_refused_with_the_reason(cast, first, then, message) -> None:
    if first:
        licence_event_record(actor=cast.lead_a, provider=cast.provider_a, kind=first, event_date=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError, match=message):
        licence_event_record(
            actor=cast.lead_a, provider=cast.provider_a, kind=then, event_date=dt.date(2026, 11, 3), rating="A"
        )


def test_a_future_event_is_refused(cast) -> None:
    with pytest.raises(ValidationError, match="future"):
        licence_event_record(
            actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=dt.date(2099, 1, 1)
        )


def test_hub_staff_cannot_record_licence_events(cast) -> None:
    with pytest.raises(ValidationError, match="Only the region's lead"):
        licence_event_record(
            actor=cast.staff_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=dt.date(2026, 11, 2)
        )


def test_a_revocation_after_a_suspension_joins_the_open_case(cast) -> None:
    first = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=dt.date(2026, 11, 2)
    )
    second = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.REVOCATION, event_date=dt.date(2026, 11, 25)
    )
    assert second.joined_existing and second.case == first.case
    assert ComplianceCase.objects.count() == 1
    assert "Revoked on 25 November 2026" in first.case.entries.first().text
