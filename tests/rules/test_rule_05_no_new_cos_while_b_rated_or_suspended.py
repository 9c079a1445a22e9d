"""Rule 5: a B-rated or suspended sponsor assigns no new certificates of sponsorship: sponsor
eligibility refuses it as a new sponsor for displaced workers, saying why.

Mirrored from tests/providers/test_eligibility.py against today's module paths; the rematch clock,
the CoS or application date and the escalation until it is recorded come with the rematch/ app."""

from __future__ import annotations

import datetime as dt

import pytest

from providers.eligibility import sponsor_eligibility
from tests.factories import ProviderFactory

ON = dt.date(2026, 11, 30)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"licence_status": "suspended"}, "Its sponsor licence is suspended."),
        ({"licence_rating": "B"}, "It is B-rated: a B-rated sponsor cannot assign new certificates of sponsorship."),
    ],
)
def test_rule_05_a_b_rated_or_suspended_sponsor_cannot_take_a_worker(changes, reason) -> None:
    result = sponsor_eligibility(provider=ProviderFactory(**changes), on=ON)
    assert not result.eligible and result.reasons == [reason] and reason in result.summary


def test_rule_05_an_active_a_rated_sponsor_can() -> None:
    assert sponsor_eligibility(provider=ProviderFactory(), on=ON).eligible
