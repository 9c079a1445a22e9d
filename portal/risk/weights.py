"""The provider risk score's signals and weights: the one place they are set.

A provider's score is the sum over the signals of `weight * value`, where the value is a count
(or 1/0 for the licence's rating and status). Change a weight or a window here and the page, its
sorting and its tests follow; docs/guides/hub-teams.md ("Provider risk") explains them to the hub
team. The windows are in days, counted back from today.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signal:
    key: str  # the annotation's name and the `sort=` value
    label: str  # the column header
    weight: int  # points per unit of the value
    explains: str  # what one unit is (the page's key to the table)


SIGNALS: tuple[Signal, ...] = (
    Signal("b_rated", "B-rated", 20, "the sponsor licence is B-rated (1 or 0)"),
    Signal("licence_lost", "Licence not active", 30, "the licence is suspended, revoked or surrendered (1 or 0)"),
    Signal(
        "licence_events", "Licence events", 10, "a licence event recorded in the last 12 months (not a reinstatement)"
    ),
    Signal("register_alerts", "Register alerts", 10, "a sponsor-register alert waiting for the lead"),
    Signal("red_check_ins", "Red check-ins", 8, "a red check-in with a worker there, done in the last 6 months"),
    Signal("open_concerns", "Open concerns", 8, "an open or escalated concern of one of its workers"),
    Signal("rematch_requests", "Rematch requests", 5, "a worker asked to be rematched away from it (last 12 months)"),
    Signal("overdue_duties", "Overdue duties", 6, "a reporting duty past its deadline and not reported"),
    Signal("overdue_training", "Overdue training", 2, "a planned training item of its worker past its target date"),
)

WEIGHTS: dict[str, int] = {signal.key: signal.weight for signal in SIGNALS}

# How far back the dated signals look.
LICENCE_EVENT_WINDOW_DAYS = 365
RED_CHECK_IN_WINDOW_DAYS = 183
REMATCH_WINDOW_DAYS = 365
