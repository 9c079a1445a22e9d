"""Rule 13: a sponsor reports to UKVI within 10 working days (a worker who did not start, an
unauthorised absence counted from its 10th working day, a pay cut, a change of job, unpaid absence
over 4 weeks, the end of employment); working days skip weekends and bank holidays.

Mirrored from tests/providers/test_duties.py against today's module paths (the duties' code may
move with the provider pages' reporting parts)."""

from __future__ import annotations

from datetime import date

import pytest

from recruits.duties.models import DutyKind
from recruits.duties.rules import duty_deadline

WORKER_DUTIES = [
    DutyKind.DID_NOT_START,
    DutyKind.PAY_CUT,
    DutyKind.JOB_CHANGE,
    DutyKind.UNPAID_ABSENCE,
    DutyKind.EMPLOYMENT_ENDED,
]


@pytest.mark.parametrize("kind", WORKER_DUTIES)
def test_rule_13_ten_working_days_over_christmas_and_new_year(kind) -> None:
    # Fri 18 Dec 2026: 21-24 Dec, 29-31 Dec, 4-6 Jan (25 and 28 Dec, 1 Jan are bank holidays).
    assert duty_deadline(kind, date(2026, 12, 18)) == date(2027, 1, 6)


def test_rule_13_an_unauthorised_absence_counts_from_its_10th_working_day() -> None:
    assert duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, date(2026, 11, 2)) == date(2026, 11, 27)
    assert duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, date(2026, 11, 1)) == date(2026, 11, 27)
