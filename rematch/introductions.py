"""Introductions: the hub puts a consenting worker forward for a vacancy; the provider sees a
job passport through a link that expires (capability token, only its SHA-256 hash stored)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from notifications.services import reminder_schedule
from providers.access import provider_admins
from providers.eligibility import sponsor_eligibility
from recruits.english import english_check
from recruits.models import DBSStatus, Recruit
from rematch.models import EventKind, Introduction, RematchEvent, RematchRequest, RematchStatus, Vacancy, VacancyStatus
from training.passport import PassportTraining, passport_training

INTRODUCED_KIND = "rematch.introduced"


def passport_valid_days() -> int:
    return int(getattr(settings, "JOB_PASSPORT_VALID_DAYS", 14))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewIntroduction:
    introduction: Introduction
    token: str

    @property
    def passport_path(self) -> str:
        return reverse("job_passport", kwargs={"token": self.token})


@transaction.atomic
def introduction_record(
    *, actor: User, request: RematchRequest, vacancy: Vacancy, consent: bool, consent_how: str
) -> NewIntroduction:
    """Introduce the worker to the vacancy. Refused without the worker's consent, for a closed
    vacancy, or for a provider that cannot sponsor now (with the reason)."""
    from rematch.services import rematch_transition

    request = RematchRequest.objects.select_for_update().get(pk=request.pk)
    if not consent or not consent_how.strip():
        raise ValidationError(
            {"consent": "Ask the worker first: record that they agreed to be introduced, and how they said so"}
        )
    if request.recruit_id is None or request.pending:
        raise ValidationError("Confirm the referral before introducing the worker.")
    if not request.is_open:
        raise ValidationError("The request is finished: the worker cannot be introduced.")
    if vacancy.region_id != request.region_id or vacancy.status != VacancyStatus.OPEN:
        raise ValidationError("Choose an open vacancy of this region.")
    eligibility = sponsor_eligibility(provider=vacancy.provider)
    if not eligibility.eligible:
        raise ValidationError(eligibility.summary)
    if Introduction.objects.filter(request=request, vacancy=vacancy).exists():
        raise ValidationError("The worker is already introduced to this vacancy.")
    assert request.recruit is not None
    english = english_check(request.recruit, on=timezone.localdate())
    if english is not None and english.refused:
        raise ValidationError(english.message)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    introduction = Introduction.objects.create(
        region_id=request.region_id,
        request=request,
        vacancy=vacancy,
        consent_at=now,
        consent_how=consent_how.strip(),
        token_hash=_hash(token),
        expires_at=now + dt.timedelta(days=passport_valid_days()),
        created_by=actor,
    )
    if request.status == RematchStatus.SEARCHING:
        rematch_transition(actor=actor, request=request, to_status=RematchStatus.INTRODUCED)
    RematchEvent.objects.create(
        request=request,
        actor=actor,
        kind=EventKind.INTRODUCED,
        text=f"To “{vacancy.title}” at {vacancy.provider.name}, with consent ({introduction.consent_how})."
        + (f" English: {english.message}" if english is not None else ""),
    )
    _tell_the_provider(introduction)
    return NewIntroduction(introduction=introduction, token=token)


def introduction_by_token(token: str) -> Introduction | None:
    """The introduction a passport link names, or None (unknown); expiry is checked by the caller."""
    return (
        Introduction.objects.select_related("vacancy__provider", "request__recruit")
        .filter(token_hash=_hash(token))
        .first()
    )


def introduction_by_id(public_id: uuid.UUID) -> Introduction | None:
    return (
        Introduction.objects.select_related("vacancy__provider", "request__recruit").filter(public_id=public_id).first()
    )


def _tell_the_provider(introduction: Introduction) -> None:
    """The vacancy's provider administrators hear of the introduction (the notice names nobody;
    the passport opens in the portal, for them only, until it expires)."""
    provider = introduction.vacancy.provider
    for admin in provider_admins(provider):
        reminder_schedule(
            recipient=admin,
            region=provider.region,
            kind=INTRODUCED_KIND,
            about=introduction,
            due_at=introduction.created_at,
        )


@dataclass(frozen=True)
class JobPassport:
    """What a provider may see of an introduced worker: no passport, visa, CoS, DBS certificate
    numbers, nationality, date of birth or anything the worker told the hub."""

    name: str
    role: str
    experience: list[str]
    english: str
    checks: list[str]
    training: PassportTraining
    availability: str


def job_passport(introduction: Introduction) -> JobPassport:
    request = introduction.request
    recruit: Recruit = request.recruit  # type: ignore[assignment]
    employments = list(recruit.employments.order_by("start_date"))
    experience = [
        f"{e.start_date:%B %Y} to {e.end_date:%B %Y}" if e.end_date else f"since {e.start_date:%B %Y}"
        for e in employments
    ]
    checks = [
        "Enhanced DBS: clear" if recruit.dbs_status == DBSStatus.CLEAR else "Enhanced DBS: not yet clear",
        "Adult barred list checked" if recruit.dbs_barred_list_checked else "Adult barred list: not yet checked",
        "Right to work checked" if recruit.rtw_check_date else "Right to work: to be checked",
    ]
    available = f"From {request.last_working_day:%-d %B %Y}" if request.last_working_day else "Now"
    return JobPassport(
        name=recruit.full_name,
        role=recruit.get_job_role_display(),
        experience=[f"Care work in England, {period}" for period in experience] or ["Not recorded"],
        english=recruit.get_english_level_display() or "Not recorded",
        checks=checks,
        training=passport_training(recruit),
        availability=available,
    )


def may_view_passport(user: Any, introduction: Introduction) -> bool:
    from hubs.access import scope_for

    scope = scope_for(user)
    return scope.is_provider_user(introduction.vacancy.provider_id) or scope.is_hub_team(introduction.region_id)
