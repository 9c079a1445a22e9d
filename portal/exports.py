"""Every CSV the portal sends goes through here: cells that a spreadsheet would run as a formula are
neutralised, and the response is an attachment no cache keeps, under a safe file name.

OWASP's CSV-injection guidance: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
is read as a formula by Excel, LibreOffice and Google Sheets. Such a text cell is written with a
leading apostrophe, which the spreadsheet shows as plain text. Numbers are written as they are
(a negative number is a number, not a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from portal.files import attachment_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should read it: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """The rows as a CSV attachment: no-store, nosniff, and a file name that is safe in the header."""
    return file_response(csv_text(header, rows).encode(), filename=filename, content_type="text/csv; charset=utf-8")


def file_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A generated download (CSV, XLSX): an attachment no cache keeps, under a safe file name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
