"""The template's columns, and what one row's cells mean: headers matched to columns, cells parsed into model values."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import pycountry
from django.db.models import TextChoices

from hubs.models import Agency
from recruits.imports.reading import Cells, FileProblem, cell_text
from recruits.models import DBSStatus, JobRole, Recruit, RecruitmentChannel, VisaRoute


@dataclass(frozen=True)
class Column:
    key: str  # a Recruit field, or "start_date"
    header: str
    kind: str  # text, code, date, past_date, choice, country, money, agency
    help: str
    example: str = ""
    required: bool = False  # the cell must be filled in
    may_be_left_out: bool = False  # the whole column may be missing from the file
    choices: type[TextChoices] | None = None
    aliases: tuple[str, ...] = ()

    @property
    def allowed(self) -> list[str]:
        return [str(label) for label in self.choices.labels] if self.choices else []


COLUMNS = [
    Column("given_names", "Given names", "text", "As written in the passport.", "Maria Luisa", required=True,
           aliases=("first names", "first name", "forenames")),
    Column("family_name", "Family name", "text", "As written in the passport.", "Santos", required=True,
           aliases=("surname", "last name")),
    Column("date_of_birth", "Date of birth", "past_date", "YYYY-MM-DD or DD/MM/YYYY.", "1990-03-25", aliases=("dob",)),
    Column("nationality", "Nationality", "country",
           "Two-letter ISO 3166 code (PH) or the country's name in English (Philippines).", "PH"),
    Column("passport_number", "Passport number", "code", "Spaces are removed.", "P1234567A"),
    Column("email", "Email", "text", "The recruit's own email address.", "maria.santos@example.com",
           aliases=("email address",)),
    Column("phone", "Phone", "text", "Up to 30 characters.", "07700 900123", aliases=("phone number", "mobile")),
    Column("address", "UK address", "text", "Where the recruit lives in the UK.", "1 High Street, Birmingham",
           aliases=("address",)),
    Column("postcode", "Postcode", "text", "The UK postcode.", "B1 1AA"),
    Column("job_role", "Job role", "choice", "Blank means care worker.", "Care worker", choices=JobRole),
    Column("occupation_code", "Occupation code", "code",
           "The 4-digit SOC code on the CoS. Blank: 6135 for care workers, 6136 for senior care workers, "
           "2231 for nurses.", "6135", may_be_left_out=True, aliases=("soc code",)),
    Column("nmc_pin", "NMC PIN", "code",
           "Nurses only: the PIN on the NMC register, 2 digits, a letter, 4 digits and a letter (12A3456E).",
           may_be_left_out=True, aliases=("nmc pin number", "nmc number")),
    Column("visa_route", "Visa route", "choice", "Blank means Health and Care Worker.", "Health and Care Worker",
           choices=VisaRoute, aliases=("visa",)),
    Column("visa_expiry", "Visa expiry", "date", "YYYY-MM-DD or DD/MM/YYYY.", "2028-03-31",
           aliases=("visa expiry date",)),
    Column("cos_reference", "CoS reference", "code", "The certificate of sponsorship number.", "C2G8H6J4K1L",
           aliases=("cos", "cos number", "certificate of sponsorship")),
    Column("evisa_share_code", "eVisa share code", "code", "9 characters starting with W.", "W12AB34CD",
           aliases=("share code",)),
    Column("rtw_check_date", "Right-to-work check date", "date", "When you checked the right to work.", "2026-01-10",
           aliases=("right to work check", "rtw check date")),
    Column("dbs_status", "DBS status", "choice", "The enhanced DBS check. Blank means not started.", "Clear",
           choices=DBSStatus, aliases=("dbs", "enhanced dbs")),
    Column("recruitment_channel", "Recruitment channel", "choice", "How the recruit was found. Blank means direct.",
           "Direct application", choices=RecruitmentChannel, aliases=("channel",)),
    Column("agency", "Agency", "agency",
           "The agency's name. A name on your hub's agency list links to it; any other name is kept as "
           "written and flagged as not on the framework.", aliases=("agency name",)),
    Column("candidate_fees", "Fees charged to the candidate", "money",
           "In pounds, for example 0 or 1250.00. Candidates must never be charged for finding work.", "0",
           aliases=("candidate fees", "fees")),
    Column("start_date", "Start date", "date",
           "The first day of work, for new records only. With a date the recruit is recorded as employed "
           "from that day; leave it blank while they are still arriving.", "2026-01-12", may_be_left_out=True,
           aliases=("employment start date",)),
]  # fmt: skip

# Extra spellings accepted for choices, beyond each value's label and code.
CHOICE_ALIASES = {
    "health and care": VisaRoute.HEALTH_AND_CARE,
    "health and care visa": VisaRoute.HEALTH_AND_CARE,
    "applied": DBSStatus.APPLIED,
    "approved agency": RecruitmentChannel.APPROVED_AGENCY,
    "framework agency": RecruitmentChannel.APPROVED_AGENCY,
    "direct": RecruitmentChannel.DIRECT,
    "in country": RecruitmentChannel.IN_COUNTRY,
    "senior carer": JobRole.SENIOR_CARE_WORKER,
    "carer": JobRole.CARE_WORKER,
}
# Everyday English names that ISO 3166 spells otherwise.
COUNTRY_ALIASES = {
    "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "turkey": "TR", "russia": "RU", "ivory coast": "CI", "dr congo": "CD", "drc": "CD",
    "democratic republic of the congo": "CD", "democratic republic of congo": "CD", "swaziland": "SZ",
    "cape verde": "CV", "burma": "MM", "palestine": "PS", "macedonia": "MK", "micronesia": "FM",
    "brunei": "BN", "north korea": "KP", "vatican": "VA", "usa": "US", "america": "US",
}  # fmt: skip


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it: the header is row 1
    column: str  # the column's header, or "" for the row as a whole
    message: str
    value: str = ""


class CellError(Exception):
    pass


@dataclass
class ImportRow:
    """One row of the file: its cells as parsed, then what `recruits_import` learns about it."""

    number: int
    data: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    start_date: date | None = None
    errors: list[RowError] = field(default_factory=list)
    match: Recruit | None = None  # the recruit on record that the row updates
    checked: Recruit | None = None  # the record as the row would leave it
    changed: bool = True
    failed: set[str] = field(default_factory=set)  # the fields already reported

    def error(self, key: str, message: str) -> None:
        self.failed.add(key)
        self.errors.append(RowError(self.number, HEADERS.get(key, ""), message, self.raw.get(key, "")[:100]))


HEADERS = {column.key: column.header for column in COLUMNS}


# Reading the headers ------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, no accents, '&' as 'and', punctuation as spaces: how headers and values are compared."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    normalised = " ".join(re.sub(r"[^a-z0-9]+", " ", folded.replace("&", " and ")).split())
    return normalised or " ".join(text.casefold().split())  # a name in another script stays itself


@cache
def _header_lookup() -> dict[str, Column]:
    return {normalise(name): column for column in COLUMNS for name in (column.header, column.key, *column.aliases)}


def columns_for(header: Cells) -> list[Column | None]:
    """Which column each position of the header holds; a problem names the missing and unknown ones.

    One pass with a set of the columns seen, so the time grows with the header's width, not its square.
    """
    lookup = _header_lookup()
    found: list[Column | None] = []
    seen: set[str] = set()
    unknown: list[str] = []
    repeated: list[str] = []
    for cell in header:
        name = cell_text(cell)
        known = lookup.get(re.sub(r"\s*optional$", "", normalise(name)))
        if name and known is None:
            unknown.append(f"“{name}”")
        elif known is not None and known.key in seen:
            repeated.append(f"“{name}”")
        if known is not None:
            seen.add(known.key)
        found.append(known)
    missing = [f"“{c.header}”" for c in COLUMNS if c.key not in seen and not c.may_be_left_out]
    problems = [
        f"{label}: {_listed(names)}."
        for label, names in (
            ("Missing columns", missing),
            ("Columns not recognised", unknown),
            ("Columns given twice", repeated),
        )
        if names
    ]
    if problems:
        raise FileProblem(
            "The column headings do not match the template. " + " ".join(problems) + " Use the headings of the "
            "template, in any order; the list of columns is on this page."
        )
    return found


def _listed(names: list[str], most: int = 10) -> str:
    """The first few names, and how many more: a page that names 8,000 headings helps nobody."""
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown} and {len(names) - most:,} more"


# Reading the cells --------------------------------------------------------------------------------


@cache
def _choice_lookup(choices: type[TextChoices]) -> dict[str, str]:
    lookup = {normalise(alias): str(value) for alias, value in CHOICE_ALIASES.items() if value in choices}
    for value, label in choices.choices:
        lookup[normalise(str(label))] = lookup[normalise(value)] = value
    return lookup


@cache
def _country_lookup() -> dict[str, str]:
    lookup = dict(COUNTRY_ALIASES)
    for country in pycountry.countries:
        for name in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            if hasattr(country, name):
                lookup[normalise(getattr(country, name))] = country.alpha_2
    return lookup


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _UK_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise CellError("Enter the date as YYYY-MM-DD or DD/MM/YYYY, for example 1990-03-25 or 25/03/1990.")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise CellError("This date does not exist: check the day and the month.") from None


def _cell(column: Column, value: object, agencies: dict[str, Agency]) -> dict[str, Any]:
    """The model values one cell gives; raises CellError with what to fix."""
    text = cell_text(value)
    match column.kind:
        case "date":
            return {column.key: _date(value)}
        case "past_date":
            parsed = _date(value)
            if parsed >= date.today():
                raise CellError("The date of birth must be in the past.")
            return {column.key: parsed}
        case "code":
            return {column.key: re.sub(r"\s+", "", text).upper()}
        case "choice":
            assert column.choices is not None
            choice = _choice_lookup(column.choices).get(normalise(text))
            if choice is None:
                raise CellError("Use one of: " + ", ".join(f"“{label}”" for label in column.allowed) + ".")
            return {column.key: choice}
        case "country":
            code = _country_lookup().get(normalise(text))
            if code is None:
                raise CellError(
                    "Enter a two-letter ISO 3166 country code (for example PH) or the country's name in "
                    "English (for example Philippines)."
                )
            return {column.key: code}
        case "money":
            try:
                amount = Decimal(re.sub(r"[£,\s]", "", text))
            except InvalidOperation:
                raise CellError("Enter the amount in pounds, for example 0 or 1250.00.") from None
            if not amount.is_finite() or amount < 0:
                raise CellError("Enter the amount in pounds, 0 or more, for example 1250.00.")
            return {column.key: amount}
        case "agency":
            agency = agencies.get(normalise(text))
            return {"agency": agency, "agency_name_other": "" if agency else text}
    return {column.key: text}


def parse_row(number: int, values: Cells, columns: list[Column | None], agencies: dict[str, Agency]) -> ImportRow:
    row = ImportRow(number)
    for column, value in zip(columns, values, strict=False):
        if column is None:
            continue
        row.raw[column.key] = cell_text(value)
        if not row.raw[column.key]:
            if column.required:
                row.error(column.key, f"Enter the {column.header.lower()}.")
            continue
        try:
            row.data.update(_cell(column, value, agencies))
        except CellError as error:
            row.error(column.key, str(error))
    for column in COLUMNS:
        if column.required and column.key not in row.raw:
            row.error(column.key, f"Enter the {column.header.lower()}.")  # a short row: the cell is missing
    row.start_date = row.data.pop("start_date", None)
    return row
