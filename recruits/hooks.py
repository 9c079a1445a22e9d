"""What recruits tell the apps above them, without importing them (docs/ARCHITECTURE.md, "Layers").

An app that must act when something happens to a recruit registers a function here from its
`AppConfig.ready()`; recruits' services call every function registered for that event, in the
order they were registered, inside the service's transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

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
