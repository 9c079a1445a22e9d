"""Rule 21: an enhanced DBS check with the adult barred list comes before unsupervised work (DBS
guidance). Recording the day a recruit starts unsupervised work is refused until it is done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruits.models import Recruit
from recruits.services import recruit_register, recruit_update

pytestmark = pytest.mark.django_db

# Nurses are outside the Care Certificate (rule 24), so only the DBS rule applies to them.
BASE = {"given_names": "Joy", "family_name": "Okafor", "nationality": "NG", "job_role": "nurse"}
CHECKED = {"dbs_status": "clear", "dbs_date": dt.date(2026, 10, 1), "dbs_barred_list_checked": True}


def _register(cast, **data) -> Recruit:
    return recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, **data})


def test_rule_21_no_dbs_certificate_no_unsupervised_work(cast) -> None:
    with pytest.raises(ValidationError) as refused:
        _register(cast, unsupervised_from=dt.date(2026, 11, 1))
    message = str(refused.value.error_dict["unsupervised_from"])
    assert "An enhanced DBS check with the adult barred list comes before unsupervised work" in message
    assert "record the DBS certificate first" in message


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"dbs_barred_list_checked": False}, "the adult barred list is not checked yet"),
        ({"dbs_date": dt.date(2026, 11, 2)}, "dated 2 November 2026, after this day"),
        ({"dbs_status": "applied"}, "record the DBS certificate first"),
    ],
)
def test_rule_21_each_part_of_the_check_is_needed(cast, missing, message) -> None:
    with pytest.raises(ValidationError, match=message):
        _register(cast, **{**CHECKED, **missing}, unsupervised_from=dt.date(2026, 11, 1))


@pytest.mark.parametrize("status", ["clear", "information"])
def test_rule_21_a_certificate_and_the_barred_list_allow_it(cast, status) -> None:
    recruit = _register(cast, **{**CHECKED, "dbs_status": status}, unsupervised_from=dt.date(2026, 11, 1))
    assert recruit.unsupervised_from == dt.date(2026, 11, 1)


def test_rule_21_the_check_cannot_be_undone_under_someone_working_unsupervised(cast) -> None:
    recruit = _register(cast, **CHECKED, unsupervised_from=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError, match="barred list is not checked"):
        recruit_update(actor=cast.staff_a, recruit=recruit, data={"dbs_barred_list_checked": False})


def test_rule_21_records_without_the_date_are_left_alone(cast) -> None:
    recruit = _register(cast)
    assert recruit_update(actor=cast.staff_a, recruit=recruit, data={"dbs_status": "applied"}).pk


def test_rule_21_the_form_refuses_on_the_field_and_the_page_shows_the_date(cast, client) -> None:
    recruit = _register(cast, **CHECKED)
    client.force_login(cast.staff_a)
    edit = reverse("recruit_edit", kwargs={"public_id": recruit.public_id})
    data = {
        **BASE,
        "visa_route": "health_and_care",
        "dbs_status": "clear",
        "overseas_crc": "not_obtained",
        "osce_attempts": "0",
        "recruitment_channel": "direct",
        "unsupervised_from": "1/11/2026",
    }
    page = client.post(edit, data).content.decode()
    assert "the adult barred list is not checked yet" in page
    data |= {"dbs_barred_list_checked": "on", "dbs_date": "1/10/2026"}
    assert client.post(edit, data).status_code == 302
    detail = reverse("recruit_detail", kwargs={"public_id": recruit.public_id}) + "?tab=immigration"
    assert "From 1 November 2026" in client.get(detail).content.decode()
