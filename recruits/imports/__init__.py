"""Bulk import of recruits from a CSV or Excel file: read it, check every row, then write all or nothing.

- `reading`: the file's type (by its content), CSV and .xlsx reading, the encoding, size and row limits;
- `columns`: the template's columns, headers matched to columns, cells parsed into model values;
- `service`: matching rows to recruits on record, the model's checks, and the all-or-nothing write;
- `templates`: the CSV and .xlsx templates to download.
"""

from recruits.imports.columns import COLUMNS, Column, RowError, columns_for, parse_row
from recruits.imports.reading import (
    RECRUIT_IMPORT_MAX_BYTES,
    RECRUIT_IMPORT_MAX_ROWS,
    FileProblem,
    max_bytes,
    read_table,
    size_text,
)
from recruits.imports.service import (
    REPORTED_ERRORS,
    ImportResult,
    recruits_import,
    recruits_register_many,
    recruits_update_many,
)
from recruits.imports.templates import IMPORT_RULES, template_csv, template_xlsx

_parse = parse_row  # the name benchmarks/import_recruits.py calls it by

__all__ = [
    "COLUMNS",
    "IMPORT_RULES",
    "RECRUIT_IMPORT_MAX_BYTES",
    "RECRUIT_IMPORT_MAX_ROWS",
    "REPORTED_ERRORS",
    "Column",
    "FileProblem",
    "ImportResult",
    "RowError",
    "columns_for",
    "max_bytes",
    "parse_row",
    "read_table",
    "recruits_import",
    "recruits_register_many",
    "recruits_update_many",
    "size_text",
    "template_csv",
    "template_xlsx",
]
