"""The worker's clock: when their leave ends after their sponsor lost its licence.

`leave_end = min(curtailment letter date + 60 days, visa expiry)`. The 60 days is a policy
figure kept in `portal/data/policy_figures.csv` with the date it took effect; the figure in
force on the letter's date applies. The letter may not have come yet ("awaiting letter"): then
the visa expiry is the only bound, and the pages say so.

All arithmetic is on calendar dates (the letter's date, the visa's last day), so clock changes
cannot move a deadline. Both dates are the recruit's (the record's list shows the days left);
rematching stores the leave end on its requests and runs the reminders (rematch/clock.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from portal.policy import policy_value


def curtailment_days(*, letter_date: dt.date) -> int:
    return policy_value("curtailment_days", on=letter_date)


class Bound(StrEnum):
    LETTER = "letter"  # letter date + 60 days comes first
    VISA = "visa"  # the visa expires first
    AWAITING_LETTER = "awaiting_letter"  # no letter yet: the visa expiry is the only bound
    UNKNOWN = "unknown"  # neither date is known


@dataclass(frozen=True)
class Clock:
    letter_date: dt.date | None
    visa_expiry: dt.date | None
    leave_end: dt.date | None
    bound: Bound

    def days_left(self, today: dt.date) -> int | None:
        return (self.leave_end - today).days if self.leave_end else None

    @property
    def explanation(self) -> str:
        if self.bound == Bound.LETTER and self.letter_date:
            days = curtailment_days(letter_date=self.letter_date)
            return f"{days} days from the UKVI letter of {self.letter_date:%-d %B %Y}"
        if self.bound == Bound.VISA and self.letter_date:
            days = curtailment_days(letter_date=self.letter_date)
            return f"the visa expires before the {days} days from the UKVI letter run out"
        if self.bound == Bound.AWAITING_LETTER:
            return "awaiting the UKVI letter: until it comes, the visa expiry is the only limit"
        return "awaiting the UKVI letter, and the visa expiry is not recorded"


def clock_for(*, letter_date: dt.date | None, visa_expiry: dt.date | None) -> Clock:
    if letter_date is None:
        bound = Bound.AWAITING_LETTER if visa_expiry else Bound.UNKNOWN
        return Clock(letter_date, visa_expiry, visa_expiry, bound)
    from_letter = letter_date + dt.timedelta(days=curtailment_days(letter_date=letter_date))
    if visa_expiry is not None and visa_expiry < from_letter:
        return Clock(letter_date, visa_expiry, visa_expiry, Bound.VISA)
    return Clock(letter_date, visa_expiry, from_letter, Bound.LETTER)


def days_left_text(days_left: int | None) -> str:
    if days_left is None:
        return "Leave end not known"
    if days_left == 0:
        return "Leave ends today"
    if days_left < 0:
        return f"Leave ended {-days_left} day{'s' if days_left != -1 else ''} ago"
    return f"{days_left} day{'s' if days_left != 1 else ''} left"
