"""Rule 20: right to work is checked before day 1 (the eVisa share code's format is held by the
model), and a follow-up check is due before time-limited permission expires.

The follow-up's deadline is the date recorded for it, or the visa's expiry once a first check is
recorded (the earlier of the two when both are): a follow-up set after the permission ends still
has to happen before it. The `recruits.rtw_followup` ladder reminds the employer's administrators
before it and on the day, and the region's hub staff when it is overdue (its rungs are `LadderRung`
rows, seeded by migration recruits 0012). A new date reschedules it; a recruit who left has none.
"""

from __future__ import annotations

import datetime as dt

from notifications.ladders import ladder_reschedule, ladder_stop
from notifications.models import Reminder
from recruits.models import Recruit, RecruitStatus

RTW_KIND = "recruits.rtw_followup"


def rtw_followup_deadline(recruit: Recruit) -> dt.date | None:
    expiry = recruit.visa_expiry if recruit.rtw_check_date else None
    days = [day for day in (recruit.rtw_followup_due, expiry) if day is not None]
    return min(days) if days else None


def rtw_reminders_sync(*, recruit: Recruit) -> list[Reminder]:
    """Bring the follow-up's reminders in line with the record; repeating it is harmless."""
    deadline = rtw_followup_deadline(recruit)
    if deadline is None or recruit.status == RecruitStatus.LEFT:
        ladder_stop(about=recruit, kind=RTW_KIND)
        return []
    return ladder_reschedule(
        kind=RTW_KIND, about=recruit, deadline=deadline, region=recruit.region, provider=recruit.provider
    )
