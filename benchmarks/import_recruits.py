"""Benchmark: bulk import of recruits (target: a good file of 1,000 rows in under 10 s).

Creates a throwaway database (`portal_bench_import`, through Django's test database machinery),
seeds a region with existing recruits, imports generated files through `recruits_import` and
through the upload page, prints the figures and writes benchmarks/results/import_recruits.txt.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/import_recruits.py
"""

from __future__ import annotations

import csv
import io
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

import openpyxl  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.models import User  # noqa: E402
from hubs.models import Agency, Region  # noqa: E402
from hubs.roles import Role  # noqa: E402
from hubs.services import role_grant  # noqa: E402
from providers.models import Provider  # noqa: E402
from recruits import imports  # noqa: E402
from recruits.models import Recruit  # noqa: E402
from recruits.services import recruit_register, recruit_update  # noqa: E402

EXISTING_RECRUITS = 20_000  # about a region's share of a national 200,000
NATIONALITIES = ["PH", "IN", "NG", "ZW", "GH", "KE", "NP", "LK", "PK", "BD"]  # NG, ZW, GH, PK: red list
RESULTS = ROOT / "benchmarks" / "results" / "import_recruits.txt"


def rows(count: int, *, start: int = 0, phone: str = "07700 900123") -> list[list[object]]:
    out: list[list[object]] = []
    for n in range(start, start + count):
        agency = n % 5 == 0
        values = {
            "given_names": f"Bench {n}",
            "family_name": f"Recruit{n % 97}",
            "date_of_birth": (date(1980, 1, 1) + timedelta(days=n % 7000)).isoformat(),
            "nationality": NATIONALITIES[n % len(NATIONALITIES)],
            "passport_number": f"BP{n:08d}",
            "email": f"bench{n}@people.test",
            "phone": phone,
            "address": f"{n} High Street, Birmingham",
            "postcode": "B1 1AA",
            "job_role": ["Care worker", "Senior care worker", "Nurse"][n % 3],
            "occupation_code": "",
            "visa_route": "Health and Care Worker",
            "visa_expiry": "28/02/2029",
            "cos_reference": f"CB{n:09d}",
            "evisa_share_code": "W12AB34CD",
            "rtw_check_date": "2026-01-10",
            "dbs_status": "Clear",
            "recruitment_channel": "Agency on the hub's framework" if agency else "Direct application",
            "agency": "Bench Agency 1" if agency else "",
            "candidate_fees": "250" if n % 50 == 0 else "0",
            "start_date": "2026-02-01" if n % 2 else "",
        }
        out.append([values[column.key] for column in imports.COLUMNS])
    return out


def csv_bytes(data: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header for column in imports.COLUMNS])
    writer.writerows(data)
    return out.getvalue().encode()


def xlsx_bytes(data: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([column.header for column in imports.COLUMNS])
    for values in data:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def seed() -> tuple[Provider, User]:

    region = Region.objects.get(code="E12000005")
    provider = Provider.objects.create(region=region, name="Bench Care Ltd")
    others = Provider.objects.bulk_create(Provider(region=region, name=f"Other Care {n}") for n in range(50))
    Agency.objects.bulk_create(Agency(region=region, name=f"Bench Agency {n}") for n in range(30))
    Recruit.objects.bulk_create(
        (
            Recruit(
                region=region,
                provider=others[n % len(others)],
                given_names=f"Existing {n}",
                family_name="Worker",
                date_of_birth=date(1975, 1, 1) + timedelta(days=n % 9000),
                nationality=NATIONALITIES[n % len(NATIONALITIES)],
                passport_number=f"EX{n:08d}",
                cos_reference=f"CE{n:09d}",
            )
            for n in range(EXISTING_RECRUITS)
        ),
        batch_size=2000,
    )
    actor = User.objects.create_user("bench.admin@portal.test", name="Bench Admin")
    role_grant(user=actor, role=Role.PROVIDER_ADMIN, scope_object=provider)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return provider, actor


def timed(label: str, run: Callable[[], object], lines: list[str]) -> object:
    queries = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        outcome = run()
        seconds = time.perf_counter() - started
    summary = ""
    if hasattr(outcome, "created"):
        summary = (
            f"created {outcome.created}, updated {outcome.updated}, unchanged {outcome.unchanged}, "  # type: ignore[attr-defined]
            f"errors {outcome.error_count}"  # type: ignore[attr-defined]
        )
    line = f"{label:<58} {seconds:7.2f} s  {len(queries):6d} queries  {summary}"
    print(line, flush=True)
    lines.append(line)
    return outcome


def main() -> None:
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "portal_bench_import"
    setup_test_environment()
    print("Creating and migrating the throwaway database portal_bench_import…", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        provider, actor = seed()
        version = connection.cursor().connection.info.server_version
        lines = [
            f"Recruit import benchmark, {date.today():%d %B %Y}",
            f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"PostgreSQL {version // 10000}.{version % 10000}; load average at the start "
            f"{os.getloadavg()[0]:.1f} (other test suites were running on the same machine)",
            f"Region seeded with {EXISTING_RECRUITS:,} existing recruits at 50 other providers, 30 agencies.",
            "Rows: varied nationalities (some red list), 1 in 5 through an agency, half with a start date.",
            "",
        ]

        def run(content: bytes, name: str = "recruits.csv") -> Callable[[], object]:
            return lambda: imports.recruits_import(
                actor=actor, provider=provider, upload=SimpleUploadedFile(name, content)
            )

        def per_row_services() -> object:
            """The first version: recruit_register for each row (rolled back afterwards)."""
            header, records = imports.read_table(SimpleUploadedFile("r.csv", csv_bytes(rows(1000, start=9000))))
            columns = imports.columns_for(header)
            parsed = [imports._parse(number, values, columns, {}) for number, values in records]
            with transaction.atomic():
                for row in parsed:
                    recruit_register(actor=actor, provider=provider, data=row.data, start_date=row.start_date)
                transaction.set_rollback(True)
            return None

        timed("reference: recruit_register for each of 1,000 rows", per_row_services, lines)
        first = csv_bytes(rows(1000))
        timed("CSV, 1,000 new rows", run(first), lines)
        timed("same CSV again, 1,000 unchanged rows", run(first), lines)
        timed("CSV, 1,000 changed rows (phone)", run(csv_bytes(rows(1000, phone="07700 900999"))), lines)

        def per_row_updates() -> object:
            """recruit_update for each of the 1,000 recruits just imported (rolled back afterwards)."""
            with transaction.atomic():
                for recruit in Recruit.objects.filter(provider=provider).select_related("agency")[:1000]:
                    recruit_update(actor=actor, recruit=recruit, data={"phone": "07700 900111"})
                transaction.set_rollback(True)
            return None

        timed("reference: recruit_update for each of 1,000 rows", per_row_updates, lines)
        timed("XLSX, 1,000 new rows", run(xlsx_bytes(rows(1000, start=1000)), "recruits.xlsx"), lines)
        bad = [[*values[:2], "31/02/1990", *values[3:]] for values in rows(1000, start=2000)]
        timed("CSV, 1,000 rows all with an error (nothing written)", run(csv_bytes(bad)), lines)
        timed("CSV, 5,000 new rows (the most a file may hold)", run(csv_bytes(rows(5000, start=3000))), lines)
        changed = csv_bytes(rows(5000, start=3000, phone="07700 900999"))
        timed("CSV, 5,000 changed rows (phone)", run(changed), lines)

        client = Client()
        client.force_login(actor)
        content = csv_bytes(rows(1000, start=8000))

        def post() -> object:
            upload = SimpleUploadedFile("recruits.csv", content)
            response = client.post("/recruits/import/", {"provider": str(provider.public_id), "file": upload})
            assert response.status_code == 302, response.status_code
            return response

        timed("upload page: POST of a 1,000-row CSV (whole request)", post, lines)
        lines += [
            "",
            f"Recruits in the database at the end: {Recruit.objects.count():,}; "
            f"load average at the end {os.getloadavg()[0]:.1f}",
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
