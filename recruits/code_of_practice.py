"""The Code of Practice checks: which flags a recruit's recruitment raises.

Flags are warnings for the hub, never a block: a red-list country through an agency is a
breach to follow up, and the record is still saved. An amber-list country is flagged until the
government agreement the recruitment was made under is recorded (rule 16). A repayment clause is
flagged when it recovers what is never recoverable from a worker (the Immigration Skills Charge,
the CoS and licence fees, fees for finding work) or breaks the Code's terms: costs not itemised,
interest, repayment in cash, no monthly plan (rule 18).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.db.models import Q

from recruits.models import NEVER_RECOVERABLE, CodeList, CodeOfPracticeCountry, Flag, Recruit, RecruitmentChannel

AGENCY_CHANNELS = {RecruitmentChannel.APPROVED_AGENCY, RecruitmentChannel.OTHER_AGENCY}


def country_list_on(iso_code: str, on: date) -> str | None:
    """'red', 'amber' or None for a country on a date (the entry in force that day)."""
    if not iso_code:
        return None
    entry = (
        CodeOfPracticeCountry.objects.filter(iso_code=iso_code.upper(), effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .order_by("-effective_from")
        .values_list("code_list", flat=True)
        .first()
    )
    return entry


def country_lists_on(iso_codes: Iterable[str], on: date) -> dict[str, str]:
    """`country_list_on` for many countries in one query: {ISO code: 'red' or 'amber'}, listed countries only."""
    return country_lists_on_days(iso_codes, [on])[on]


def country_lists_on_days(iso_codes: Iterable[str], days: Iterable[date]) -> dict[date, dict[str, str]]:
    """`country_lists_on` for several days, still in one query: {day: {ISO code: 'red' or 'amber'}}."""
    codes = {code.upper() for code in iso_codes if code}
    lists: dict[date, dict[str, str]] = {day: {} for day in days}
    if not codes or not lists:
        return lists
    entries = (
        CodeOfPracticeCountry.objects.filter(iso_code__in=codes, effective_from__lte=max(lists))
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=min(lists)))
        .order_by("-effective_from")
        .values_list("iso_code", "code_list", "effective_from", "effective_to")
    )
    for iso_code, code_list, start, end in entries:
        for day, listed in lists.items():
            if start <= day and (end is None or end > day):
                listed.setdefault(iso_code, code_list)  # the latest entry in force, as in country_list_on
    return lists


def flags_date(recruit: Recruit) -> date:
    """The day whose lists decide a recruit's flags: when the record was created (today for a new one)."""
    return recruit.created_at.date() if recruit.created_at else date.today()


def flags_for(recruit: Recruit, *, on: date | None = None, lists: Mapping[str, str] | None = None) -> list[str]:
    """The recruit's flags. `lists` saves a query per recruit in a batch: the `country_lists_on` of the
    recruits' nationalities on the day the flags are for (`on`, or else `flags_date`)."""
    on = on or flags_date(recruit)
    flags: list[str] = []
    if lists is None:
        listed = country_list_on(recruit.nationality, on)
    else:
        listed = lists.get(recruit.nationality.upper()) if recruit.nationality else None
    through_agency = recruit.recruitment_channel in AGENCY_CHANNELS
    if listed == CodeList.RED and through_agency:
        flags.append(Flag.RED_LIST_AGENCY)
    in_country = recruit.recruitment_channel == RecruitmentChannel.IN_COUNTRY
    if listed == CodeList.AMBER and not in_country and not recruit.amber_agreement.strip():
        flags.append(Flag.AMBER_LIST)
    if through_agency and (recruit.agency is None or not recruit.agency.on_framework):
        flags.append(Flag.UNLISTED_AGENCY)
    if recruit.candidate_fees and recruit.candidate_fees > 0:
        flags.append(Flag.FEES_CHARGED)
    flags += repayment_flags(recruit)
    return [str(flag) for flag in flags]


def repayment_flags(recruit: Recruit) -> list[Flag]:
    """Rule 18: what is wrong with the recruit's repayment clause (none recorded: nothing)."""
    if not recruit.repayment_costs:
        return []
    flags = []
    if NEVER_RECOVERABLE & set(recruit.repayment_costs):
        flags.append(Flag.REPAYMENT_FORBIDDEN)
    fair = recruit.repayment_itemised and recruit.repayment_monthly_plan
    if not fair or recruit.repayment_interest or recruit.repayment_cash:
        flags.append(Flag.REPAYMENT_TERMS)
    return flags
