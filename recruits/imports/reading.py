"""Reading an uploaded file: CSV or .xlsx by its content, UTF-8 only, within the size and row limits."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import zipfile
from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

RECRUIT_IMPORT_MAX_BYTES = 5 * 1024 * 1024
RECRUIT_IMPORT_MAX_ROWS = 5_000
# Bounds on what a file may contain, counted while it is read (see read_table): the template
# has 22 columns, and a file of 5,000 recruits fills at most 110,000 cells.
TEMPLATE_COLUMNS = 22  # len(columns.COLUMNS), checked by a test
RECRUIT_IMPORT_MAX_COLUMNS = 60
RECRUIT_IMPORT_MAX_CELLS = 200_000
RECRUIT_IMPORT_MAX_SCANNED_ROWS = 50_000
# An .xlsx is a ZIP: refuse one that unpacks to something absurd (a "zip bomb").
XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024

SAVE_AS_UTF8 = (
    "Save the file as CSV UTF-8 and upload it again: in Excel choose File, Save As, and the type "
    "“CSV UTF-8 (Comma delimited) (*.csv)”."
)
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    ParseError,
    LookupError,
    ValueError,
    TypeError,
    AttributeError,
    OSError,
)
NOT_A_SPREADSHEET = (
    "The file is neither a CSV file nor an Excel workbook. Download the template, fill it in, and "
    "save it as .xlsx or as CSV UTF-8."
)

DAMAGED_WORKBOOK = "The Excel workbook cannot be read; it may be damaged. " + NOT_A_SPREADSHEET

# The cells of one row: strings from a CSV; strings, numbers, dates or None from a workbook.
Cells = list[Any]
# Rows as they are read, each with its spreadsheet row number (the header is row 1).
Rows = Generator[tuple[int, Cells]]


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says what to do."""


def max_bytes() -> int:
    return int(getattr(settings, "RECRUIT_IMPORT_MAX_BYTES", RECRUIT_IMPORT_MAX_BYTES))


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def cell_text(value: object) -> str:
    """A CSV or workbook cell as the text a user sees: no '.0' on whole numbers, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_table(upload: UploadedFile) -> tuple[Cells, list[tuple[int, Cells]]]:
    """The header row and the non-blank rows below it, each with its spreadsheet row number.

    Rows are streamed, never held whole, and the work is bounded by what the file really
    contains: rows (blank ones too), the rightmost filled column and filled cells are counted
    as they arrive, and the file is refused as soon as one passes its limit.
    """
    size = upload.size or 0
    if size > max_bytes():
        raise FileProblem(
            f"The file is {size_text(size)}; the largest file you can import is {size_text(max_bytes())}. "
            "Split it into smaller files."
        )
    upload.seek(0)
    data = upload.read()
    if not data.strip():
        raise FileProblem("The file is empty. Download the template and fill in one row per recruit.")
    rows = _xlsx_rows(data) if _is_xlsx(upload.name or "", data) else _csv_rows(data)
    with contextlib.closing(rows):
        header, records = _collect(rows)
    if not any(cell_text(cell) for cell in header):
        raise FileProblem("The first row must be the column headings of the template.")
    if not records:
        raise FileProblem("The file has the column headings but no recruits below them. Add one row per recruit.")
    return header, records


def _collect(rows: Iterator[tuple[int, Cells]]) -> tuple[Cells, list[tuple[int, Cells]]]:
    header: Cells = []
    records: list[tuple[int, Cells]] = []
    cells = 0
    for scanned, (number, values) in enumerate(rows, start=1):
        if scanned > RECRUIT_IMPORT_MAX_SCANNED_ROWS:
            raise FileProblem(
                f"The file has more than {RECRUIT_IMPORT_MAX_SCANNED_ROWS:,} rows, counting empty ones. Delete the "
                "empty rows below your recruits (or copy the recruits into the template) and import again."
            )
        values = _trimmed(number, values)
        if not values:
            continue
        cells += sum(1 for value in values if value is not None and value != "")
        if cells > RECRUIT_IMPORT_MAX_CELLS:
            raise FileProblem(
                f"The file has more than {RECRUIT_IMPORT_MAX_CELLS:,} filled cells. Split it into smaller files and "
                "import them one after the other."
            )
        if number == 1:
            header = values
        elif len(records) == RECRUIT_IMPORT_MAX_ROWS:
            raise FileProblem(
                f"The file has more than {RECRUIT_IMPORT_MAX_ROWS:,} recruits. Split it into files of at most "
                f"{RECRUIT_IMPORT_MAX_ROWS:,} rows and import them one after the other."
            )
        else:
            records.append((number, values))
    return header, records


def _trimmed(number: int, values: Cells) -> Cells:
    """The row up to its last filled cell (nothing if it is blank), refused past the column limit."""
    last = len(values)
    while last and not cell_text(values[last - 1]):
        last -= 1
    if last > RECRUIT_IMPORT_MAX_COLUMNS:
        raise _too_wide(number, last)
    return values[:last] if last < len(values) else values


def _too_wide(number: int, column: int) -> FileProblem:
    return FileProblem(
        f"Row {number} has a value in column {get_column_letter(column)}, but the file can have at most "
        f"{RECRUIT_IMPORT_MAX_COLUMNS} columns (the template has {TEMPLATE_COLUMNS}). Delete the columns "
        "to the right of the template's and import again."
    )


def _is_xlsx(name: str, data: bytes) -> bool:
    extension = Path(name).suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem("This is an older Excel file (.xls). Save it as an Excel Workbook (.xlsx) or CSV UTF-8.")
    if extension not in {".csv", ".xlsx"}:
        raise FileProblem("Upload a .csv or .xlsx file. " + NOT_A_SPREADSHEET)
    if data.startswith(b"PK\x03\x04"):
        return True  # the content decides: a workbook renamed .csv is still read as a workbook
    if extension == ".xlsx":
        raise FileProblem("The file is called .xlsx but is not an Excel workbook. " + NOT_A_SPREADSHEET)
    return False


def _csv_rows(data: bytes) -> Rows:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem("The file is saved as UTF-16 (“Unicode Text”). " + SAVE_AS_UTF8)
    if re.search(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]", data[:65536]):
        raise FileProblem(NOT_A_SPREADSHEET)
    nul = data.find(b"\x00")
    if nul >= 0:  # a NUL past the first 64 KiB: a damaged file, and PostgreSQL cannot store one
        line = data[:nul].count(b"\n") + 1
        raise FileProblem(
            f"Line {line} of the file contains a NUL character, which a CSV file never has: the file may be "
            f"damaged. Open it in your spreadsheet program, check line {line}, and save it again. {SAVE_AS_UTF8}"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(
            f"The file is not in UTF-8, the character encoding the portal reads (the first character it "
            f"cannot read is on line {line}). {SAVE_AS_UTF8}"
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)  # Excel uses ';' in some locales
    return _csv_records(text, delimiter)


def _csv_records(text: str, delimiter: str) -> Rows:
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
    except csv.Error as error:
        if "field limit" in str(error):
            raise FileProblem(
                f"A cell of the file is longer than {csv.field_size_limit():,} characters, so the file is not a "
                "list of recruits (a quotation mark left open makes the rest of the file one cell). Check the "
                "quotation marks, or download the template and fill it in."
            ) from None
        raise FileProblem(f"The CSV file cannot be read ({error}). {SAVE_AS_UTF8}") from None


def _xlsx_rows(data: bytes) -> Rows:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise FileProblem(NOT_A_SPREADSHEET)
            if sum(info.file_size for info in archive.infolist()) > XLSX_MAX_UNPACKED_BYTES:
                raise FileProblem("The workbook is too large once unpacked. Split it into smaller files.")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _WORKBOOK_ERRORS:
        raise FileProblem(DAMAGED_WORKBOOK) from None
    try:
        sheet = workbook["Recruits"] if "Recruits" in workbook.sheetnames else workbook.worksheets[0]
        yield from _sheet_rows(workbook, sheet)
    except _WORKBOOK_ERRORS:
        raise FileProblem(DAMAGED_WORKBOOK) from None
    finally:
        workbook.close()


def _sheet_rows(workbook: Any, sheet: Any) -> Rows:
    """The rows of a sheet as stored: only the cells present, never padded to the sheet's width.

    openpyxl's read-only rows pad every row to the widest one (a single cell in column XFD makes
    each row 16,384 values), and to the used range the file claims. This reads the sheet's XML
    with the parser those rows are built on (openpyxl's own, as ReadOnlyWorksheet._cells_by_row
    does) and places each filled cell itself, after checking its column against the limit.
    """
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            workbook.shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            filled = [(cell["column"], cell["value"]) for cell in cells if cell["value"] is not None]
            width = max((column for column, _ in filled), default=0)
            if width > RECRUIT_IMPORT_MAX_COLUMNS:
                raise _too_wide(number, width)
            values: Cells = [None] * width
            for column, value in filled:
                values[column - 1] = value
            yield number, values
