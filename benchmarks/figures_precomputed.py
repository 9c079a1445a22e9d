"""Benchmark: the lead's today page and the national view with their figures stored (issue 17, Performance).

The figures of both pages (portal/home/snapshots.py) are computed by the Celery beat task
`refresh_figures_task` every 10 minutes and read from the cache until 15 minutes old; the work queue
stays live. This run measures both pages through gunicorn under concurrent signed-in users, as
benchmarks/http_pages.py does (its helpers are imported from there), in two states:

- "stored": the task has just run, every request reads the stored figures;
- "computed": the run empties the cache every second, so the first request of each second computes the
  figures (and stores them) while the others read them. Under load this is not "every request
  computes"; the in-process column (one request, cache emptied first) is the clean before/after.

1. Reuses (or creates, migrates and seeds) BENCH_DATABASE (default portal_precompute_bench) with
   `seed_scale --recruits N` (N = BENCH_RECRUITS, default 200,000).
2. Uses its own Redis database for the cache (BENCH_CACHE_URL, default redis://127.0.0.1:6379/11):
   the machine's Redis is shared with other checkouts, whose figures must not be read here.
3. Starts gunicorn (production settings, BENCH_WORKERS workers) and runs locust headless, BENCH_USERS
   users (default 8) per page for BENCH_SECONDS (default 20), then one user for half as long.

Writes benchmarks/results/figures_precomputed.txt (date, commit, machine, load average before and after).

    .venv/bin/python benchmarks/figures_precomputed.py
"""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("BENCH_RECRUITS", "200000")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package

import http_pages  # reads BENCH_RECRUITS and sets the production settings
from http_pages import ROOT, Page, free_port, load_page, run

RECRUITS = http_pages.RECRUITS
USERS = http_pages.USERS
SECONDS = http_pages.SECONDS
WORKERS = http_pages.WORKERS
DATABASE = os.environ.get("BENCH_DATABASE", "portal_precompute_bench")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/11")
RESULTS = ROOT / "benchmarks" / "results" / "figures_precomputed.txt"
os.environ["DATABASE_URL"] = f"{http_pages.BASE_URL}/{DATABASE}"
os.environ["CACHE_URL"] = CACHE_URL


def ensure_database() -> str:
    import psycopg

    with psycopg.connect(f"{http_pages.BASE_URL}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    run(sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
    return run(sys.executable, "manage.py", "seed_scale", "--recruits", str(RECRUITS))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607


def main() -> None:
    load_before = uptime()
    seed_log = ensure_database()
    run(sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0")

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from hubs.models import Region
    from hubs.roles import Role
    from portal.home import snapshots
    from portal.home.tasks import refresh_figures_task
    from tests.factories import user_with_role

    region = Region.objects.get(code="E12000005")  # West Midlands, as http_pages.py
    accounts: dict[str, Any] = {}
    for grant, scope in ((Role.LEAD, region), (Role.NATIONAL, None)):
        email = f"bench-{grant.value}@bench.test"
        accounts[grant.value] = User.objects.filter(email=email).first() or user_with_role(grant, scope, email=email)

    def client_for(role: str) -> Client:
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.force_login(accounts[role])
        return client

    pages = [Page("today page (lead)", "lead", "/"), Page("national view", "national", "/")]
    keys = [snapshots.national_key(), snapshots.region_key([region.pk])]

    # The task, timed in this process (what beat pays every 10 minutes).
    cache.delete_many(keys)
    start = time.perf_counter()
    written = refresh_figures_task()
    task_seconds = time.perf_counter() - start

    # Queries and one request's time alone, in this process, stored and computed.
    alone: dict[tuple[str, str], tuple[int, float]] = {}
    for page in pages:
        client = client_for(page.role)
        for state in ("computed", "stored"):
            times, counted = [], 0
            for _ in range(5):
                if state == "computed":
                    cache.delete_many(keys)
                else:
                    client.get(page.path)
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get(page.path)
                    times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, (page.label, response.status_code)
                assert b"Figures as of" in response.content, page.label
                counted = len(queries)
            alone[(page.label, state)] = (counted, sorted(times)[len(times) // 2])
    sessions = {
        role: [client_for(role).cookies[settings.SESSION_COOKIE_NAME].value for _ in range(USERS)]
        for role in ("lead", "national")
    }
    connection.close()

    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="bench-figures-"))
    gunicorn_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed in finally
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            *("--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "60"),
        ],
        cwd=ROOT,
        env=os.environ,
        stdout=gunicorn_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    results: dict[tuple[str, str], dict[str, float]] = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                probe = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
                )
                with urllib.request.urlopen(probe, timeout=5):  # noqa: S310
                    break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline or gunicorn.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start; see {workdir / 'gunicorn.log'}") from None
                time.sleep(0.5)
        for state in ("stored", "computed"):
            stop = threading.Event()
            clearer = None
            if state == "stored":
                refresh_figures_task()
            else:

                def clear(stop: threading.Event = stop) -> None:
                    while not stop.is_set():
                        cache.delete_many(keys)
                        stop.wait(1.0)

                clearer = threading.Thread(target=clear, daemon=True)
                clearer.start()
            try:
                for page in pages:
                    row: dict[str, float] = {}
                    for users, seconds in ((USERS, SECONDS), (1, max(5, SECONDS // 2))):
                        stats = load_page(
                            page, users, seconds, port, sessions[page.role], workdir, settings.SESSION_COOKIE_NAME
                        )
                        if users == 1:
                            row["alone"] = float(stats["50%"])
                        else:
                            row.update(
                                p50=float(stats["50%"]),
                                p95=float(stats["95%"]),
                                rps=float(stats["Requests/s"]),
                                fails=float(stats["Failure Count"]),
                            )
                    results[(page.label, state)] = row
                    print(f"  {page.label}, {state}: {row}", flush=True)
            finally:
                stop.set()
                if clearer is not None:
                    clearer.join()
            connection.close()
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
        gunicorn_log.close()

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    seeded = "seeded now" if "Seeded" in seed_log else "reused"
    lines = [
        "Today page and national view with stored figures, through gunicorn (benchmarks/figures_precomputed.py)",
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; commit {commit}; machine: {platform.node()},"
        f" {os.cpu_count()} CPU cores shared with other sessions, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}",
        f"load before (uptime): {load_before}",
        f"load after  (uptime): {uptime()}",
        f"data: seed_scale --recruits {RECRUITS:,} in {DATABASE} ({seeded}); the lead's region: {region.name}",
        f"server: gunicorn, {WORKERS} sync workers, production settings, loopback, cache in {CACHE_URL};"
        f" load: locust headless, {USERS} users per page in a closed loop (no think time), {SECONDS} s per page,"
        " then 1 user for half as long",
        f"refresh_figures_task: {task_seconds:.1f} s in this process, wrote {written}",
        "stored = figures read from the cache (the task has just run); computed = the cache emptied every second:"
        " the first request of each second computes and stores them, the others of that second read them",
        "queries and 'in-process ms': one request from Django's test client in this process (median of 5)",
        "",
        f"{'page':<20} {'state':<9} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6} {'fails':>5} {'1-user p50':>10}"
        f" {'queries':>7} {'in-process ms':>13}",
    ]
    for page in pages:
        for state in ("computed", "stored"):
            row = results[(page.label, state)]
            counted, ms = alone[(page.label, state)]
            lines.append(
                f"{page.label:<20} {state:<9} {row['p50']:>7.0f} {row['p95']:>7.0f} {row['rps']:>6.1f}"
                f" {row['fails']:>5.0f} {row['alone']:>10.0f} {counted:>7} {ms:>13.0f}"
            )
    lines += ["", "Locust reports response times above 100 ms rounded to two significant figures."]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
