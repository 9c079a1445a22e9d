"""Rule 4: a second B-rating within 4 years is a red flag (UKVI normally gives one action plan in any
4 years, so the licence may be revoked): computed from the licence events, shown on the provider
page, the case page and the page that records an event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from compliance.b_rating import next_b_rating_warning, repeat_b_rating
from compliance.models import EventKind, LicenceEvent
from compliance.services import licence_event_record
from tests.rules.conftest import london


def _event(kind: str, day: dt.date, rating: str = "") -> LicenceEvent:
    return LicenceEvent(kind=kind, event_date=day, rating=rating)


def test_rule_04_a_b_rating_within_4_years_of_another_is_a_red_flag() -> None:
    events = [_event(EventKind.B_RATING, dt.date(2023, 3, 1)), _event(EventKind.B_RATING, dt.date(2027, 2, 28))]
    flag = repeat_b_rating(events)
    assert flag is not None and flag.years == 4
    assert "within 4 years" in flag.message and "1 March 2023" in flag.message and "revocation" in flag.message
    assert repeat_b_rating([*events[:1], _event(EventKind.B_RATING, dt.date(2027, 3, 1))]) is None  # 4 years on


def test_rule_04_a_reinstatement_with_a_b_rating_counts_and_one_with_an_a_rating_does_not() -> None:
    first = _event(EventKind.B_RATING, dt.date(2025, 1, 10))
    assert repeat_b_rating([first, _event(EventKind.REINSTATEMENT, dt.date(2026, 5, 1), "B")]) is not None
    assert repeat_b_rating([first, _event(EventKind.REINSTATEMENT, dt.date(2026, 5, 1), "A")]) is None
    assert repeat_b_rating([first, _event(EventKind.SUSPENSION, dt.date(2026, 5, 1))]) is None


def test_rule_04_before_an_event_the_lead_is_told_a_b_rating_would_be_the_second() -> None:
    events = [_event(EventKind.B_RATING, dt.date(2025, 1, 10))]
    assert "before 10 January 2029" in next_b_rating_warning(events, on=dt.date(2026, 12, 1))
    assert next_b_rating_warning(events, on=dt.date(2029, 1, 10)) == ""


def test_rule_04_the_years_are_a_dated_policy_figure(add_figure) -> None:
    add_figure("repeat_b_rating_years,2,years,2027-01-01,no,test: a future rule change")
    earlier = _event(EventKind.B_RATING, dt.date(2024, 6, 1))
    assert repeat_b_rating([earlier, _event(EventKind.B_RATING, dt.date(2026, 12, 31))]) is not None
    assert repeat_b_rating([earlier, _event(EventKind.B_RATING, dt.date(2027, 1, 1))]) is None


@pytest.mark.django_db
def test_rule_04_the_provider_and_case_pages_show_the_flag(cast, clock, client) -> None:
    clock(london(dt.date(2026, 11, 20), 15))
    lead, provider = cast.lead_a, cast.provider_a
    licence_event_record(actor=lead, provider=provider, kind=EventKind.B_RATING, event_date=dt.date(2024, 2, 1))
    case = licence_event_record(
        actor=lead, provider=provider, kind=EventKind.SUSPENSION, event_date=dt.date(2026, 11, 2)
    ).case
    assert case is not None
    licence_event_record(actor=lead, provider=provider, kind=EventKind.REINSTATEMENT, event_date=dt.date(2026, 11, 20),
                         rating="B")  # fmt: skip
    for user in (lead, cast.council_officer_a):
        client.force_login(user)
        page = client.get(case.get_absolute_url()).content.decode()
        assert 'id="repeat-b-rating"' in page and "1 February 2024" in page
    for user in (lead, cast.provider_admin_a):
        client.force_login(user)
        page = client.get(reverse("provider_detail", args=[provider.public_id])).content.decode()
        assert 'id="repeat-b-rating"' in page


@pytest.mark.django_db
def test_rule_04_the_event_form_warns_before_a_second_b_rating(cast, clock, client) -> None:
    clock(london(dt.date(2026, 11, 20), 15))
    LicenceEvent.objects.all().delete()
    licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=dt.date(2026, 1, 5)
    )
    licence_event_record(
        actor=cast.lead_a,
        provider=cast.provider_a,
        kind=EventKind.REINSTATEMENT,
        event_date=dt.date(2026, 2, 2),
        rating="B",
    )
    client.force_login(cast.lead_a)
    page = client.get(reverse("licence_event_new", args=[cast.provider_a.public_id])).content.decode()
    assert 'id="b-rating-warning"' in page and "before 2 February 2030" in page
