"""Rule 2: a B-rating's action plan lasts up to 3 months (sponsor guidance, part 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.clocks import action_plan_latest_end
from compliance.models import EventKind
from compliance.services import licence_event_record

B_RATED = dt.date(2026, 11, 2)


def test_rule_02_the_plan_lasts_up_to_3_months_and_month_ends_fall_back() -> None:
    assert action_plan_latest_end(dt.date(2026, 9, 15)) == dt.date(2026, 12, 15)
    assert action_plan_latest_end(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)


@pytest.mark.django_db
def test_rule_02_a_b_rating_gets_the_full_3_months_unless_told_otherwise(cast) -> None:
    event = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.B_RATING, event_date=B_RATED
    ).event
    assert event.action_plan_ends == dt.date(2027, 2, 2)


@pytest.mark.django_db
def test_rule_02_a_longer_plan_is_refused_quoting_the_rule(cast) -> None:
    with pytest.raises(ValidationError, match="action plan lasts up to 3 months") as refused:
        licence_event_record(
            actor=cast.lead_a,
            provider=cast.provider_a,
            kind=EventKind.B_RATING,
            event_date=B_RATED,
            action_plan_ends=dt.date(2027, 2, 3),
        )
    assert "2 February 2027" in str(refused.value)
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_rating == "A", "nothing half-written"


def test_rule_02_the_length_is_a_dated_policy_figure(add_figure) -> None:
    add_figure("action_plan_max_months,2,months,2027-06-01,no,test: a future rule change")
    assert action_plan_latest_end(dt.date(2027, 5, 31)) == dt.date(2027, 8, 31)
    assert action_plan_latest_end(dt.date(2027, 6, 1)) == dt.date(2027, 8, 1)
