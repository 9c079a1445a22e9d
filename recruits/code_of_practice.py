"""The Code of Practice checks: which flags a recruit's recruitment raises.

Flags are warnings for the hub, never a block: a red-list country through an agency is a
breach to follow up, and the record is still saved.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from recruits.models import CodeList, CodeOfPracticeCountry, Flag, Recruit, RecruitmentChannel

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


def flags_for(recruit: Recruit, *, on: date | None = None) -> list[str]:
    on = on or (recruit.created_at.date() if recruit.created_at else date.today())
    flags: list[str] = []
    listed = country_list_on(recruit.nationality, on)
    through_agency = recruit.recruitment_channel in AGENCY_CHANNELS
    if listed == CodeList.RED and through_agency:
        flags.append(Flag.RED_LIST_AGENCY)
    if listed == CodeList.AMBER and recruit.recruitment_channel != RecruitmentChannel.IN_COUNTRY:
        flags.append(Flag.AMBER_LIST)
    if through_agency and (recruit.agency is None or not recruit.agency.on_framework):
        flags.append(Flag.UNLISTED_AGENCY)
    if recruit.candidate_fees and recruit.candidate_fees > 0:
        flags.append(Flag.FEES_CHARGED)
    return [str(flag) for flag in flags]
