"""What recruits tell the apps above them, without importing them (docs/ARCHITECTURE.md, "Layers").

An app that must act when something happens to a recruit registers a function here from its
`AppConfig.ready()`; recruits' services call every function registered for that event, in the
order they were registered, inside the service's transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from recruits.models import Recruit


class EmploymentStarted(Protocol):
    def __call__(self, *, recruit: Recruit, on: date) -> object: ...


# `recruit_transition` calls these whenever a recruit becomes employed (first job or after a
# rematch): pastoral starts the 12-month plan or carries it on.
_EMPLOYMENT_STARTED: list[EmploymentStarted] = []


def register_employment_started(hook: EmploymentStarted) -> EmploymentStarted:
    if hook not in _EMPLOYMENT_STARTED:
        _EMPLOYMENT_STARTED.append(hook)
    return hook


def employment_started(*, recruit: Recruit, on: date) -> None:
    for hook in _EMPLOYMENT_STARTED:
        hook(recruit=recruit, on=on)


class RecruitUpdated(Protocol):
    def __call__(self, *, recruit: Recruit) -> object: ...


class RecordContext(Protocol):
    def __call__(self, *, recruit: Recruit, user: Any) -> dict[str, Any]: ...


# `recruit_update` calls these after saving the record: rematch brings an open request's clock
# in line with the record's letter and visa dates.
_RECRUIT_UPDATED: list[RecruitUpdated] = []
# The record pages (the record and "My details") add what these return to their context:
# rematch adds the open request and its clock.
_RECORD_CONTEXT: list[RecordContext] = []


def register_recruit_updated(hook: RecruitUpdated) -> RecruitUpdated:
    if hook not in _RECRUIT_UPDATED:
        _RECRUIT_UPDATED.append(hook)
    return hook


def recruit_updated(*, recruit: Recruit) -> None:
    for hook in _RECRUIT_UPDATED:
        hook(recruit=recruit)


def register_record_context(hook: RecordContext) -> RecordContext:
    if hook not in _RECORD_CONTEXT:
        _RECORD_CONTEXT.append(hook)
    return hook


def record_context(*, recruit: Recruit, user: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for hook in _RECORD_CONTEXT:
        context.update(hook(recruit=recruit, user=user))
    return context


class DuplicateMerging(Protocol):
    def __call__(self, *, duplicate: Recruit, into: Recruit) -> object: ...


# `recruit_merge_duplicate` (recruits/duplicates.py) calls these before it looks at what still
# hangs on the duplicate record: rematch moves the duplicate's requests to the record kept.
_DUPLICATE_MERGING: list[DuplicateMerging] = []


def register_duplicate_merging(hook: DuplicateMerging) -> DuplicateMerging:
    if hook not in _DUPLICATE_MERGING:
        _DUPLICATE_MERGING.append(hook)
    return hook


def duplicate_merging(*, duplicate: Recruit, into: Recruit) -> None:
    for hook in _DUPLICATE_MERGING:
        hook(duplicate=duplicate, into=into)


class RegionMoved(Protocol):
    def __call__(self, *, recruit: Recruit) -> object: ...


# `recruit_move_region` calls these after the record moved to another region (a placement there,
# or a hand-over): pastoral moves the plan, its check-ins, concerns and appointments with it, so
# that the rows' own `region` stays the record's region (the hub pages read check-ins by it).
_REGION_MOVED: list[RegionMoved] = []


def register_region_moved(hook: RegionMoved) -> RegionMoved:
    if hook not in _REGION_MOVED:
        _REGION_MOVED.append(hook)
    return hook


def region_moved(*, recruit: Recruit) -> None:
    for hook in _REGION_MOVED:
        hook(recruit=recruit)
