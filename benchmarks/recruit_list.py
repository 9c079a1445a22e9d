"""Benchmark: the recruit list for a regional lead at national scale (keyset pagination).

Creates a throwaway database (`portal_bench_recruit_list`, through Django's test database
machinery, so it never meets pytest's `test_<name>`), seeds
RECRUITS recruits spread over the 9 regions (the lead's region holds about a ninth), then
requests the list page as the lead: the first page, 30 pages deep by following "Next", and a
few filters. Prints time and query count per request and writes
benchmarks/results/recruit_list.txt.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/recruit_list.py [RECRUITS]
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from hubs.models import Region  # noqa: E402
from hubs.roles import Role  # noqa: E402
from providers.models import Provider  # noqa: E402
from recruits.models import Recruit, RecruitStatus  # noqa: E402
from tests.factories import user_with_role  # noqa: E402

RECRUITS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
RESULTS = ROOT / "benchmarks" / "results" / "recruit_list.txt"
STATUSES = [s.value for s in RecruitStatus]
NATIONALITIES = ["IN", "PH", "NG", "ZW", "GH", "KE", "NP", "LK", "ZA", "BD"]
NAMES = ["Okafor", "Mensah", "Banda", "Moyo", "Sharma", "Dlamini", "Boateng", "Phiri", "Nair", "Asante"]


def seed() -> Region:
    regions = list(Region.objects.order_by("code"))
    providers = []
    for region in regions:
        council = region.local_authorities.first()
        for n in range(40):
            providers.append(Provider(region=region, local_authority=council, name=f"{region.name} provider {n}"))
    Provider.objects.bulk_create(providers, batch_size=1000)
    providers = list(Provider.objects.all())
    today = date.today()
    batch: list[Recruit] = []
    for n in range(RECRUITS):
        provider = providers[n % len(providers)]
        batch.append(
            Recruit(
                region_id=provider.region_id,
                provider=provider,
                given_names=f"Given{n % 5000}",
                family_name=f"{NAMES[n % len(NAMES)]}{n % 1000:03d}",
                nationality=NATIONALITIES[n % len(NATIONALITIES)],
                status=STATUSES[n % len(STATUSES)],
                visa_expiry=today + timedelta(days=n % 700),
                flags=["fees_charged"] if n % 50 == 0 else [],
            )
        )
        if len(batch) == 5000:
            Recruit.objects.bulk_create(batch)
            batch = []
    Recruit.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return regions[4]  # West Midlands


def timed(client: Client, url: str) -> tuple[float, int, str]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), response.content.decode()


def main() -> None:
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "portal_bench_recruit_list"
    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    lines: list[str] = []
    try:
        started = time.perf_counter()
        region = seed()
        seeded_in = time.perf_counter() - started
        in_region = Recruit.objects.filter(region=region).count()
        lead = user_with_role(Role.LEAD, region)
        client = Client()
        client.force_login(lead)
        lines.append(f"recruit list benchmark, {date.today()}, {platform.node()}, Python {platform.python_version()}")
        lines.append(
            f"{RECRUITS:,} recruits in 9 regions ({in_region:,} in the lead's region); seeded in {seeded_in:.0f} s"
        )
        lines.append("")
        lines.append(f"{'request':<44} {'ms (median of 3)':>17} {'queries':>8}")
        timed(client, "/recruits/")  # warm up

        def measure(label: str, url: str) -> str:
            runs = [timed(client, url) for _ in range(3)]
            median = statistics.median(run[0] for run in runs)
            lines.append(f"{label:<44} {median:>17.1f} {runs[0][1]:>8}")
            return runs[0][2]

        html = measure("first page", "/recruits/")
        url = "/recruits/"
        depth_times, depth_queries = [], set()
        for _ in range(30):
            cursor = re.search(r'href="\?(?:[^"]*&amp;)?after=([0-9a-f-]+)"', html)
            assert cursor, "no Next link"
            url = f"/recruits/?after={cursor.group(1)}"
            elapsed, count, html = timed(client, url)
            depth_times.append(elapsed)
            depth_queries.add(count)
        deep = statistics.median(depth_times)
        lines.append(f"{'pages 2-31 by Next (median)':<44} {deep:>17.1f} {max(depth_queries):>8}")
        measure("page 31 again", url)
        measure("status = displaced", "/recruits/?status=displaced")
        measure("nationality = NG", "/recruits/?nationality=NG")
        measure("visa expires within 30 days", "/recruits/?visa=30")
        measure("name contains 'mensah0'", "/recruits/?q=mensah0")
        measure("any Code of Practice flag", "/recruits/?flag=any")
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
