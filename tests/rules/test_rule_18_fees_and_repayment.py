"""Rule 18: candidates are never charged fees for finding work; the Immigration Skills Charge, the CoS
and licence fees are never recoverable; a repayment clause is itemised (genuine, evidenced costs),
without interest or cash, with a monthly plan offered. The clause is recorded and flagged (the
Code of Practice's flags are warnings, never a block); terms without costs are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruits.models import Flag, Recruit, RepaymentCost
from recruits.services import recruit_register, recruit_update

pytestmark = pytest.mark.django_db

BASE = {"given_names": "Ama", "family_name": "Mensah", "nationality": "IN"}
FAIR = {"repayment_costs": ["travel", "visa_fee"], "repayment_itemised": True, "repayment_monthly_plan": True}


def _register(cast, **data) -> Recruit:
    return recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, **data})


def test_rule_18_any_fee_charged_to_the_candidate_is_flagged(cast) -> None:
    recruit = _register(cast, candidate_fees=Decimal("250.00"))
    assert recruit.flags == [Flag.FEES_CHARGED]


def test_rule_18_a_fair_clause_raises_no_flag(cast) -> None:
    assert _register(cast, **FAIR).flags == []


@pytest.mark.parametrize("cost", ["skills_charge", "cos_fee", "licence_fee", "recruitment_fee"])
def test_rule_18_recovering_what_is_never_recoverable_is_flagged(cast, cost) -> None:
    recruit = _register(cast, **{**FAIR, "repayment_costs": ["travel", cost]})
    assert recruit.flags == [Flag.REPAYMENT_FORBIDDEN]


@pytest.mark.parametrize(
    "terms",
    [
        {"repayment_itemised": False},
        {"repayment_monthly_plan": False},
        {"repayment_interest": True},
        {"repayment_cash": True},
    ],
)
def test_rule_18_a_clause_off_the_codes_terms_is_flagged(cast, terms) -> None:
    assert _register(cast, **{**FAIR, **terms}).flags == [Flag.REPAYMENT_TERMS]


def test_rule_18_terms_without_any_cost_are_refused(cast) -> None:
    with pytest.raises(ValidationError, match="Choose the costs the repayment clause recovers"):
        _register(cast, repayment_interest=True)


def test_rule_18_the_clause_is_recorded_on_the_form_and_shown(cast, client) -> None:
    recruit = _register(cast)
    recruit_update(actor=cast.staff_a, recruit=recruit, data={"repayment_costs": [RepaymentCost.TRAVEL]})
    client.force_login(cast.staff_a)
    edit = reverse("recruit_edit", kwargs={"public_id": recruit.public_id})
    form = client.get(edit).content.decode()
    assert 'name="repayment_costs" type="checkbox" value="cos_fee"' in form and "Never recoverable" in form
    data = {
        **BASE,
        "job_role": "care_worker",
        "visa_route": "health_and_care",
        "dbs_status": "not_started",
        "overseas_crc": "not_obtained",
        "osce_attempts": "0",
        "recruitment_channel": "direct",
        "repayment_costs": ["travel", "skills_charge"],
        "repayment_itemised": "on",
        "repayment_monthly_plan": "on",
    }
    assert client.post(edit, data).status_code == 302
    recruit.refresh_from_db()
    assert recruit.repayment_costs == ["travel", "skills_charge"] and recruit.flags == [Flag.REPAYMENT_FORBIDDEN]
    page = client.get(reverse("recruit_detail", kwargs={"public_id": recruit.public_id})).content.decode()
    assert "Recovers: Travel to the UK, Immigration Skills Charge." in page
