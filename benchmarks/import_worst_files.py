"""Benchmark: the recruit import against the worst files an outsider can send (issue 24).

Builds each file in memory, reads it as the import page does (`read_table`, then the header
match `columns_for`), and prints the time, the peak memory Python allocated, and what the page
would say. No database is needed. Target: every file answered in well under a second, with
memory bounded by the file's content, not by the size it claims; the largest legitimate file
(5,000 recruits) still imports.

    .venv/bin/python benchmarks/import_worst_files.py   # writes benchmarks/results/import_worst_files.txt
"""

from __future__ import annotations

import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

import openpyxl  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from recruits.imports.columns import columns_for  # noqa: E402
from recruits.imports.reading import FileProblem, read_table  # noqa: E402
from tests.recruits.import_files import HEADER, cells_in_column, million_empty_rows, xlsx_bytes  # noqa: E402

ROW = [
    "Maria",
    "Santos",
    "1990-03-25",
    "PH",
    "P1234567A",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
]


def csv_bytes(rows: list[list[str]]) -> bytes:
    return "\r\n".join(",".join(row) for row in rows).encode() + b"\r\n"


def wide_csv_header() -> bytes:
    return csv_bytes([[""] * 8_000 + ["Given names"] * 8_000, ROW])


def csv_of_blank_lines() -> bytes:
    return csv_bytes([HEADER]) + b"\r\n" * ((5 * 1024 * 1024 - 1024) // 2)


CASES: list[tuple[str, Callable[[], tuple[str, bytes]]]] = [
    ("CSV header: 8,000 blanks + 8,000 repeated names", lambda: ("wide.csv", wide_csv_header())),
    ("CSV header: 60 repeated names (widest allowed)", lambda: ("dup.csv", csv_bytes([(HEADER * 3)[:60], ROW]))),
    ("CSV: 5,000 rows of 60 filled cells", lambda: ("full.csv", csv_bytes([HEADER] + [["x"] * 60] * 5_000))),
    ("CSV: header + 5 MB of blank lines", lambda: ("blank.csv", csv_of_blank_lines())),
    ("XLSX: header + 1,000,000 empty <row/>", lambda: ("rows.xlsx", million_empty_rows())),
    ("XLSX: 1,500 rows with one cell in column XFD", lambda: ("xfd.xlsx", cells_in_column(1_500, "XFD"))),
    ("XLSX: 5,000 rows with one cell in column BH (60th)", lambda: ("bh.xlsx", cells_in_column(5_000, "BH"))),
    ("CSV: 5,000 recruits (largest legitimate)", lambda: ("good.csv", csv_bytes([HEADER] + [ROW] * 5_000))),
    ("XLSX: 5,000 recruits (largest legitimate)", lambda: ("good.xlsx", xlsx_bytes([HEADER] + [ROW] * 5_000))),
]


def read(name: str, data: bytes) -> str:
    try:
        header, records = read_table(SimpleUploadedFile(name, data))
        columns_for(header)
    except FileProblem as problem:
        return "refused: " + str(problem)[:110]
    return f"read: {len(records):,} rows"


def measure(name: str, data: bytes) -> tuple[float, float, str]:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        outcome = read(name, data)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    read(name, data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return min(times), peak / 1024 / 1024, outcome


def header_match_alone() -> str:
    """columns_for on its own (the reader refuses such a header first): linear in the width."""
    header = [""] * 8_000 + ["Given names"] * 8_000
    start = time.perf_counter()
    try:
        columns_for(header)
    except FileProblem as problem:
        outcome = "refused: " + str(problem)[:110]
    label = "Header match alone: 8,000 blanks + 8,000 names"
    return f"{label:52} {'-':>9} {time.perf_counter() - start:>7.3f}s {'-':>9}  {outcome}"


def main() -> None:
    lines = [
        "Recruit import: worst files (benchmarks/import_worst_files.py)",
        f"Python {platform.python_version()}, openpyxl {openpyxl.__version__}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs; best of 3 runs; peak = memory Python allocated while reading (tracemalloc)",
        "",
        f"{'file':52} {'size':>9} {'time':>8} {'peak':>9}  outcome",
    ]
    for label, build in CASES:
        name, data = build()
        seconds, peak, outcome = measure(name, data)
        lines.append(f"{label:52} {len(data) / 1024:>7.0f}KB {seconds:>7.3f}s {peak:>7.1f}MB  {outcome}")
        print(lines[-1], flush=True)
    lines.append(header_match_alone())
    print(lines[-1])
    result = ROOT / "benchmarks" / "results" / "import_worst_files.txt"
    result.write_text("\n".join(lines) + "\n")
    print(f"\nWritten to {result.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
