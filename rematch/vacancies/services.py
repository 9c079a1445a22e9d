"""Writes on vacancies: post, edit, close, filled by placements. The pay check against the route's
threshold runs on every save. Nothing else writes a vacancy (docs/ARCHITECTURE.md, "One writer per table")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from providers.models import LicenceStatus, Provider
from providers.pay import pay_problems
from rematch.models import IntroductionStatus, Vacancy, VacancyStatus

VACANCY_FIELDS = [
    "title",
    "job_role",
    "occupation_code",
    "hours_per_week",
    "pay_per_hour",
    "pay_per_year",
    "postcode",
    "shift_pattern",
    "driving_required",
    "start_date",
    "sponsorship_offered",
    "posts",
]
DEFAULT_CODES = {"care_worker": "6135", "senior_care_worker": "6136", "nurse": "2231"}


def vacancy_pay_problems(vacancy: Vacancy) -> list[str]:
    """Only a sponsored job must meet the route's pay threshold."""
    if not vacancy.sponsorship_offered:
        return []
    return pay_problems(
        occupation_code=vacancy.occupation_code,
        pay_per_hour=vacancy.pay_per_hour,
        pay_per_year=vacancy.pay_per_year,
        on=vacancy.start_date or timezone.localdate(),
    )


def _apply(vacancy: Vacancy, data: dict[str, Any]) -> None:
    for key in VACANCY_FIELDS:
        if key in data:
            setattr(vacancy, key, data[key])
    vacancy.title = vacancy.title.strip()
    vacancy.postcode = " ".join(vacancy.postcode.upper().split())
    if not vacancy.occupation_code:
        vacancy.occupation_code = DEFAULT_CODES.get(vacancy.job_role, "")
    vacancy.below_pay_threshold = bool(vacancy_pay_problems(vacancy))


def vacancy_block_reason(provider: Provider) -> str | None:
    """A suspended, revoked or surrendered sponsor cannot post vacancies (its workers stay employed)."""
    if provider.licence_status == LicenceStatus.ACTIVE:
        return None
    status = LicenceStatus(provider.licence_status).label.lower()
    return (
        f"{provider.name} cannot post vacancies: its sponsor licence is {status}. "
        "Its existing workers stay employed; the hub can help with rematching."
    )


@transaction.atomic
def vacancy_post(*, actor: User, provider: Provider, data: dict[str, Any]) -> Vacancy:
    provider.refresh_from_db(fields=["licence_status"])
    blocked = vacancy_block_reason(provider)
    if blocked:
        raise ValidationError(blocked)
    vacancy = Vacancy(region_id=provider.region_id, provider=provider, created_by=actor)
    _apply(vacancy, data)
    vacancy.full_clean()
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_update(*, actor: User, vacancy: Vacancy, data: dict[str, Any]) -> Vacancy:
    _apply(vacancy, data)
    if "status" in data:
        if data["status"] == VacancyStatus.OPEN and vacancy.status != VacancyStatus.OPEN:
            vacancy.provider.refresh_from_db(fields=["licence_status"])
            blocked = vacancy_block_reason(vacancy.provider)
            if blocked:
                raise ValidationError(blocked)
        vacancy.status = VacancyStatus(data["status"])
    vacancy.full_clean()
    vacancy.save()
    return vacancy


def vacancy_record_placement(*, actor: User, vacancy: Vacancy) -> bool:
    """A worker was placed in one of the vacancy's posts (`placement_record`, whose introduction
    is already marked placed): once placements take every post the vacancy is filled. Returns
    whether it is. Runs in the placement's transaction."""
    placed = vacancy.introductions.filter(status=IntroductionStatus.PLACED).count()
    if placed < vacancy.posts:
        return False
    Vacancy.objects.filter(pk=vacancy.pk).update(status=VacancyStatus.FILLED)
    return True
