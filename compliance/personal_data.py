"""The personal data compliance holds about a recruit (`accesslog.rights`, registered in
`ComplianceConfig`): the cases that named them as an affected worker. The rows stay (the
case's counts of workers contacted); they hold no free text about the person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from accesslog.rights import RECRUIT, PersonalData, register_personal_data, register_retention_rule, retention_cutoff
from compliance.documents import entry_document_path
from compliance.models import AffectedWorker, CaseEntry, CaseStatus, EntryKind

SOURCES = (PersonalData("Compliance cases (affected worker)", AffectedWorker, "recruit"),)

CLEARED_NOTE = "Cleared under the portal's retention rule for closed cases."


def closed_cases_expire(today: dt.date) -> int:
    """A case closed on or before the cut-off loses what its timeline says (notes, calls, emails,
    which may name workers) and its documents; the case, its steps, its affected-worker rows and
    the portal's own entries stay, so the figures and the lessons learned are kept."""
    cutoff = retention_cutoff("retention_closed_case_months", today)
    entries = (
        CaseEntry.objects.filter(case__status=CaseStatus.CLOSED, case__closed_at__date__lte=cutoff)
        .exclude(kind=EntryKind.SYSTEM)
        .exclude(text=CLEARED_NOTE)
    )
    paths = [entry_document_path(entry) for entry in entries.exclude(stored_name="")]
    cleared = entries.update(text=CLEARED_NOTE, document_name="", stored_name="", content_type="")
    transaction.on_commit(lambda: _remove(paths))
    return cleared


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
    register_retention_rule("closed_compliance_cases", closed_cases_expire)
