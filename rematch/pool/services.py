"""Writes on pool requests. Each step is checked against the state, written with an event (the
evidence), and refused once the request is final (hired, or closed after UKVI was told)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.roles import Role
from notifications.services import reminder_schedule
from recruits.english import EnglishCheck, english_check
from rematch.introductions import introduction_record
from rematch.matching import matches_for_vacancy
from rematch.models import (
    COS_POOL_STATEMENT,
    NONE_REASON_NEEDED,
    POOL_ROLES,
    CandidateOutcome,
    PoolCandidate,
    PoolConfirmation,
    PoolEvent,
    PoolRequest,
    PoolStatus,
    Vacancy,
    VacancyStatus,
)
from rematch.pool.late_start import late_start_schedule

POOL_KIND = "pool.request"


def _lock(pool: PoolRequest) -> PoolRequest:
    pool = PoolRequest.objects.select_for_update().get(pk=pool.pk)
    if pool.is_final:
        raise ValidationError("This pool request is closed: its history is evidence and cannot change.")
    return pool


def _event(pool: PoolRequest, actor: User | None, text: str) -> None:
    PoolEvent.objects.create(pool_request=pool, actor=actor, text=text)


@transaction.atomic
def pool_request_file(*, actor: User, vacancy: Vacancy) -> PoolRequest:
    """The provider asks its hub for displaced workers before sponsoring a care worker."""
    if vacancy.job_role not in POOL_ROLES:
        raise ValidationError("The pool rule is for care worker and senior care worker jobs (6135, 6136).")
    if vacancy.status != VacancyStatus.OPEN:
        raise ValidationError("The vacancy is not open.")
    if PoolRequest.objects.filter(vacancy=vacancy).exclude(status__in=[PoolStatus.HIRED, PoolStatus.CLOSED]).exists():
        raise ValidationError("This vacancy already has a pool request in progress.")
    pool = PoolRequest.objects.create(
        region_id=vacancy.region_id, provider_id=vacancy.provider_id, vacancy=vacancy, requested_by=actor
    )
    _event(pool, actor, f"{vacancy.provider.name} asked for displaced workers for “{vacancy.title}”.")
    reminder_schedule(
        recipient_role=Role.HUB_STAFF, region=vacancy.region, kind=POOL_KIND, about=pool, due_at=timezone.now()
    )
    return pool


@transaction.atomic
def pool_shortlist(*, actor: User, pool: PoolRequest, requests: list, consent_how: str) -> PoolRequest:
    """The hub sends consenting displaced workers; each is introduced (with consent) to the vacancy."""
    pool = _lock(pool)
    if pool.status not in (PoolStatus.OPEN, PoolStatus.SHORTLISTED):
        raise ValidationError("The hub has already answered that nobody is available.")
    if not requests:
        raise ValidationError({"requests": "Choose at least one worker, or answer that none is available"})
    vacancy = Vacancy.objects.select_related("provider").get(pk=pool.vacancy_id)
    names = []
    for request in requests:
        created = introduction_record(
            actor=actor, request=request, vacancy=vacancy, consent=True, consent_how=consent_how
        )
        PoolCandidate.objects.create(pool_request=pool, introduction=created.introduction)
        names.append(request.worker_name)
    pool.status, pool.answered_at = PoolStatus.SHORTLISTED, pool.answered_at or timezone.now()
    pool.save(update_fields=["status", "answered_at"])
    _event(
        pool,
        actor,
        f"The hub shortlisted {len(names)} consenting worker{'s' if len(names) != 1 else ''}: {', '.join(names)}.",
    )
    return pool


@transaction.atomic
def pool_none_available(*, actor: User, pool: PoolRequest, reason: str = "") -> PoolRequest:
    """The hub answers that nobody is available. When the answer page lists workers who could
    fit the vacancy, the hub must say why none was put forward: the reason is evidence for UKVI."""
    pool = _lock(pool)
    if pool.status != PoolStatus.OPEN:
        raise ValidationError("The hub has already answered this request.")
    listed = len(matches_for_vacancy(user=actor, vacancy=pool.vacancy))
    reason = reason.strip()
    if listed and not reason:
        raise ValidationError({"reason": NONE_REASON_NEEDED})
    pool.status, pool.answered_at, pool.none_available_reason = PoolStatus.NONE_SUITABLE, timezone.now(), reason
    pool.save(update_fields=["status", "answered_at", "none_available_reason"])
    text = "The hub answered: no displaced worker is available for this vacancy."
    if listed:
        workers = f"{listed} worker{'s' if listed != 1 else ''} with an open request"
        text += f" {workers} could fit it; why none was put forward: {reason}"
    elif reason:
        text += f" {reason}"
    _event(pool, actor, text)
    return pool


@transaction.atomic
def pool_candidate_outcome(*, actor: User, candidate: PoolCandidate, outcome: str, reason: str = "") -> PoolCandidate:
    """The provider records what happened with a candidate: interviewed, offered, declined (why) or hired."""
    pool = _lock(candidate.pool_request)
    if pool.status != PoolStatus.SHORTLISTED:
        raise ValidationError("Outcomes are recorded while the shortlist is open.")
    outcome = CandidateOutcome(outcome)
    if outcome == CandidateOutcome.DECLINED and not reason.strip():
        raise ValidationError({"reason": "Say why the candidate was declined (the record is evidence for UKVI)"})
    candidate = PoolCandidate.objects.select_for_update().select_related("introduction__request").get(pk=candidate.pk)
    english = _english_at_hire(candidate) if outcome == CandidateOutcome.HIRED else None
    candidate.outcome, candidate.decline_reason = outcome, reason.strip()
    candidate.outcome_by, candidate.outcome_at = actor, timezone.now()
    candidate.save()
    name = candidate.introduction.request.worker_name
    _event(
        pool,
        actor,
        f"{name}: {outcome.label.lower()}" + (f" ({candidate.decline_reason})." if candidate.decline_reason else "."),
    )
    if outcome == CandidateOutcome.HIRED:
        pool.status, pool.closed_at = PoolStatus.HIRED, timezone.now()
        pool.save(update_fields=["status", "closed_at"])
        _event(pool, actor, f"Hired from the pool. The CoS must say: “{COS_POOL_STATEMENT}”.")
        if english is not None:
            _event(pool, actor, f"English, to check before the CoS is assigned: {english.message}")
        late_on = late_start_schedule(pool=pool, cos_start=pool.vacancy.start_date, hired_on=timezone.localdate())
        _event(
            pool,
            actor,
            f"If {name} has not started by {late_on - dt.timedelta(days=1):%-d %B %Y}, the provider must report "
            "to UKVI that the worker did not start; the provider and the lead will be reminded.",
        )
    elif not pool.candidates.exclude(outcome=CandidateOutcome.DECLINED).exists():
        pool.status = PoolStatus.NONE_SUITABLE
        pool.save(update_fields=["status"])
        _event(pool, actor, "Every candidate was declined: nobody suitable was found.")
    return candidate


def _english_at_hire(candidate: PoolCandidate) -> EnglishCheck | None:
    """Rule 22 when the CoS is assigned: a hire whose visa application would fail on English is
    refused, quoting the rule; a B1 worker already on the route hires with a warning to check."""
    recruit = candidate.introduction.request.recruit
    if recruit is None:
        return None
    english = english_check(recruit, on=timezone.localdate())
    if english is not None and english.refused:
        raise ValidationError({"outcome": f"{recruit.full_name} cannot be hired for a new CoS yet. {english.message}"})
    return english


def _next_number(pool: PoolRequest, on: dt.date) -> str:
    prefix = f"{pool.region.code}-{on:%Y}-"
    # The confirmations of a region and year, under a row lock on the region: numbers never repeat.
    from hubs.models import Region

    Region.objects.select_for_update().get(pk=pool.region_id)
    count = PoolConfirmation.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1:04d}"


@transaction.atomic
def pool_confirmation_issue(*, actor: User, pool: PoolRequest) -> PoolConfirmation:
    """The hub confirms that the provider made contact and nobody suitable was found."""
    pool = _lock(pool)
    if pool.status != PoolStatus.NONE_SUITABLE:
        raise ValidationError("A confirmation is issued only when nobody suitable was found.")
    confirmation = PoolConfirmation.objects.create(
        pool_request=pool, number=_next_number(pool, timezone.localdate()), issued_by=actor
    )
    pool.status = PoolStatus.CONFIRMED
    pool.save(update_fields=["status"])
    _event(pool, actor, f"Pool confirmation {confirmation.number} issued.")
    return confirmation


@transaction.atomic
def pool_ukvi_told(*, actor: User, pool: PoolRequest, on: dt.date) -> PoolRequest:
    pool = _lock(pool)
    if pool.status != PoolStatus.CONFIRMED:
        raise ValidationError("Issue the confirmation before recording that UKVI was told.")
    if on > timezone.localdate():
        raise ValidationError({"on": "The date UKVI was told cannot be in the future"})
    PoolConfirmation.objects.filter(pool_request=pool).update(ukvi_told_on=on, ukvi_told_by=actor)
    pool.status, pool.closed_at = PoolStatus.CLOSED, timezone.now()
    pool.save(update_fields=["status", "closed_at"])
    _event(pool, actor, f"UKVI was told on {on:%-d %B %Y}. The request is closed.")
    return pool
