"""Rule 16: an amber-list country (a red-list country with a government-to-government agreement) is
recruited from only within the agreement's terms: the record carries the agreement it was made
under, and is flagged until it does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from recruits.code_of_practice import country_list_on, flags_for
from recruits.models import Flag, Recruit
from recruits.services import recruit_register, recruit_update

pytestmark = pytest.mark.django_db

BASE = {"given_names": "Sita", "family_name": "Gurung", "nationality": "NP"}
AGREEMENT = "UK-Nepal memorandum of understanding on health workers (2022)"


def _register(cast, **data) -> Recruit:
    return recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, **data})


def test_rule_16_an_amber_country_without_a_recorded_agreement_is_flagged(cast) -> None:
    recruit = _register(cast)
    assert country_list_on("NP", dt.date(2026, 12, 1)) == "amber"
    assert recruit.flags == [Flag.AMBER_LIST]
    assert Flag(Flag.AMBER_LIST).label == "Amber-list country: no government agreement recorded"


def test_rule_16_recording_the_agreement_clears_the_flag(cast) -> None:
    recruit = _register(cast, recruitment_channel="other_agency", agency_name_other="Himalaya Staffing")
    assert Flag.AMBER_LIST in recruit.flags
    recruit = recruit_update(actor=cast.staff_a, recruit=recruit, data={"amber_agreement": AGREEMENT})
    assert Flag.AMBER_LIST not in recruit.flags and Flag.UNLISTED_AGENCY in recruit.flags
    assert flags_for(Recruit(nationality="NP", amber_agreement="   ")) == [Flag.AMBER_LIST], "blank is not a record"


def test_rule_16_someone_recruited_in_the_uk_needs_no_agreement(cast) -> None:
    assert _register(cast, recruitment_channel="in_country").flags == []


def test_rule_16_the_form_records_the_agreement_and_the_page_shows_it(cast, client) -> None:
    recruit = _register(cast)
    client.force_login(cast.staff_a)
    edit = reverse("recruit_edit", kwargs={"public_id": recruit.public_id})
    form = client.get(edit).content.decode()
    assert 'name="amber_agreement"' in form and "government-to-government agreement" in form
    data = {
        "given_names": "Sita",
        "family_name": "Gurung",
        "nationality": "NP",
        "job_role": "care_worker",
        "visa_route": "health_and_care",
        "dbs_status": "not_started",
        "overseas_crc": "not_obtained",
        "osce_attempts": "0",
        "recruitment_channel": "direct",
        "amber_agreement": AGREEMENT,
    }
    assert client.post(edit, data).status_code == 302
    recruit.refresh_from_db()
    assert recruit.amber_agreement == AGREEMENT and recruit.flags == []
    page = client.get(reverse("recruit_detail", kwargs={"public_id": recruit.public_id})).content.decode()
    assert "UK-Nepal memorandum" in page
