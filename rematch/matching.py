"""Matching workers and vacancies, with the reasons for each rank in words.

Ranking, in order: (a) role fit, (b) distance between the worker's postcode and the vacancy's,
(c) the worker's stated preferences (hours, driving, how far they can travel), then the earliest
start. Only open vacancies of providers that may sponsor now (providers/eligibility.py) appear.

Distance is approximated from the postcodes, because no postcode coordinates ship with the
portal (no pip package bundles them; pgeocode downloads its data at run time). A UK postcode
narrows from area ("B") to district ("B1") to sector ("B1 1"): sharing a sector means a few
streets apart, a district a few kilometres, an area a town or county. That is coarse but honest,
and the page says which level matched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from providers.eligibility import sponsor_eligibility_many
from recruits.leave import clock_for, days_left_text
from recruits.models import Recruit
from rematch.access import rematch_requests_visible_to, vacancies_visible_to
from rematch.models import OPEN_STATUSES, RematchRequest, Travel, Vacancy, VacancyStatus

MAX_CANDIDATES = 500
SHOWN = 50
_ROLE_LABELS = {
    "care_worker": "care worker",
    "senior_care_worker": "senior care worker",
    "nurse": "nurse",
    "other": "other role",
}
# (worker's role, vacancy's role) → fit, 3 best. Pairs not listed do not match at all.
ROLE_FIT = {
    ("care_worker", "care_worker"): 3,
    ("senior_care_worker", "senior_care_worker"): 3,
    ("nurse", "nurse"): 3,
    ("other", "other"): 3,
    ("senior_care_worker", "care_worker"): 2,
    ("care_worker", "senior_care_worker"): 1,
    ("nurse", "senior_care_worker"): 1,
}
# Distance levels: 0 same sector, 1 same district, 2 same area, 3 elsewhere, 4 unknown.
DISTANCE_TEXT = {
    0: "same postcode sector ({}): a few streets away",
    1: "same postcode district ({}): a few kilometres",
    2: "same postcode area ({}): the same town or county",
    3: "different postcode areas: a longer journey",
    4: "distance unknown: a postcode is missing",
}
_POSTCODE = re.compile(r"^([A-Z]{1,2})(\d[A-Z\d]?)\s*(\d)[A-Z]{2}$")


def postcode_parts(postcode: str) -> tuple[str, str, str] | None:
    """(area, district, sector) of a full UK postcode, e.g. ("B", "B1", "B1 1"); None if not one."""
    match = _POSTCODE.match(" ".join(postcode.upper().split()))
    if not match:
        return None
    area, district, sector = match.groups()
    return area, area + district, f"{area}{district} {sector}"


def distance_level(a: str, b: str) -> tuple[int, str]:
    left, right = postcode_parts(a), postcode_parts(b)
    if left is None or right is None:
        return 4, DISTANCE_TEXT[4]
    for level, index in ((0, 2), (1, 1), (2, 0)):
        if left[index] == right[index]:
            return level, DISTANCE_TEXT[level].format(left[index])
    return 3, DISTANCE_TEXT[3]


_TRAVEL_LIMIT = {Travel.DISTRICT: 1, Travel.AREA: 2, Travel.REGION: 4}


def role_fit(worker_role: str, vacancy_role: str) -> tuple[int, str]:
    fit = ROLE_FIT.get((worker_role, vacancy_role), 0)
    worker, job = _ROLE_LABELS.get(worker_role, worker_role), _ROLE_LABELS.get(vacancy_role, vacancy_role)
    text = {
        3: f"the same role ({job})",
        2: f"a {worker} for a {job} job: a step down",
        1: f"a {worker} for a {job} job: a step up or across, check their experience",
        0: f"a {worker} cannot take a {job} job",
    }[fit]
    return fit, text


def preference_notes(request: RematchRequest, vacancy: Vacancy) -> tuple[int, list[str], list[str]]:
    """(how many preferences are missed, what fits, what does not)."""
    fits, misses = [], []
    hours = format(Decimal(vacancy.hours_per_week).normalize(), "f")
    weekly = Decimal(vacancy.hours_per_week)
    if request.pref_min_hours is not None and weekly < request.pref_min_hours:
        misses.append(f"{hours} hours a week is fewer than the {request.pref_min_hours} they want")
    elif request.pref_max_hours is not None and weekly > request.pref_max_hours:
        misses.append(f"{hours} hours a week is more than the {request.pref_max_hours} they want")
    elif request.pref_min_hours is not None or request.pref_max_hours is not None:
        fits.append(f"{hours} hours a week suits them")
    if vacancy.driving_required:
        if request.can_drive is False:
            misses.append("the job needs a driver and they do not drive")
        elif request.can_drive:
            fits.append("the job needs a driver and they drive")
        else:
            misses.append("the job needs a driver: ask whether they drive")
    return len(misses), fits, misses


@dataclass(frozen=True)
class Match:
    vacancy: Vacancy
    request: RematchRequest
    key: tuple[Any, ...]
    reasons: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)

    @property
    def worker(self) -> Recruit | None:
        return self.request.recruit


def _match(request: RematchRequest, vacancy: Vacancy, *, worker_role: str, worker_postcode: str) -> Match | None:
    fit, fit_text = role_fit(worker_role, vacancy.job_role)
    if fit == 0:
        return None
    level, distance_text = distance_level(worker_postcode, vacancy.postcode)
    missed, fits, misses = preference_notes(request, vacancy)
    limit = _TRAVEL_LIMIT[Travel(request.max_travel)]
    too_far = level > limit and level != 4
    if too_far:
        misses.append("further than they want to travel")
    reasons = [f"Role: {fit_text}.", f"Distance: {distance_text}."] + [f"Preference: {text}." for text in fits]
    concerns = [f"{text[:1].upper()}{text[1:]}." for text in misses]
    key = (-fit, int(too_far), level, missed, vacancy.start_date, vacancy.pk)
    return Match(vacancy=vacancy, request=request, key=key, reasons=reasons, concerns=concerns)


def _eligible(vacancies: list[Vacancy], on: dt.date) -> list[Vacancy]:
    eligibility = sponsor_eligibility_many(
        providers=list({v.provider_id: v.provider for v in vacancies}.values()), on=on
    )
    return [v for v in vacancies if eligibility[v.provider_id].eligible]


def matches_for_request(*, user: Any, request: RematchRequest, on: dt.date | None = None) -> list[Match]:
    """Open vacancies the hub may offer this worker, best first (2 queries)."""
    on = on or timezone.localdate()
    recruit = request.recruit
    worker_role = recruit.job_role if recruit else "care_worker"
    worker_postcode = request.postcode or (recruit.postcode if recruit else "")
    vacancies = list(
        vacancies_visible_to(user)
        .filter(region_id=request.region_id, status=VacancyStatus.OPEN)
        .exclude(provider_id=request.provider_id)
        .select_related("provider")
        .order_by("id")[:MAX_CANDIDATES]
    )
    found = [
        m
        for v in _eligible(vacancies, on)
        if (m := _match(request, v, worker_role=worker_role, worker_postcode=worker_postcode)) is not None
    ]
    return sorted(found, key=lambda m: m.key)[:SHOWN]


def matches_for_vacancy(*, user: Any, vacancy: Vacancy, on: dt.date | None = None) -> list[Match]:
    """Workers with an open request whom this vacancy could suit, best first; among equals the
    fewest days left first (2 queries)."""
    on = on or timezone.localdate()
    if not _eligible([vacancy], on):
        return []
    requests = list(
        rematch_requests_visible_to(user)
        .filter(region_id=vacancy.region_id, status__in=OPEN_STATUSES, pending=False, recruit__isnull=False)
        .exclude(provider_id=vacancy.provider_id)
        .select_related("recruit__provider")
        .order_by("leave_end", "id")[:MAX_CANDIDATES]
    )
    found = []
    for request in requests:
        assert request.recruit is not None
        match = _match(
            request,
            vacancy,
            worker_role=request.recruit.job_role,
            worker_postcode=request.postcode or request.recruit.postcode,
        )
        if match is not None:
            days = clock_for(letter_date=request.curtailment_letter_date, visa_expiry=request.visa_expiry).days_left(on)
            urgency = days if days is not None else 10_000
            match.reasons.append(f"Clock: {days_left_text(days).lower()}.")
            found.append(
                Match(
                    vacancy,
                    request,
                    key=(*match.key[:4], urgency, request.pk),
                    reasons=match.reasons,
                    concerns=match.concerns,
                )
            )
    return sorted(found, key=lambda m: m.key)[:SHOWN]
