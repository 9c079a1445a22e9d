"""`recruits_import`: check every row of a file, match it to the region's recruits, then write all or nothing.

A row that matches a recruit of the region (passport number + date of birth, or CoS reference)
updates that recruit instead of creating a second one, so importing the same file twice is
harmless. Blank cells never clear a value on an update; they only leave it as it is.

Rows are written in batches that do what `recruit_register` and `recruit_update` do (the services'
own `_apply` normalisation, the model's `full_clean`, `flags_for`, the employment and status
change of a start date): one service call per row took 12 to 20 s for 1,000 new rows on the 2-core
test machine, and 5,000 rows would outlast a web request (see benchmarks/results/import_recruits.txt).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models.functions import Upper
from django.utils import timezone

from accounts.models import User
from hubs.models import Agency
from providers.models import Provider
from recruits.code_of_practice import country_lists_on, country_lists_on_days, flags_date, flags_for
from recruits.imports.columns import HEADERS, ImportRow, RowError, columns_for, normalise, parse_row
from recruits.imports.reading import FileProblem, read_table
from recruits.models import (
    DEFAULT_OCCUPATION_CODE,
    NMC_PIN_NURSES_ONLY,
    Employment,
    JobRole,
    Recruit,
    RecruitStatus,
    StatusChange,
)
from recruits.services import RECRUIT_FIELDS, _apply

REPORTED_ERRORS = 200
# pg_advisory_xact_lock(namespace, region id): one import per region at a time, so two uploads of
# the same file cannot both decide that a row is new.
_LOCK_NAMESPACE = 0x52494D50


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problem: str = ""  # what is wrong with the file as a whole
    errors: list[RowError] = field(default_factory=list)  # the first REPORTED_ERRORS
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.problem and not self.error_count

    @property
    def more_errors(self) -> int:
        return self.error_count - len(self.errors)


# Matching and checking ----------------------------------------------------------------------------


def _keys(row: ImportRow) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = []
    if row.data.get("passport_number") and row.data.get("date_of_birth"):
        keys.append(("passport", row.data["passport_number"], str(row.data["date_of_birth"])))
    if row.data.get("cos_reference"):
        keys.append(("cos", row.data["cos_reference"]))
    return keys


_KEY_NAMES = {"passport": "passport number and date of birth", "cos": "CoS reference"}


def _match(rows: list[ImportRow], provider: Provider) -> None:
    """Find each row's existing recruit in the region; refuse rows that repeat an earlier row."""
    passports = {row.data["passport_number"] for row in rows if row.data.get("passport_number")}
    references = {row.data["cos_reference"] for row in rows if row.data.get("cos_reference")}
    # Locked until the import commits, so that an edit made meanwhile is not overwritten.
    in_region = Recruit.objects.filter(region_id=provider.region_id).select_related("agency")
    in_region = in_region.select_for_update(of=("self",))
    existing: dict[tuple[str, ...], Recruit] = {}
    for recruit in in_region.filter(passport_number__in=passports, date_of_birth__isnull=False):
        existing[("passport", recruit.passport_number, str(recruit.date_of_birth))] = recruit
    for recruit in in_region.annotate(cos_key=Upper("cos_reference")).filter(cos_key__in=references):
        existing.setdefault(("cos", recruit.cos_key), recruit)  # type: ignore[attr-defined]
    seen: dict[tuple[str, ...], int] = {}
    seen_recruits: dict[int, int] = {}
    for row in rows:
        keys = _keys(row)
        if not keys and not row.errors:
            row.error("", "Enter the passport number and date of birth, or the CoS reference, so that this "
                          "recruit is recognised when the file is imported again.")  # fmt: skip
        repeats = [(key, seen[key]) for key in keys if key in seen]
        if repeats:
            key, first = repeats[0]
            row.error("", f"This is the same recruit as row {first} (same {_KEY_NAMES[key[0]]}). Keep one of the rows.")
            continue
        seen.update(dict.fromkeys(keys, row.number))
        matches = {existing[key].pk: existing[key] for key in keys if key in existing}
        if len(matches) > 1:
            row.error("", "The passport number and date of birth match one recruit and the CoS reference "
                          "another. Check both.")  # fmt: skip
        elif matches:
            row.match = next(iter(matches.values()))
            if row.match.pk in seen_recruits:
                row.error("", f"This is the same recruit as row {seen_recruits[row.match.pk]}. Keep one of the rows.")
            elif row.match.provider_id != provider.pk:
                row.error("", f"This recruit is already on record in the region, and not as employed by "
                              f"{provider.name}, so this import cannot change them. Ask your hub to check the "
                              f"record.")  # fmt: skip
            seen_recruits.setdefault(row.match.pk, row.number)


TRUSTED_FIELDS = ["region", "provider", "agency", "user"]


def _check(row: ImportRow, provider: Provider) -> None:
    """Validate the row as the services would save it, with the model's own validators."""
    recruit = copy.copy(row.match) if row.match else Recruit(region_id=provider.region_id, provider=provider)
    if row.match and "occupation_code" not in row.data and _has_default_code(row.match):
        row.data["occupation_code"] = ""  # a new job role brings its own default code
    if row.data.get("nmc_pin") and row.data.get("job_role", recruit.job_role) != JobRole.NURSE:
        row.error("nmc_pin", NMC_PIN_NURSES_ONLY)  # before `_apply`, which clears it for other jobs
    _apply(recruit, row.data, RECRUIT_FIELDS)
    try:
        # No query per row: the foreign keys come from the form and the region's agencies, and a
        # new row's public_id is a fresh UUID.
        recruit.full_clean(exclude=["flags", *TRUSTED_FIELDS, *row.failed], validate_unique=False)
    except ValidationError as error:
        for key, problems in error.error_dict.items():
            for problem in problems:
                row.error(key if key in HEADERS else "", _model_message(key, problem))
    row.checked = recruit
    if row.match:
        row.changed = any(_value(recruit, key) != _value(row.match, key) for key in RECRUIT_FIELDS)


def _has_default_code(recruit: Recruit) -> bool:
    return recruit.occupation_code == DEFAULT_OCCUPATION_CODE[JobRole(recruit.job_role)]


def _model_message(key: str, problem: ValidationError) -> str:
    """The model validator's message, reworded where Django's default does not say what to do."""
    params = problem.params or {}
    if problem.code == "max_length":
        return f"Use at most {params['limit_value']} characters; this has {params['show_value']}."
    if key == "email" and problem.code == "invalid":
        return "Enter an email address in the correct format, like name@example.org."
    return " ".join(problem.messages)


def _value(recruit: Recruit, key: str) -> object:
    return recruit.agency_id if key == "agency" else getattr(recruit, key)


# The service --------------------------------------------------------------------------------------


def recruits_import(*, actor: User, provider: Provider, upload: UploadedFile) -> ImportResult:
    """Import the recruits of `provider` from an uploaded CSV or .xlsx: every row or none."""
    try:
        header, records = read_table(upload)
        columns = columns_for(header)
    except FileProblem as problem:
        return ImportResult(problem=str(problem))
    agencies = {normalise(agency.name): agency for agency in Agency.objects.filter(region_id=provider.region_id)}
    rows = [parse_row(number, values, columns, agencies) for number, values in records]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, provider.region_id])
        _match(rows, provider)
        for row in rows:
            _check(row, provider)
        errors = [error for row in rows for error in row.errors]
        if errors:
            return ImportResult(errors=errors[:REPORTED_ERRORS], error_count=len(errors))
        return _write(rows, actor=actor, provider=provider)


def _write(rows: list[ImportRow], *, actor: User, provider: Provider) -> ImportResult:
    new = [row for row in rows if row.match is None]
    changed = [row for row in rows if row.match is not None and row.changed]
    recruits_register_many(
        actor=actor, provider=provider, rows=[(row.checked, row.start_date) for row in new if row.checked]
    )
    recruits_update_many(
        actor=actor, changes=[(row.match, row.checked) for row in changed if row.match and row.checked]
    )
    return ImportResult(created=len(new), updated=len(changed), unchanged=len(rows) - len(new) - len(changed))


def recruits_register_many(
    *, actor: User, provider: Provider, rows: list[tuple[Recruit, date | None]]
) -> list[Recruit]:
    """What `recruit_register` does for each row, in a few batched queries instead of ~14 per row.

    The recruits come checked from `_check` (normalised by the services' `_apply`, validated with
    `full_clean`); the flags come from `flags_for`, with the country lists of all rows read in one
    query. A start date on or before today makes the recruit employed, with the employment and the
    status change that `recruit_transition` would record.
    """
    today = date.today()
    lists = country_lists_on({recruit.nationality for recruit, _start in rows}, today)
    recruits = []
    for recruit, start_date in rows:
        recruit.flags = flags_for(recruit, on=today, lists=lists)
        if start_date is not None and start_date <= today:
            recruit.status = RecruitStatus.EMPLOYED
        recruits.append(recruit)
    Recruit.objects.bulk_create(recruits, batch_size=500)
    Employment.objects.bulk_create(
        [Employment(recruit=recruit, provider=provider, start_date=start) for recruit, start in rows if start],
        batch_size=500,
    )
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                recruit=recruit,
                from_status=RecruitStatus.ARRIVING,
                to_status=RecruitStatus.EMPLOYED,
                reason="Started work",
                actor=actor,
            )
            for recruit in recruits
            if recruit.status == RecruitStatus.EMPLOYED
        ],
        batch_size=500,
    )
    return recruits


def recruits_update_many(*, actor: User, changes: list[tuple[Recruit, Recruit]]) -> None:
    """What `recruit_update` does for each (recruit on record, checked copy with the new values) pair.

    One UPDATE per batch, of the fields that changed, instead of ~7 queries per row: 5,000 updates
    through `recruit_update` take longer than a web request may (gunicorn's 30 s timeout).
    """
    now = timezone.now()
    fields = {key for before, after in changes for key in RECRUIT_FIELDS if _value(before, key) != _value(after, key)}
    # As in `recruit_update`, the flags follow the lists of the day each record was created: one query for all days.
    days = {flags_date(after) for _before, after in changes}
    lists = country_lists_on_days({after.nationality for _before, after in changes}, days)
    for _before, after in changes:
        after.flags = flags_for(after, lists=lists[flags_date(after)])
        after.updated_at = now
    Recruit.objects.bulk_update(
        [after for _before, after in changes], [*sorted(fields), "flags", "updated_at"], batch_size=200
    )
