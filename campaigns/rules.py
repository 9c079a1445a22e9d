"""The rules a recruitment campaign must keep (issue 15 item 2), checked per target country and role.

- A red-list country (Code of Practice) is refused: no active recruitment there.
- An amber-list country is refused unless the government-to-government agreement is recorded.
- Care workers and senior care workers (the `care_occupation_codes` policy figure) cannot be
  recruited from abroad once `care_visa_from_abroad` is closed (rule 11), quoting the rule.
- In-country campaigns (people already in the UK) are always allowed.

Dates and codes are read from `portal.policy` on the campaign's start day, never hard-coded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.policy import policy_code, policy_figure
from recruits.code_of_practice import country_list_on
from recruits.models import CodeList

CLOSED = "closed"


@dataclass(frozen=True)
class Refusal:
    country: str
    message: str


def care_codes(*, on: dt.date) -> list[str]:
    return policy_code("care_occupation_codes", on=on).split()


def check_campaign(
    *,
    in_country: bool,
    countries: list[str],
    occupation_codes: list[str],
    amber_agreement: str,
    on: dt.date,
) -> list[Refusal]:
    """Every reason the campaign cannot run as planned; an empty list means it may."""
    if in_country:
        return []
    refusals: list[Refusal] = []
    for iso in countries:
        listed = country_list_on(iso, on)
        if listed == CodeList.RED:
            refusals.append(
                Refusal(iso, f"{iso} is on the Code of Practice red list: no active recruitment is allowed there.")
            )
        elif listed == CodeList.AMBER and not amber_agreement.strip():
            refusals.append(
                Refusal(
                    iso,
                    f"{iso} is on the Code of Practice amber list: enter the government-to-government "
                    f"agreement the campaign recruits under.",
                )
            )
    codes = care_codes(on=on)
    care_role = any(code in codes for code in occupation_codes)
    if countries and care_role and policy_code("care_visa_from_abroad", on=on) == CLOSED:
        since = policy_figure("care_visa_from_abroad", on=on).effective_from
        refusals.append(
            Refusal(
                "",
                f"From {since:%-d %B %Y} no new Health and Care Worker visas are granted from abroad for "
                f"care workers and senior care workers (SOC {', '.join(codes)}). Recruit them in the UK "
                f"(an in-country campaign) instead.",
            )
        )
    return refusals
