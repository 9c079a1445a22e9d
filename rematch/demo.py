"""Demo rematching data: open requests in the demo regions across the clock's bands, a pending
public referral, and a few vacancies (one paying below the threshold, one at a B-rated provider).

Keyed on stable values (the recruit, the provider and title), so seeding twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounts.models import User
from hubs.models import Hub
from providers.models import Provider
from recruits.models import Recruit, RecruitStatus
from recruits.services import recruit_set_leave_dates
from rematch.models import Door, RematchRequest, Vacancy
from rematch.services import rematch_open, rematch_public_refer, rematch_transition
from rematch.vacancies.services import vacancy_post

DEMO_DOMAIN = "demo.irhub.example"
# Days left at seeding time for each demo request; None: awaiting the UKVI letter.
DAYS_LEFT = [4, 11, 24, 38, 52, None]
STAFF = {"E12000005": "staff.wm", "E12000002": "staff.nw", "E12000007": "lead.london"}
# Employers' own requests, so their "Rematch requests" page shows one: (admin, provider).
PROVIDER_REQUESTS = [("admin.oakfield", "Oakfield Care Homes Ltd"), ("admin.ribble", "Ribble Valley Care Ltd")]
VACANCIES = [
    ("Oakfield Care Homes Ltd", "Care worker, days", "care_worker", "SY1 2AB", "12.90", "37.5", False),
    ("Oakfield Care Homes Ltd", "Senior care worker, nights", "senior_care_worker", "SY1 4CD", "14.10", "36", False),
    ("Malvern Hills Nursing", "Care worker (below threshold)", "care_worker", "WR14 1AA", "11.44", "30", True),
    ("Ribble Valley Care Ltd", "Home care worker, driver", "care_worker", "PR1 3EF", "13.20", "30", True),
    ("Salford Quays Care Partnership", "Care worker, long days", "care_worker", "M50 2AB", "12.95", "36", False),
    ("Harrow Community Care", "Home care worker, weekends", "care_worker", "HA1 2AB", "13.85", "30", False),
]


def rematch_seed_demo() -> dict[str, int]:
    today = dt.date.today()
    requests = sum(_seed_region(code, today) for code in STAFF)
    vacancies = sum(_seed_vacancy(*spec, today=today) for spec in VACANCIES)
    _seed_public_referral()
    requests += sum(_seed_provider_request(*spec, today=today) for spec in PROVIDER_REQUESTS)
    return {"rematch_requests_created": requests, "vacancies_created": vacancies}


def _seed_provider_request(admin: str, provider_name: str, *, today: dt.date) -> int:
    """An employer asking the hub to rematch one of its own workers (not enough work)."""
    actor = User.objects.filter(email=f"{admin}@{DEMO_DOMAIN}").first()
    provider = Provider.objects.filter(name=provider_name).first()
    if (
        actor is None
        or provider is None
        or RematchRequest.objects.filter(provider=provider, door=Door.PROVIDER).exists()
    ):
        return 0
    recruit = (
        Recruit.objects.filter(provider=provider, status=RecruitStatus.EMPLOYED, user__isnull=True)
        .exclude(rematch_requests__isnull=False)
        .order_by("email")
        .first()
    )
    if recruit is None:
        return 0
    rematch_open(
        actor=actor,
        recruit=recruit,
        door=Door.PROVIDER,
        reason="not_enough_work",
        reason_details="Two residents' packages ended; we cannot offer the hours the CoS promises.",
        last_working_day=today + dt.timedelta(days=30),
    )
    return 1


def _seed_region(code: str, today: dt.date) -> int:
    actor = User.objects.filter(email=f"{STAFF[code]}@{DEMO_DOMAIN}").first()
    if actor is None:
        return 0
    displaced = list(
        Recruit.objects.filter(region__code=code, status=RecruitStatus.DISPLACED, email__endswith=DEMO_DOMAIN)
        .select_related("provider")
        .order_by("email")[: len(DAYS_LEFT)]
    )
    created = 0
    for recruit, days in zip(displaced, DAYS_LEFT, strict=False):
        if RematchRequest.objects.filter(recruit=recruit).exists():
            continue
        recruit_set_leave_dates(
            actor=actor,
            recruit_id=recruit.pk,
            letter_date=today - dt.timedelta(days=60 - days) if days is not None else None,
            visa_expiry=max(recruit.visa_expiry or today, today + dt.timedelta(days=120)),
        )
        door = Door.PROVIDER if created % 2 else Door.HUB
        request = rematch_open(actor=actor, recruit=recruit, door=door, reason="licence_lost")
        if created % 3 == 1:
            rematch_transition(actor=actor, request=request, to_status="triage")
        created += 1
    return created


def _seed_vacancy(
    provider_name: str, title: str, role: str, postcode: str, hourly: str, hours: str, driving: bool, *, today: dt.date
) -> int:
    provider = Provider.objects.filter(name=provider_name).first()
    if provider is None or Vacancy.objects.filter(provider=provider, title=title).exists():
        return 0
    per_hour = Decimal(hourly)
    vacancy_post(
        actor=None,  # type: ignore[arg-type]
        provider=provider,
        data={
            "title": title,
            "job_role": role,
            "hours_per_week": Decimal(hours),
            "pay_per_hour": per_hour,
            "pay_per_year": (per_hour * Decimal(hours) * 52).quantize(Decimal("1")),
            "postcode": postcode,
            "shift_pattern": "nights" if "nights" in title else "days",
            "driving_required": driving,
            "start_date": today + dt.timedelta(days=21),
            "sponsorship_offered": True,
            "posts": 2,
        },
    )
    return 1


def _seed_public_referral() -> None:
    hub = Hub.objects.filter(region__code="E12000005").order_by("name").first()
    if hub is None or RematchRequest.objects.filter(door=Door.PUBLIC, email=f"referral.wm@{DEMO_DOMAIN}").exists():
        return
    rematch_public_refer(
        hub=hub,
        data={
            "given_names": "Ifeoma",
            "family_name": "Chukwu",
            "email": f"referral.wm@{DEMO_DOMAIN}",
            "phone": "07700 900999",
            "address": "12 Castle Street, Shrewsbury",
            "postcode": "SY1 2BB",
            "current_sponsor_name": "Shropshire Hills Support Services",
            "reason_details": "My sponsor's licence was revoked. I have not had the UKVI letter yet.",
            "visa_expiry": dt.date.today() + dt.timedelta(days=200),
        },
    )


__all__ = ["rematch_seed_demo"]
