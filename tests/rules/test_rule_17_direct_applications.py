"""Rule 17: direct applications (the person applies to an advertised job, no third party) are
allowed from any country, red list included: no flag, no refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recruits.code_of_practice import flags_for
from recruits.models import Recruit, RecruitmentChannel
from recruits.services import recruit_register

pytestmark = pytest.mark.django_db


def test_rule_17_a_direct_application_from_a_red_list_country_raises_no_flag(cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={"given_names": "Ada", "family_name": "Obi", "nationality": "NG"},
    )
    assert recruit.recruitment_channel == RecruitmentChannel.DIRECT and recruit.flags == []


@pytest.mark.parametrize("country", ["NG", "GH", "ZW", "PK", "BD"])
def test_rule_17_any_red_list_country_is_fine_directly(db, country) -> None:
    assert flags_for(Recruit(nationality=country, recruitment_channel=RecruitmentChannel.DIRECT)) == []


def test_rule_17_the_register_form_says_concerns_are_flagged_never_refused(cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    page = client.get(reverse("recruit_register")).content.decode()
    assert "Code of Practice concerns are flagged on the record after you save, not refused" in page
