"""Spreadsheets built by hand to test the recruit import's bounds: shared by the import tests
and `benchmarks/import_worst_files.py`, so both measure the same files."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

import openpyxl
from openpyxl.utils import get_column_letter

from recruits.imports.columns import HEADERS

HEADER = list(HEADERS.values())


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook as openpyxl writes it, one sheet holding `rows`."""
    workbook = openpyxl.Workbook()
    for values in rows:
        workbook.active.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet_data(workbook: bytes, sheet_data: str) -> bytes:
    """The workbook with its first sheet's <sheetData> replaced by hand-written XML (what no program writes)."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>", sheet_data.encode(), data, flags=re.S)
            target.writestr(info.filename, data)
    return out.getvalue()


def header_row_xml() -> str:
    """Row 1 holding the template's headings, as inline strings."""
    cells = "".join(
        f'<c r="{get_column_letter(n)}1" t="inlineStr"><is><t>{header}</t></is></c>'
        for n, header in enumerate(HEADER, start=1)
    )
    return f'<row r="1">{cells}</row>'


def sheet_of(rows_xml: str) -> bytes:
    """A workbook whose sheet is the template's heading row followed by `rows_xml`."""
    return with_sheet_data(xlsx_bytes([]), f"<sheetData>{header_row_xml()}{rows_xml}</sheetData>")


def million_empty_rows() -> bytes:
    return sheet_of("<row/>" * 1_000_000)


def cells_in_column(rows: int, column: str) -> bytes:
    """`rows` rows from row 2, each with a single cell in `column`."""
    return sheet_of("".join(f'<row r="{n}"><c r="{column}{n}"><v>1</v></c></row>' for n in range(2, rows + 2)))
