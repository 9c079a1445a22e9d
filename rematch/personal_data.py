"""The personal data rematching holds about a recruit (`accesslog.rights`, registered in `RematchConfig`).

Requests and hand-overs stay (the rematch figures count them); what the worker told the hub
about themself goes.
"""

from __future__ import annotations

import datetime as dt

from accesslog.rights import (
    RECRUIT,
    PersonalData,
    empty_values,
    register_personal_data,
    register_retention_rule,
    retention_cutoff,
    rows_clear,
)
from rematch.models import (
    FINAL_STATUSES,
    CandidateOutcome,
    EventKind,
    Handover,
    Introduction,
    PoolCandidate,
    PoolEvent,
    RematchEvent,
    RematchRequest,
    RematchStatus,
)

REQUEST_FIELDS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "postcode",
    "reason_details",
    "current_sponsor_name",
)

SOURCES = (
    PersonalData("Rematch requests", RematchRequest, "recruit", fields=REQUEST_FIELDS),
    PersonalData("Hand-overs between regions", Handover, "recruit", fields=("note",)),
    # Dates, vacancy and consent: exported; the introduction stays (the figures count it).
    PersonalData("Introductions to vacancies", Introduction, "request__recruit"),
    PersonalData(
        "Displaced-worker pool: candidacies",
        PoolCandidate,
        "introduction__request__recruit",
        fields=("decline_reason",),
    ),
    # The pool's evidence lines (append-only: a trigger refuses changes) name the candidates: exported,
    # never changed or deleted (docs/SECURITY.md, "The displaced-worker pool's evidence").
    PersonalData(
        "Displaced-worker pool: evidence lines", PoolEvent, "pool_request__candidates__introduction__request__recruit"
    ),
)


# -- Retention (docs/SECURITY.md, the retention table; run nightly by accesslog.tasks.retention_task) --


def closed_rematch_requests_expire(today: dt.date) -> int:
    """What the worker told the hub, on a request closed on or before the cut-off, goes: their
    details and words, and the notes on its timeline. The request (status, dates, outcome) stays."""
    cutoff = retention_cutoff("retention_closed_rematch_months", today)
    closed = RematchRequest.objects.filter(status=RematchStatus.CLOSED, closed_at__date__lte=cutoff)
    cleared = rows_clear(closed, empty_values(RematchRequest, REQUEST_FIELDS))
    notes = RematchEvent.objects.filter(request__in=closed.values("pk"), kind=EventKind.NOTE)
    return cleared + rows_clear(notes, {"text": ""})


def pool_candidates_not_hired_expire(today: dt.date) -> int:
    """Candidates who were not hired: the reason the provider gave for declining goes once the pool
    request has been final (hired or closed) for the period. The evidence lines stay."""
    cutoff = retention_cutoff("retention_pool_not_hired_months", today)
    candidates = PoolCandidate.objects.filter(
        pool_request__status__in=FINAL_STATUSES, pool_request__closed_at__date__lte=cutoff
    ).exclude(outcome=CandidateOutcome.HIRED)
    return rows_clear(candidates, {"decline_reason": ""})


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
    register_retention_rule("closed_rematch_requests", closed_rematch_requests_expire)
    register_retention_rule("pool_candidates_not_hired", pool_candidates_not_hired_expire)
