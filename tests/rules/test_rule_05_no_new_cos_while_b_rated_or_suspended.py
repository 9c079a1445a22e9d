"""Rule 5: a B-rated or suspended sponsor assigns no new certificates of sponsorship: sponsor
eligibility refuses it as a new sponsor for displaced workers, saying why.

Mirrored from tests/providers/test_eligibility.py against today's module paths; the rematch clock,
the CoS or application date and the escalation until it is recorded come with the rematch/ app."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from providers.eligibility import sponsor_eligibility
from providers.models import Provider
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


@pytest.mark.parametrize(
    ("rating", "said"),
    [("", "no longer lists it"), ("Worker (B rating)", "shows it B-rated")],
)
def test_rule_05_the_public_register_is_checked_until_the_lead_has_looked_at_its_alert(cast, rating, said) -> None:
    """The portal's record says active and A-rated, but the latest copy of the register no longer
    lists the provider (or shows it B-rated): it cannot take a worker until the lead has checked."""
    from compliance.models import RegisterAlert
    from compliance.register import register_import
    from compliance.services import alert_dismiss
    from providers.eligibility import sponsor_eligibility_many
    from tests.compliance.builders import register_csv

    provider, other = cast.provider_a, typing.cast(Provider, ProviderFactory(region=cast.region_a))
    listed = [(provider.name, "", "Worker (A rating)", "Skilled Worker"), (other.name, "", "Worker (A rating)", "x")]
    register_import(source="test", content=register_csv(listed))
    assert sponsor_eligibility(provider=provider, on=ON).eligible
    now = [(other.name, "", "Worker (A rating)", "x")] + (
        [(provider.name, "", rating, "Skilled Worker")] if rating else []
    )
    register_import(source="test", content=register_csv(now))
    alert = RegisterAlert.objects.get(provider=provider)
    result = sponsor_eligibility(provider=provider, on=ON)
    assert not result.eligible
    assert said in result.summary and "the lead checks the register alert" in result.summary
    many = sponsor_eligibility_many(providers=[provider, other], on=ON)
    assert [many[provider.pk].eligible, many[other.pk].eligible] == [False, True]
    alert_dismiss(actor=cast.lead_a, alert=alert)  # a false match: the lead has looked
    assert sponsor_eligibility(provider=provider, on=ON).eligible
