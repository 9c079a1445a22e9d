"""Rule 20: right to work is checked before day 1 (an eVisa share code is 9 characters starting with
W); a follow-up check is due before time-limited permission expires, and the employer is reminded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hubs.roles import Role
from notifications.models import Reminder
from notifications.services import reminder_recipient_users
from recruits.models import Recruit
from recruits.right_to_work import RTW_KIND, rtw_followup_deadline
from recruits.services import recruit_register, recruit_transition, recruit_update
from tests.rules.conftest import london

NOW = dt.date(2026, 12, 1)
BASE = {"given_names": "Maria", "family_name": "Santos", "nationality": "PH", "rtw_check_date": dt.date(2026, 11, 2)}


def _scheduled(recruit: Recruit):
    return Reminder.objects.filter(kind=RTW_KIND, object_id=str(recruit.pk), status=Reminder.Status.SCHEDULED)


def _register(cast, **data) -> Recruit:
    return recruit_register(actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, **data})


@pytest.mark.django_db
def test_rule_20_a_share_code_not_of_the_right_form_is_refused(cast) -> None:
    with pytest.raises(ValidationError, match="9 characters starting with W"):
        _register(cast, evisa_share_code="X123")


def test_rule_20_the_follow_up_is_due_before_the_permission_ends() -> None:
    expiry, follow_up = dt.date(2027, 9, 1), dt.date(2027, 8, 1)
    checked = dt.date(2026, 1, 5)
    assert rtw_followup_deadline(Recruit(rtw_check_date=checked, visa_expiry=expiry)) == expiry
    assert rtw_followup_deadline(Recruit(rtw_check_date=checked, visa_expiry=expiry, rtw_followup_due=follow_up)) == (
        follow_up
    )
    late = dt.date(2027, 10, 1)  # set after the permission ends: the expiry still decides
    assert rtw_followup_deadline(Recruit(rtw_check_date=checked, visa_expiry=expiry, rtw_followup_due=late)) == expiry
    assert rtw_followup_deadline(Recruit(visa_expiry=expiry)) is None, "no first check recorded"


@pytest.mark.django_db
def test_rule_20_the_employer_is_reminded_and_the_hub_when_it_is_overdue(cast, clock) -> None:
    clock(london(NOW, 15))
    recruit = _register(cast, visa_expiry=dt.date(2027, 9, 1), rtw_followup_due=dt.date(2027, 8, 1))
    reminders = list(_scheduled(recruit))
    days = [dt.date(2027, 7, 4), dt.date(2027, 7, 25), dt.date(2027, 8, 1)]
    assert {(r.recipient_role, r.due_at) for r in reminders} == {
        *((Role.PROVIDER_ADMIN, london(day)) for day in days),
        (Role.HUB_STAFF, london(dt.date(2027, 8, 8))),
    }
    people = set()
    for reminder in reminders:
        people |= set(reminder_recipient_users(reminder))
    assert cast.provider_admin_a in people and cast.staff_a in people
    assert not people & {cast.provider_admin_b, cast.staff_b, cast.recruit_user_a}


@pytest.mark.django_db
def test_rule_20_a_new_follow_up_date_moves_the_reminders_and_leaving_ends_them(cast, clock) -> None:
    clock(london(NOW, 15))
    recruit = _register(cast, visa_expiry=dt.date(2027, 9, 1))
    assert max(r.due_at for r in _scheduled(recruit)) == london(dt.date(2027, 9, 8))
    recruit = recruit_update(actor=cast.staff_a, recruit=recruit, data={"rtw_followup_due": dt.date(2027, 6, 1)})
    assert max(r.due_at for r in _scheduled(recruit)) == london(dt.date(2027, 6, 8))
    recruit_transition(actor=cast.staff_a, recruit=recruit, to_status="left", reason="Went home")
    assert not _scheduled(recruit).exists()
