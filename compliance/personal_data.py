"""The personal data compliance holds about a recruit (`accesslog.rights`, registered in
`ComplianceConfig`): the cases that named them as an affected worker. The rows stay (the
case's counts of workers contacted); they hold no free text about the person."""

from __future__ import annotations

from accesslog.rights import RECRUIT, PersonalData, register_personal_data
from compliance.models import AffectedWorker

SOURCES = (PersonalData("Compliance cases (affected worker)", AffectedWorker, "recruit"),)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
