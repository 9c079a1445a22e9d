"""The triage board's bands and the reminders' hour, on top of the worker's clock.

The clock itself (`leave_end = min(letter + 60 days, visa expiry)`) is the recruit's, in
recruits/leave.py; a rematch request stores its leave end so the board can sort and index it.
Reminders are sent at 09:00 London time on their day.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
REMINDER_HOUR = 9
# The board's bands: a request falls in the first band its days left fit.
BANDS = (7, 14, 30, 45)


def band_of(days_left: int | None) -> int | None:
    """The smallest band (7, 14, 30, 45) that holds `days_left`; None beyond 45 days or unknown.

    A leave end already passed counts in the 7-day band: it is the most urgent case there is.
    """
    if days_left is None:
        return None
    return next((band for band in BANDS if days_left <= band), None)


def reminder_time(day: dt.date) -> dt.datetime:
    """09:00 London time on `day`, whatever the offset from UTC is that day."""
    return dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=LONDON)
