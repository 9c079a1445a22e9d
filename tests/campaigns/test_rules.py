import datetime as dt

import pytest

from campaigns.rules import check_campaign
from portal.policy import policy_figure
from recruits.models import CodeList, CodeOfPracticeCountry

pytestmark = pytest.mark.django_db

CLOSURE = policy_figure("care_visa_from_abroad", on=dt.date(2030, 1, 1)).effective_from
NURSE = ["2231"]


@pytest.fixture(autouse=True)
def lists(db):
    CodeOfPracticeCountry.objects.create(
        iso_code="AF", name="Afghanistan", code_list=CodeList.RED, effective_from=dt.date(2023, 3, 23)
    )
    CodeOfPracticeCountry.objects.create(
        iso_code="KE", name="Kenya", code_list=CodeList.AMBER, effective_from=dt.date(2021, 11, 11)
    )


def check(countries, codes=NURSE, agreement="", on=dt.date(2026, 1, 5), in_country=False):
    return check_campaign(
        in_country=in_country, countries=countries, occupation_codes=codes, amber_agreement=agreement, on=on
    )


def test_red_list_country_refused():
    assert [r.country for r in check(["AF"])] == ["AF"]


def test_amber_without_agreement_refused_and_with_it_allowed():
    assert [r.country for r in check(["KE"])] == ["KE"]
    assert check(["KE"], agreement="UK-Kenya bilateral agreement") == []


def test_unlisted_country_allowed():
    assert check(["IN"]) == []


def test_care_role_from_abroad_before_and_after_closure():
    care = ["6136"]
    assert check(["IN"], codes=care, on=CLOSURE - dt.timedelta(days=1)) == []
    refused = check(["IN"], codes=care, on=CLOSURE)
    assert len(refused) == 1 and f"{CLOSURE:%-d %B %Y}" in refused[0].message


def test_in_country_always_allowed():
    assert check(["AF", "KE"], codes=["6135"], on=CLOSURE, in_country=True) == []
