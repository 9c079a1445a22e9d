"""The affected workers of a case: from the portal's records, from a pasted or uploaded list
(all-or-nothing, with a row report), their status, and rematch requests for all of them at once
(through `rematch.services.rematch_open_many`, the rematching issue's own service)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from compliance.models import (
    AffectedWorker,
    CaseStatus,
    ComplianceCase,
    EntryKind,
    EventKind,
    WorkerSource,
    WorkerStatus,
)
from portal.forms.dates import parse_whole_date
from recruits.models import Recruit, RecruitStatus
from recruits.services import ACTIVE, recruit_mark_unverified, recruit_register, recruit_transition
from rematch.models import RequestReason
from rematch.services import BulkResult, rematch_open_many

LIST_COLUMNS = ["given names", "family name", "date of birth", "visa expiry", "email", "phone"]
MAX_LIST_ROWS = 2000
# A worker whose row says this is finished with: no rematch request is opened for them.
FINISHED = {WorkerStatus.PLACED, WorkerStatus.LEFT_UK}


def _refuse_closed(case: ComplianceCase) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError("The case is closed: nothing more can be added.")


def _entry(case: ComplianceCase, actor: User | None, text: str) -> None:
    case.entries.create(kind=EntryKind.SYSTEM, text=text, author=actor)


def _recount(case: ComplianceCase) -> None:
    """Remember when the last worker was contacted (for the average time to contact everyone)."""
    waiting = case.workers.filter(status=WorkerStatus.NOT_CONTACTED).exists()
    stamp = None if waiting or not case.workers.exists() else (case.all_contacted_at or timezone.now())
    if stamp != case.all_contacted_at:
        ComplianceCase.objects.filter(pk=case.pk).update(all_contacted_at=stamp)
        case.all_contacted_at = stamp


def workers_import_from_records(*, actor: User | None, case: ComplianceCase) -> int:
    """Every recruit the portal knows the provider sponsors (not those who have left)."""
    recruits = Recruit.objects.filter(provider_id=case.provider_id, status__in=list(ACTIVE))
    known = set(case.workers.values_list("recruit_id", flat=True))
    rows = [AffectedWorker(case=case, recruit=r, source=WorkerSource.RECORDS) for r in recruits if r.pk not in known]
    AffectedWorker.objects.bulk_create(rows)
    if rows:
        _entry(case, actor, f"{len(rows)} workers added from the portal's records.")
        _recount(case)
    return len(rows)


@dataclass
class ListRow:
    number: int
    data: dict[str, Any]


@dataclass
class ListReport:
    """What a pasted list would do, or why nothing was written."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    linked: int = 0
    already: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _date(text: str, column: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    parsed = parse_whole_date(text)
    if parsed is not None:
        return parsed
    raise ValueError(f"the {column} “{text}” is not a date: write it as 27/11/1990")


def _parse_row(cells: list[str]) -> dict[str, Any]:
    cells = [cell.strip() for cell in cells] + [""] * (len(LIST_COLUMNS) - len(cells))
    if len(cells) > len(LIST_COLUMNS) and any(cells[len(LIST_COLUMNS) :]):
        raise ValueError(f"too many columns: the list has {len(LIST_COLUMNS)} ({', '.join(LIST_COLUMNS)})")
    given, family, born, visa, email, phone = cells[: len(LIST_COLUMNS)]
    if not given or not family:
        raise ValueError("the given names and the family name are both needed")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValueError(f"the email “{email}” is not an email address") from None
    born_on = _date(born, "date of birth")
    if born_on and born_on >= timezone.localdate():
        raise ValueError("the date of birth must be in the past")
    data: dict[str, Any] = {
        "given_names": given,
        "family_name": family,
        "date_of_birth": born_on,
        "visa_expiry": _date(visa, "visa expiry"),
        "email": email,
        "phone": phone,
    }
    return data


def workers_parse_list(text: str) -> tuple[list[ListRow], list[tuple[int, str]]]:
    """Rows of a pasted list (CSV or tab-separated; a header line is skipped), and the problems."""
    text = text.strip().lstrip("\ufeff")
    if not text:
        return [], [(0, "The list is empty: paste one worker a line.")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return [], [
            (
                line,
                f"Line {line} contains a NUL character, which a list of workers never has: "
                "the file may be damaged. Save it again as “CSV UTF-8”, or paste the list instead.",
            )
        ]
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    rows, errors = [], []
    reader = csv.reader(io.StringIO(text), dialect=dialect)
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if number == 1 and "family" in " ".join(cells).lower():
                continue
            try:
                rows.append(ListRow(number, _parse_row(cells)))
            except ValueError as problem:
                errors.append((number, f"Line {number}: {problem}."))
    except csv.Error:
        line = reader.line_num
        return [], [
            (
                line,
                f"Line {line}: a value is longer than {csv.field_size_limit():,} characters, so this "
                "is not a list of workers (a quotation mark left open makes the rest of the list one value). "
                "Check the quotation marks on that line.",
            )
        ]
    if len(rows) > MAX_LIST_ROWS:
        errors.append((0, f"The list has {len(rows)} workers: paste at most {MAX_LIST_ROWS} at a time."))
    return rows, errors


def _existing(case: ComplianceCase, data: dict[str, Any]) -> Recruit | None:
    matches = Recruit.objects.filter(
        provider_id=case.provider_id,
        given_names__iexact=data["given_names"],
        family_name__iexact=data["family_name"],
    )
    if data["date_of_birth"]:
        matches = matches.filter(date_of_birth=data["date_of_birth"])
    return matches.first()


@transaction.atomic
def workers_add_from_list(*, actor: User, case: ComplianceCase, text: str) -> ListReport:
    """Add the workers of a list; any bad line means nothing is written (the report says which)."""
    case = ComplianceCase.objects.select_for_update(of=("self",)).select_related("provider").get(pk=case.pk)
    _refuse_closed(case)
    rows, errors = workers_parse_list(text)
    report = ListReport(errors=errors)
    if not report.ok:
        return report
    known = set(case.workers.values_list("recruit_id", flat=True))
    try:
        with transaction.atomic():
            for row in rows:
                _add_row(actor, case, row, known, report)
    except ValidationError as error:
        return ListReport(errors=[(0, message) for message in error.messages])
    if report.errors:
        transaction.set_rollback(True)
        return ListReport(errors=report.errors)
    added = report.created + report.linked
    if added:
        _entry(case, actor, f"{added} workers added from a list ({report.created} new records marked unverified).")
        _recount(case)
    return report


def _add_row(actor: User, case: ComplianceCase, row: ListRow, known: set[int], report: ListReport) -> None:
    recruit = _existing(case, row.data)
    if recruit is not None and recruit.pk in known:
        report.already += 1
        return
    if recruit is None:
        try:
            recruit = recruit_register(actor=actor, provider=case.provider, data=row.data)
        except ValidationError as error:
            report.errors.append((row.number, f"Line {row.number}: {' '.join(error.messages)}"))
            return
        recruit_mark_unverified(actor=actor, recruit=recruit)
        recruit_transition(
            actor=actor,
            recruit=recruit,
            to_status=RecruitStatus.EMPLOYED,
            reason=f"Listed as a worker of {case.provider.name} on a compliance case (details not checked)",
        )
        report.created += 1
    else:
        report.linked += 1
    AffectedWorker.objects.create(case=case, recruit=recruit, source=WorkerSource.LIST)
    known.add(recruit.pk)


@transaction.atomic
def worker_set_status(*, actor: User, worker: AffectedWorker, status: str) -> AffectedWorker:
    worker = AffectedWorker.objects.select_for_update(of=("self",)).select_related("case", "recruit").get(pk=worker.pk)
    _refuse_closed(worker.case)
    if status not in WorkerStatus.values:
        raise ValidationError("Choose one of the statuses listed.")
    if status == worker.status:
        return worker
    previous = WorkerStatus(worker.status).label
    worker.status = status
    if status != WorkerStatus.NOT_CONTACTED and worker.contacted_at is None:
        worker.contacted_at = timezone.now()
    worker.save()
    # The timeline names no worker: it may be shown to the council when shared.
    _entry(worker.case, actor, f"A worker moved from “{previous}” to “{WorkerStatus(status).label}”.")
    _recount(worker.case)
    return worker


@dataclass(frozen=True)
class RematchAllResult:
    opened: int
    already_open: int
    left_out: int


@transaction.atomic
def workers_open_rematch_for_all(*, actor: User, case: ComplianceCase) -> RematchAllResult:
    """One rematch request per affected worker still with the provider (never a second one)."""
    case = ComplianceCase.objects.select_for_update(of=("self",)).select_related("provider", "event").get(pk=case.pk)
    _refuse_closed(case)
    workers = list(case.workers.select_related("recruit"))
    eligible = [
        w
        for w in workers
        if w.status not in FINISHED and w.recruit.provider_id == case.provider_id and w.recruit.status in ACTIVE
    ]
    if not eligible:
        raise ValidationError("No worker on this case can have a rematch request: all are placed, left or moved on.")
    kind = EventKind(case.event.kind)
    reason = RequestReason.LICENCE_LOST if kind != EventKind.SUSPENSION else RequestReason.OTHER
    details = f"Compliance case: sponsor licence {kind.label.lower()} on {case.event.event_date:%-d %B %Y}."
    result: BulkResult = rematch_open_many(
        actor=actor,
        provider=case.provider,
        recruits=[w.recruit for w in eligible],
        reason=reason,
        reason_details=details,
    )
    AffectedWorker.objects.filter(pk__in=[w.pk for w in eligible]).update(
        status=WorkerStatus.REMATCH_OPENED, updated_at=timezone.now()
    )
    AffectedWorker.objects.filter(pk__in=[w.pk for w in eligible], contacted_at__isnull=True).update(
        contacted_at=timezone.now()
    )
    _entry(
        case,
        actor,
        f"Rematch requests opened for {len(result.created)} workers"
        + (f"; {len(result.skipped)} already had one" if result.skipped else "")
        + ".",
    )
    _recount(case)
    return RematchAllResult(len(result.created), len(result.skipped), len(workers) - len(eligible))
