"""Benchmark: the hot pages through gunicorn under concurrent signed-in users (issue 20, item 2).

1. Seeds (or reuses) the database `portal_bench_http_<N>` with `seed_scale --recruits N`
   (N = BENCH_RECRUITS, default 20,000; seed_scale does nothing when that N is already there).
2. Starts gunicorn with the production settings (DJANGO_ENV=production, DEBUG off, collected and
   hashed static files) on a free loopback port, BENCH_WORKERS workers (default 2, one per core).
3. Signs in one account per role (a regional lead, a hub officer, the national team, a recruit) with
   BENCH_USERS sessions each, and for each hot page runs locust headless: BENCH_USERS users (default
   8) asking for the page in a closed loop for BENCH_SECONDS (default 20).
4. In this process, with the same settings and database: the page's queries per request (Django's
   test client, CaptureQueriesContext) and its floor, the same template rendered from the same
   context held in memory (every row already fetched; the render is checked to send no query).
   The overhead ratio is gunicorn's p50 over the floor's p50. Downloads (the CSV and XLSX exports,
   the booklet PDF) have no floor of that kind: the file is built in the view, not by one template
   from a context, so their floor and ratio columns show "—".
5. The booklet PDF twice: "stored", served from its BookletRender row (the warm-up request stores it),
   through gunicorn like the rest; and "fresh", rendered again on every request. Locust cannot clear
   the row before each request, so "fresh" is measured in this process with the test client instead:
   BENCH_FRESH requests (default 10), the recruit's BookletRender row deleted before each; its p50 and
   p95 are those, and the load columns show "—".

The lead's campaign funnel (/campaigns/funnel/) is timed over the region's campaigns and
applications (seed_scale adds one application per ten recruits, three campaigns per region).

Prints one table and writes benchmarks/results/http_pages.txt (date, commit, machine, load).

    BENCH_LOCUST=/path/to/locust .venv/bin/python benchmarks/http_pages.py

Locust comes from requirements.lock (the dev extra); BENCH_LOCUST names another install of it.
"""

from __future__ import annotations

import csv
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECRUITS = int(os.environ.get("BENCH_RECRUITS", "20000"))
USERS = int(os.environ.get("BENCH_USERS", "8"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
FRESH = int(os.environ.get("BENCH_FRESH", "10"))
DATABASE = f"portal_bench_http_{RECRUITS}"
BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal").rsplit("/", 1)[0]
RESULTS = ROOT / "benchmarks" / "results" / "http_pages.txt"

# The production settings, for gunicorn and for this process alike (portal/settings.py).
ENV = {
    "DJANGO_ENV": "production",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SITE_URL": "https://127.0.0.1",
    "DATABASE_URL": f"{BASE_URL}/{DATABASE}",
    "DB_CONN_MAX_AGE": "60",
    "SECURE_HSTS_SECONDS": "0",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
sys.path.insert(0, str(ROOT))


def run(*args: str, timeout: float = 3600) -> str:
    out = subprocess.run(  # noqa: S603 - our own manage.py
        args,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return out.stdout


def ensure_database() -> str:
    """Create, migrate and seed the benchmark database unless it is there; returns the seed's log."""
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    run(sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
    return run(sys.executable, "manage.py", "seed_scale", "--recruits", str(RECRUITS))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def locust_command() -> list[str]:
    if os.environ.get("BENCH_LOCUST"):
        return [os.environ["BENCH_LOCUST"]]
    found = shutil.which("locust", path=str(Path(sys.executable).parent))
    if found:
        return [found]
    raise SystemExit("locust is not installed: `make install` (requirements.lock) or set BENCH_LOCUST")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class Page:
    label: str
    role: str
    path: str
    phone: bool = False
    floor: bool = True  # False for a download: no template rendered from a context (floor and ratio "—")
    fresh: bool = False  # the booklet PDF rendered anew each time: timed in process, not through gunicorn
    # filled in by the run
    queries: int = 0
    floor_queries: int = 0
    floor_p50: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    alone_p50: float = 0.0  # one user: the latency without waiting for a worker
    rps: float = 0.0
    requests: int = 0
    failures: int = 0


def load_page(
    page: Page, users: int, seconds: int, port: int, sessions: list[str], workdir: Path, cookie: str
) -> dict[str, str]:
    """One locust run against one page; its row of locust's CSV statistics."""
    prefix = workdir / f"{re.sub(r'\W+', '_', page.label)}_{users}"
    env = {
        **os.environ,
        "BENCH_PATH": page.path,
        "BENCH_COOKIE": cookie,
        "BENCH_SESSIONS": ",".join(sessions),
        "BENCH_PHONE": "1" if page.phone else "0",
    }
    subprocess.run(  # noqa: S603
        [
            *locust_command(),
            "-f",
            str(ROOT / "benchmarks" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
        timeout=seconds + 60,
    )
    with open(f"{prefix}_stats.csv") as stats:
        return next(r for r in csv.DictReader(stats) if r["Name"] == "page")


def main() -> None:
    started = time.perf_counter()
    seed_log = ensure_database()
    seeded_in = time.perf_counter() - started
    run(sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.template import Context
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, ContextList, setup_test_environment

    from compliance.models import ComplianceCase
    from hubs.models import Region
    from hubs.roles import Role
    from pastoral.models import BookletRender, PastoralPlan
    from providers.models import Provider
    from recruits.models import Recruit
    from tests.factories import user_with_role

    setup_test_environment()  # the test client's record of templates and contexts
    from accounts.models import User

    region = Region.objects.get(code="E12000005")  # West Midlands
    scope_of = {
        Role.LEAD: region,
        Role.HUB_STAFF: region,
        Role.NATIONAL: None,
    }
    accounts: dict[str, Any] = {}
    for grant, scope in scope_of.items():
        email = f"bench-{grant.value}@bench.test"
        accounts[grant.value] = User.objects.filter(email=email).first() or user_with_role(grant, scope, email=email)
    recruit = Recruit.objects.filter(region=region, user__isnull=True, provider__isnull=False).order_by("id").first()
    email = "bench-recruit@bench.test"
    accounts["recruit"] = User.objects.filter(email=email).first()
    if accounts["recruit"] is None:
        assert recruit is not None
        accounts["recruit"] = user_with_role(Role.RECRUIT, recruit, email=email)
    recruit = Recruit.objects.get(user=accounts["recruit"])

    def client_for(role: str) -> Client:
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.force_login(accounts[role])
        return client

    lead = client_for("lead")
    # The deep keyset page: 30 pages in by following "Next", as a reader would (or the last page, when
    # a small data set has fewer: BENCH_RECRUITS=2000 gives the region a handful).
    deep, deep_page = "/recruits/", 1
    for _ in range(30):
        html = lead.get(deep).content.decode()
        cursor = re.search(r'href="\?([^"]*after=[^"]*)"', html)
        if cursor is None:
            break
        deep, deep_page = "/recruits/?" + cursor.group(1).replace("&amp;", "&"), deep_page + 1
    assert deep_page > 1, "no Next link on the recruit list"
    provider = Provider.objects.filter(region=region).order_by("name").first()
    assert provider is not None
    shown = Recruit.objects.filter(region=region).order_by("family_name", "given_names", "id").first()
    assert shown is not None
    # Two providers in a hundred are suspended with a case: a small data set may have none in the region.
    case = ComplianceCase.objects.filter(region=region).order_by("id").first()
    plan = PastoralPlan.objects.filter(recruit__region=region, recruit__provider__isnull=False).order_by("id").first()
    assert plan is not None, "seed_scale made no pastoral plan in the region"
    booklet = f"/training/pastoral/recruits/{plan.recruit.public_id}/booklet.pdf"
    pages = [
        Page("today page (hub officer)", "hub_staff", "/"),
        Page("recruit list, first page", "lead", "/recruits/"),
        Page(f"recruit list, {ordinal(deep_page)} page (keyset)", "lead", deep),
        Page("recruit detail", "lead", f"/recruits/{shown.public_id}/"),
        Page("provider list", "lead", "/providers/"),
        Page("provider detail", "lead", f"/providers/{provider.public_id}/"),
        Page("national view", "national", "/"),
        Page("recruit home on a phone", "recruit", "/", phone=True),
        Page("triage board (rematch)", "lead", "/rematch/"),
        *([Page("compliance case detail", "lead", f"/compliance/cases/{case.public_id}/")] if case else []),
        *(
            [Page("case workers (CSV)", "lead", f"/compliance/cases/{case.public_id}/workers.csv", floor=False)]
            if case
            else []
        ),
        Page("rematch report (CSV)", "lead", "/rematch/report.csv", floor=False),
        Page("national regions (CSV)", "national", "/national/regions.csv", floor=False),
        Page("national trends (CSV)", "national", "/national/trends.csv", floor=False),
        Page("pastoral overview (hub officer)", "hub_staff", "/training/pastoral/"),
        Page("campaign funnel (lead)", "lead", "/campaigns/funnel/"),
        Page("campaign funnel (CSV)", "lead", "/campaigns/funnel/?format=csv", floor=False),
        Page("pastoral export, overdue (CSV)", "hub_staff", "/training/pastoral/export/overdue.csv", floor=False),
        Page("monitoring return (CSV)", "lead", "/returns/return.csv", floor=False),
        Page("monitoring return (XLSX)", "lead", "/returns/return.xlsx", floor=False),
        Page("booklet PDF, stored", "lead", booklet, floor=False),
        Page("booklet PDF, fresh (in process)", "lead", booklet, floor=False, fresh=True),
    ]
    left_out = [] if case else [f"the compliance case detail (seed_scale made no case in {region.name})"]
    only = os.environ.get("BENCH_PAGES")
    if only:
        pages = [page for page in pages if any(word in page.label for word in only.split(","))]

    # In process: queries per request and the floor.
    clients = {role: client_for(role) for role in {page.role for page in pages}}
    for page in pages:
        client = clients[page.role]
        client.get(page.path)  # warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        assert response.status_code == 200, (page.label, response.status_code)
        page.queries = len(queries)
        if page.fresh:
            # Rendered anew each time: the stored PDF deleted before each request (outside the timing).
            times = []
            for _ in range(FRESH):
                BookletRender.objects.filter(recruit=plan.recruit).delete()
                start = time.perf_counter()
                response = client.get(page.path)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (page.label, response.status_code)
            BookletRender.objects.filter(recruit=plan.recruit).delete()
            with CaptureQueriesContext(connection) as queries:
                client.get(page.path)
            page.queries = len(queries)
            page.p50 = statistics.median(times)
            page.p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
            page.requests = FRESH
        if not page.floor:
            continue
        template = response.templates[0]
        rendered: Any = response.context[0] if isinstance(response.context, ContextList) else response.context
        flat = rendered.flatten()
        request = response.wsgi_request

        def render(template: Any = template, flat: dict[str, Any] = flat, request: Any = request) -> str:
            context = Context(flat, autoescape=True)
            context.request = request  # type: ignore[attr-defined]
            return str(template.render(context))

        render()  # anything still lazy in the context is fetched here, before the timing
        with CaptureQueriesContext(connection) as floor_queries:
            times = []
            for _ in range(60):
                start = time.perf_counter()
                render()
                times.append((time.perf_counter() - start) * 1000)
        page.floor_queries = len(floor_queries) // 60
        page.floor_p50 = statistics.median(times)

    # Sessions for the load: BENCH_USERS sign-ins per role, each its own session row.
    sessions: dict[str, list[str]] = {role: [] for role in clients}
    for role in sessions:
        for _ in range(USERS):
            sessions[role].append(client_for(role).cookies[settings.SESSION_COOKIE_NAME].value)
    connection.close()

    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    gunicorn_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed in finally
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=os.environ,
        stdout=gunicorn_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
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
        for page in (page for page in pages if not page.fresh):
            for users, seconds in ((USERS, SECONDS), (1, max(5, SECONDS // 2))):
                row = load_page(page, users, seconds, port, sessions[page.role], workdir, settings.SESSION_COOKIE_NAME)
                if users == 1:
                    page.alone_p50 = float(row["50%"])
                    continue
                page.p50, page.p95 = float(row["50%"]), float(row["95%"])
                page.rps = float(row["Requests/s"])
                page.requests, page.failures = int(row["Request Count"]), int(row["Failure Count"])
                # Locust stops without waiting for the answers still on their way: let the workers
                # finish that backlog, or the one-user run of a slow page times it too.
                time.sleep(min(30.0, page.p95 / 1000 * users / WORKERS + 1))
            print(
                f"  {page.label}: p50 {page.p50:.0f} ms, p95 {page.p95:.0f} ms, {page.rps:.1f}/s;"
                f" alone p50 {page.alone_p50:.0f} ms",
                flush=True,
            )
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
    load = os.getloadavg()
    seeded = f"seeded in {seeded_in:.0f} s" if "Seeded" in seed_log else "reused"
    lines = [
        "HTTP hot pages through gunicorn (benchmarks/http_pages.py)",
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; commit {commit}; machine: {platform.node()},"
        f" {os.cpu_count()} CPU cores shared with other sessions, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        f"data: seed_scale --recruits {RECRUITS:,} in {DATABASE} ({seeded});"
        f" the lead's and hub officer's region: {region.name}",
        f"server: gunicorn, {WORKERS} sync workers, production settings, loopback; load: locust headless,"
        f" {USERS} users per page in a closed loop (no think time), {SECONDS} s per page, one page at a time",
        "queries: per request, from Django's test client in the benchmark process (same settings, same database)",
        "floor: the page's template rendered in the benchmark process from its context held in memory (p50 of 60);"
        f" ratio = gunicorn p50 at {USERS} users / floor p50; ratio 1u = the same with one user (no queueing);"
        " 1-user runs last half as long",
        "",
        f"{'page':<34} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6} {'fails':>5} {'1-user p50':>10} {'queries':>7}"
        f" {'floor ms':>8} {'ratio':>6} {'ratio 1u':>8}",
    ]
    dash = "—"
    for page in pages:
        ratio = f"{page.p50 / page.floor_p50:.1f}" if page.floor_p50 else dash
        alone = f"{page.alone_p50 / page.floor_p50:.1f}" if page.floor_p50 else dash
        floor = f"{page.floor_p50:.1f}" if page.floor else dash
        load_columns = (
            f"{dash:>6} {dash:>5} {dash:>10}"
            if page.fresh
            else f"{page.rps:>6.1f} {page.failures:>5} {page.alone_p50:>10.0f}"
        )
        note = f"  (floor sent {page.floor_queries} queries)" if page.floor_queries else ""
        note += f"  (in process, {page.requests} requests, see below)" if page.fresh else ""
        lines.append(
            f"{page.label:<34} {page.p50:>7.0f} {page.p95:>7.0f} {load_columns}"
            f" {page.queries:>7} {floor:>8} {ratio:>6} {alone:>8}" + note
        )
    lines += [
        "",
        "Locust reports response times above 100 ms rounded to two significant figures.",
        'Floor and ratio are "—" for the downloads (CSV, XLSX, PDF): the file is built in the view, not by one',
        "template rendered from a context, so there is no floor to measure the way the HTML pages' is.",
        'Booklet PDF: "stored" is served from the recruit\'s BookletRender row (the warm-up request stores it; the',
        'booklet\'s HTML is still rendered each time to check its fingerprint); "fresh" deletes that row before',
        "each request, which locust cannot do, so it is timed in the benchmark process with Django's test client",
        f"({FRESH} requests one after the other, no gunicorn, no concurrency): its p50 and p95 are those, its load",
        'columns "—".',
        "Not in the list: the recruits CSV (the portal has no recruit list export)"
        + "".join(f"; {why}" for why in left_out)
        + ".",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
