"""Rules 11 and 12: the Health and Care Worker route's closure for care roles.

From 22 July 2025 no new visas are granted from abroad for care workers and senior care workers
(SOC 6135 and 6136); people already in the UK may change employer, extend or switch until 22 July
2028 (under review); and a switcher from another route needs at least 3 months' work for the
sponsor first. Every date, code and period is a dated policy figure (`care_occupation_codes`,
`care_visa_from_abroad`, `care_in_country_changes`, `switcher_months_with_sponsor`), read on the
day the visa application was made (`Recruit.visa_application_date`).

The portal refuses to record an application the rules rule out, quoting the rule and saying what
to do; it checks when the application date is recorded (or the job, route or how they were
recruited changes), so records without one are never refused. Who is applying from where:

- a *switcher* is on another route today (student, dependant, other), so already in the UK;
- someone on the Health and Care or Skilled Worker route who is not yet working in the UK
  (arriving, with no start date that has passed) and was not recruited in the UK applies *from
  abroad*;
- anyone else changes employer or extends *in the UK*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.dates import add_months
from portal.policy import policy_code, policy_figure, policy_value
from recruits.english import ON_THE_ROUTE
from recruits.models import Recruit, RecruitmentChannel, RecruitStatus

CLOSED = "closed"


@dataclass(frozen=True)
class RouteCheck:
    refused: bool  # False: a warning for the hub to act on
    message: str


def care_codes(*, on: dt.date) -> list[str]:
    return policy_code("care_occupation_codes", on=on).split()


def is_care_role(recruit: Recruit, *, on: dt.date) -> bool:
    return recruit.occupation_code in care_codes(on=on)


def is_switcher(recruit: Recruit) -> bool:
    return recruit.visa_route not in ON_THE_ROUTE


def from_abroad(recruit: Recruit, *, started: bool) -> bool:
    """`started`: they already work in the UK (a start date that has passed, or a working status)."""
    in_the_uk = started or recruit.status != RecruitStatus.ARRIVING
    in_country = recruit.recruitment_channel == RecruitmentChannel.IN_COUNTRY
    return not is_switcher(recruit) and not in_the_uk and not in_country


def _since(name: str, *, on: dt.date) -> str:
    """The day the figure's current value took effect: "22 July 2025"."""
    return f"{policy_figure(name, on=on).effective_from:%-d %B %Y}"


def _codes(on: dt.date) -> str:
    return ", ".join(care_codes(on=on))


def _abroad_closed(on: dt.date) -> RouteCheck:
    return RouteCheck(
        True,
        f"From {_since('care_visa_from_abroad', on=on)} no new Health and Care Worker visas are granted from abroad "
        f"for care workers and senior care workers (SOC {_codes(on)}). If they are already in the UK, choose "
        f"“Already in the UK (in-country)” as how they were recruited; if their application was made before "
        f"then, enter the day it was made.",
    )


def _in_country_closed(on: dt.date) -> RouteCheck:
    figure = policy_figure("care_in_country_changes", on=on)
    review = " (a date under review)" if not figure.confirmed else ""
    return RouteCheck(
        True,
        f"In-country changes of employer, extensions and switches into care roles (SOC {_codes(on)}) ended on "
        f"{figure.effective_from:%-d %B %Y}{review}. Check the current rules with the hub before recording "
        f"this application.",
    )


def _switcher_too_soon(on: dt.date, months: int, sponsor_since: dt.date | None) -> RouteCheck | None:
    if sponsor_since is not None and add_months(sponsor_since, months) <= on:
        return None
    rule = (
        f"From {_since('switcher_months_with_sponsor', on=on)} someone switching into a care role from another "
        f"route needs at least {months} months' work for the sponsor first."
    )
    if sponsor_since is None:
        return RouteCheck(True, f"{rule} No work for this sponsor is recorded: record the employment and its start.")
    return RouteCheck(
        True,
        f"{rule} They work for the sponsor from {sponsor_since:%-d %B %Y}, so the application can be made from "
        f"{add_months(sponsor_since, months):%-d %B %Y}: enter the day it was made, if that is later.",
    )


def route_check(recruit: Recruit, *, sponsor_since: dt.date | None, started: bool = False) -> RouteCheck | None:
    """What rules 11 and 12 say about the recorded visa application (None: nothing to say)."""
    applied = recruit.visa_application_date
    if applied is None or not is_care_role(recruit, on=applied):
        return None
    if from_abroad(recruit, started=started):
        return _abroad_closed(applied) if policy_code("care_visa_from_abroad", on=applied) == CLOSED else None
    if policy_code("care_in_country_changes", on=applied) == CLOSED:
        return _in_country_closed(applied)
    months = policy_value("switcher_months_with_sponsor", on=applied)
    if is_switcher(recruit) and months:
        return _switcher_too_soon(applied, months, sponsor_since)
    return None


def in_country_change_check(recruit: Recruit, *, applied: dt.date) -> RouteCheck | None:
    """A worker already in the UK applying with a new sponsor (a rematch) into a care role: refused
    once in-country changes of employer have ended (rule 11), on the date of the application."""
    if not is_care_role(recruit, on=applied) or policy_code("care_in_country_changes", on=applied) != CLOSED:
        return None
    return _in_country_closed(applied)


def route_warning(recruit: Recruit, *, on: dt.date) -> RouteCheck | None:
    """For the recruit's page: a care worker arriving from abroad with no application date recorded."""
    if recruit.visa_application_date is not None or not is_care_role(recruit, on=on):
        return None
    if not from_abroad(recruit, started=False) or policy_code("care_visa_from_abroad", on=on) != CLOSED:
        return None
    return RouteCheck(
        False,
        f"Since {_since('care_visa_from_abroad', on=on)} care workers and senior care workers (SOC {_codes(on)}) "
        f"cannot get a new visa from abroad. Record the day their visa application was made, or choose "
        f"“Already in the UK (in-country)” as how they were recruited if they are here.",
    )


def route_rule_text(*, on: dt.date) -> str:
    """Rules 11 and 12 in a sentence, with the figures in force on `on` (for the form's help text)."""
    months = policy_value("switcher_months_with_sponsor", on=on)
    switch = f"; a switcher from another route needs {months} months' work for the employer first" if months else ""
    if policy_code("care_visa_from_abroad", on=on) != CLOSED:
        return f"Care workers and senior care workers (SOC {_codes(on)}) can apply from abroad or in the UK{switch}."
    return (
        f"From {_since('care_visa_from_abroad', on=on)} care workers and senior care workers (SOC {_codes(on)}) "
        f"cannot apply from abroad{switch}."
    )
