"""Rule 15: no active recruitment from the countries of the WHO 2023 red list. Recruiting from one
through an agency is flagged as a Code of Practice breach (a warning for the hub, never a block);
the lists are dated data."""

from __future__ import annotations

import datetime as dt

import pytest

from recruits.code_of_practice import country_list_on
from recruits.models import CodeOfPracticeCountry, Flag
from recruits.services import recruit_register

pytestmark = pytest.mark.django_db

BASE = {"given_names": "Grace", "family_name": "Banda", "date_of_birth": dt.date(1994, 5, 2)}


def test_rule_15_the_red_list_has_the_55_countries_of_2023() -> None:
    red = CodeOfPracticeCountry.objects.filter(code_list="red", effective_to__isnull=True)
    assert red.count() >= 54 and country_list_on("NG", dt.date(2024, 1, 1)) == "red"


def test_rule_15_a_red_list_country_through_an_agency_is_flagged_not_blocked(cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={**BASE, "nationality": "NG", "recruitment_channel": "other_agency", "agency_name_other": "Fast Jobs"},
    )
    assert recruit.pk and Flag.RED_LIST_AGENCY in recruit.flags
    assert "Code of Practice breach" in Flag(Flag.RED_LIST_AGENCY).label


def test_rule_15_the_list_in_force_on_the_day_decides(db) -> None:
    assert country_list_on("NG", dt.date(2020, 1, 1)) is None  # before the 2023 list took effect
    CodeOfPracticeCountry.objects.filter(iso_code="NG").update(effective_to=dt.date(2027, 1, 1))
    assert country_list_on("NG", dt.date(2026, 12, 31)) == "red"
    assert country_list_on("NG", dt.date(2027, 6, 1)) is None
