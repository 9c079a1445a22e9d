"""The templates to download: a CSV with the headings and an example row, and a workbook that explains each column."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date

import openpyxl
from openpyxl.styles import Alignment, Font

from recruits.imports.columns import COLUMNS, Column
from recruits.imports.reading import RECRUIT_IMPORT_MAX_BYTES, RECRUIT_IMPORT_MAX_ROWS, size_text


def template_csv() -> bytes:
    """The header and one example row; with a byte order mark so that Excel opens it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    return codecs.BOM_UTF8 + out.getvalue().encode()


def template_xlsx() -> bytes:
    """A 'Recruits' sheet with the header and an example row, and a 'Columns' sheet explaining each column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Recruits"
    sheet.append([column.header for column in COLUMNS])
    sheet.append([_example_cell(column) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 4)
    for cell in sheet[2]:
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(cell.value, str):
            cell.number_format = "@"  # text, so that Excel keeps leading zeros of phone numbers
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("Columns")
    notes.append(["Column", "Must be filled in", "What to enter", "Allowed values", "Example"])
    for column in COLUMNS:
        needed = "Yes" if column.required else ("Optional column" if column.may_be_left_out else "No")
        notes.append([column.header, needed, column.help, "\n".join(column.allowed), column.example])
    notes.append([])
    for line in IMPORT_RULES:
        notes.append([line])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (30, 18, 70, 32, 26), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _example_cell(column: Column) -> object:
    if column.kind in {"date", "past_date"} and column.example:
        return date.fromisoformat(column.example)
    return column.example


IMPORT_RULES = [
    "Keep the headings in row 1 and put one recruit on each row below them. Columns may be in any order.",
    "Dates: YYYY-MM-DD or DD/MM/YYYY.",
    "Each row needs the passport number and date of birth, or the CoS reference: a row that matches a "
    "recruit already on record updates that recruit instead of adding a second one.",
    "On an update, a blank cell leaves the recruit's value as it is.",
    f"At most {RECRUIT_IMPORT_MAX_ROWS:,} rows and {size_text(RECRUIT_IMPORT_MAX_BYTES)} per file. "
    "If any row has a problem, nothing is imported: fix the rows listed and upload the whole file again.",
]
