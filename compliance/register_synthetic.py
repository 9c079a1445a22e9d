"""Synthetic copies of the sponsor register for tests, the benchmark and the demo: invented
organisation names (never real sponsors) in either published layout, with chosen rows mixed in."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from compliance.models import RegisterLayout
from compliance.register import HEADERS

TOWNS = ["Leeds", "BIRMINGHAM", "Norwich ", "Manchester", "Bristol", "London", "Leicester", "Exeter", "Hereford"]
RATINGS = ["Worker (A rating)", "Worker (A (Premium))", "Worker (A (SME+))", "Temporary Worker (A rating)"]
ROUTES = [
    "Skilled Worker",
    "Global Business Mobility: Senior or Specialist Worker",
    "Charity Worker",
    "Seasonal Worker",
]

# (name, town, type & rating, route, licence number)
Row = tuple[str, str, str, str, str]


def synthetic_rows(count: int) -> Iterable[Row]:
    for n in range(count):
        yield (
            f"Synthetic Sponsor {n // 2:06d} Ltd",  # two rows per organisation, like the real file
            TOWNS[n // 2 % len(TOWNS)] if n // 2 % 3 else "",
            RATINGS[n % len(RATINGS)],
            ROUTES[(n // 2 + n % 2) % len(ROUTES)],
            f"SYN{n // 2:06d}",
        )


def write_register(path: Path, rows: Iterable[Row], *, layout: str = RegisterLayout.CLASSIC) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS[RegisterLayout(layout)])
        for name, town, rating, route, number in rows:
            if layout == RegisterLayout.CLASSIC:
                writer.writerow([name, town, "", rating, route])
            else:
                writer.writerow([number, name, rating, route, "Licensed and Fully Active"])
    return path
