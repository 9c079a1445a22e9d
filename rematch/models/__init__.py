"""Rematching's models: requests and their timeline, introductions and hand-overs
(`requests.py`), vacancies (`vacancies.py`) and the displaced-worker pool (`pool.py`).

They came from recruits/ and providers/ (issue 21) and keep their tables (`Meta.db_table`, and
`meta={"db_table": ...}` for their pghistory event models), so no data moved: see
rematch/migrations/0001 and docs/ARCHITECTURE.md, "Rematching displaced workers".
"""

from rematch.models.pool import (
    COS_POOL_STATEMENT,
    FINAL_STATUSES,
    NONE_REASON_NEEDED,
    POOL_ROLES,
    CandidateOutcome,
    PoolCandidate,
    PoolConfirmation,
    PoolEvent,
    PoolRequest,
    PoolStatus,
)
from rematch.models.requests import (
    OPEN_STATUSES,
    Door,
    EventKind,
    Handover,
    HandoverStatus,
    Introduction,
    IntroductionStatus,
    Outcome,
    RematchEvent,
    RematchRequest,
    RematchStatus,
    RequestReason,
    Travel,
)
from rematch.models.vacancies import ShiftPattern, Vacancy, VacancyRole, VacancyStatus

__all__ = [
    "COS_POOL_STATEMENT",
    "FINAL_STATUSES",
    "NONE_REASON_NEEDED",
    "OPEN_STATUSES",
    "POOL_ROLES",
    "CandidateOutcome",
    "Door",
    "EventKind",
    "Handover",
    "HandoverStatus",
    "Introduction",
    "IntroductionStatus",
    "Outcome",
    "PoolCandidate",
    "PoolConfirmation",
    "PoolEvent",
    "PoolRequest",
    "PoolStatus",
    "RematchEvent",
    "RematchRequest",
    "RematchStatus",
    "RequestReason",
    "ShiftPattern",
    "Travel",
    "Vacancy",
    "VacancyRole",
    "VacancyStatus",
]
