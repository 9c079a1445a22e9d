"""Rule 14: changes to the sponsoring organisation are reported within 20 working days.

Mirrored from tests/providers/test_duties.py against today's module paths."""

from __future__ import annotations

from datetime import date

from recruits.duties.models import DutyKind
from recruits.duties.rules import RULES, duty_deadline


def test_rule_14_twenty_working_days_over_christmas_and_new_year() -> None:
    assert duty_deadline(DutyKind.ORGANISATION_CHANGE, date(2026, 12, 18)) == date(2027, 1, 20)
    assert duty_deadline(DutyKind.ORGANISATION_CHANGE, date(2026, 11, 2)) == date(2026, 11, 30)


def test_rule_14_an_organisation_change_is_about_no_worker() -> None:
    assert not RULES[DutyKind.ORGANISATION_CHANGE].about_a_worker
