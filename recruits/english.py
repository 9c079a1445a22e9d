"""Rule 22: the English a Health and Care Worker visa application needs, by date.

A new applicant needs the CEFR level of the dated policy figure `english_min_new_applicant` (B1
until 7 January 2026, B2 from 8 January 2026). Someone who already met B1 under an earlier grant
on the route (changing employer or extending) keeps B1: the portal warns the hub to check that
grant instead of refusing. A switcher from another route is a new applicant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.policy import policy_code, policy_figure
from recruits.models import EnglishLevel, Recruit, VisaRoute

FIGURE = "english_min_new_applicant"
CEFR_LEVEL = {
    "A1": EnglishLevel.ENTRY_1,
    "A2": EnglishLevel.ENTRY_2,
    "B1": EnglishLevel.ENTRY_3,
    "B2": EnglishLevel.LEVEL_1,
    "C1": EnglishLevel.LEVEL_2,
}
ORDER = list(EnglishLevel)
KEPT_LEVEL = EnglishLevel.ENTRY_3  # B1: what someone already granted on the route keeps
ON_THE_ROUTE = {VisaRoute.HEALTH_AND_CARE, VisaRoute.SKILLED_WORKER}


def english_requirement(*, on: dt.date, already_met_b1: bool = False) -> EnglishLevel:
    """The lowest ESOL level a visa application made on `on` needs."""
    required = CEFR_LEVEL[policy_code(FIGURE, on=on)]
    if already_met_b1 and ORDER.index(required) > ORDER.index(KEPT_LEVEL):
        return KEPT_LEVEL
    return required


def rule_text(*, on: dt.date) -> str:
    figure = policy_figure(FIGURE, on=on)
    level = CEFR_LEVEL[str(figure.value)].label.split(" (")[0]
    return (
        f"From {figure.effective_from:%-d %B %Y} a new Health and Care Worker visa applicant needs English at "
        f"CEFR {figure.value} ({level} or above); someone who already met B1 under an earlier grant keeps B1."
    )


@dataclass(frozen=True)
class EnglishCheck:
    refused: bool  # True: a new application would fail; False: a warning for the hub to check
    message: str


def english_check(recruit: Recruit, *, on: dt.date) -> EnglishCheck | None:
    """What to tell the hub about the recruit's English for an application made on `on` (None: it meets it)."""
    rule = rule_text(on=on)
    if not recruit.english_level:
        return EnglishCheck(False, f"No English level is recorded. {rule}")
    level = ORDER.index(EnglishLevel(recruit.english_level))
    if level >= ORDER.index(english_requirement(on=on)):
        return None
    on_the_route = recruit.visa_route in ON_THE_ROUTE
    if on_the_route and level >= ORDER.index(english_requirement(on=on, already_met_b1=True)):
        return EnglishCheck(
            False,
            f"English is recorded at B1: enough only if they met B1 under their earlier Health and Care or "
            f"Skilled Worker grant (check it). {rule}",
        )
    return EnglishCheck(
        True,
        f"English is recorded at {EnglishLevel(recruit.english_level).label}, below what a new application needs. "
        f"{rule} Record a higher level first if they have one.",
    )
