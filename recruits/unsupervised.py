"""What must come before a recruit works unsupervised (`Recruit.unsupervised_from`).

Rule 21: an enhanced DBS check with the adult barred list (DBS guidance): a certificate (clear, or
with information disclosed, which the employer has weighed) dated on or before that day, and the
barred list checked. Rule 24 (the Care Certificate standards assessed) is the training app's: it
registers its check here (`register_unsupervised_check`, from its `AppConfig.ready()`), because
recruits/ sits below training/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from recruits.models import DBSStatus, Recruit

# A check takes the recruit and the day they start unsupervised work; it answers why not, or None.
UnsupervisedCheck = Callable[[Recruit, dt.date], str | None]
_CHECKS: list[UnsupervisedCheck] = []
CERTIFICATE_ISSUED = {DBSStatus.CLEAR, DBSStatus.INFORMATION}


def register_unsupervised_check(check: UnsupervisedCheck) -> None:
    if check not in _CHECKS:
        _CHECKS.append(check)


def dbs_problem(recruit: Recruit, day: dt.date) -> str | None:
    rule = "An enhanced DBS check with the adult barred list comes before unsupervised work (DBS guidance)"
    if recruit.dbs_status not in CERTIFICATE_ISSUED:
        return f"{rule}: record the DBS certificate first, or leave this empty while they work supervised."
    if not recruit.dbs_barred_list_checked:
        return f"{rule}: the adult barred list is not checked yet. Record that check first."
    if recruit.dbs_date is not None and recruit.dbs_date > day:
        return f"{rule}: the DBS certificate is dated {recruit.dbs_date:%-d %B %Y}, after this day."
    return None


def unsupervised_problems(recruit: Recruit) -> list[str]:
    """Why the recruit cannot work unsupervised from the day recorded (empty: they can)."""
    day = recruit.unsupervised_from
    if day is None:
        return []
    problems = [dbs_problem(recruit, day), *(check(recruit, day) for check in _CHECKS)]
    return [problem for problem in problems if problem]
