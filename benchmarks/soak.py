"""Soak: mixed journeys of several demo roles against a running portal for a bounded time
(issue 19, item 6), then the figures: requests, errors by status, p50/p95 latency, and the RSS of
the gunicorn workers at the start, middle and end (memory per request must not grow).

Without --url it starts a private stack (tests/chaos/stack.py: its own PostgreSQL cluster,
redis-server and gunicorn on free ports, migrated and seeded with the demo data) and stops it
afterwards. With --url it drives a server that is already running (give --gunicorn-pid, the
master's pid, to report the workers' memory).

    .venv/bin/python benchmarks/soak.py                      # 300 s on a private stack
    .venv/bin/python benchmarks/soak.py --seconds 60 --threads 4
    .venv/bin/python benchmarks/soak.py --url http://127.0.0.1:8000 --seconds 120

Writes benchmarks/results/soak.txt (unless --out says otherwise). Exits 1 on any 5xx or failed
request. Only the standard library on the client side (threads and urllib).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import platform
import random
import re
import statistics
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.chaos.stack import Browser, Stack, text_of  # noqa: E402

# The roles whose journeys are mixed: (demo account, registers recruits as it goes).
ROLES = [
    ("admin.oakfield@demo.irhub.example", True),
    ("staff.oakfield@demo.irhub.example", False),
    ("admin.ribble@demo.irhub.example", True),
    ("lead", False),  # the first hub lead of demo_accounts (signs in with TOTP)
    ("hub_staff", False),
    ("council", False),
    ("recruit", False),
]
SKIP = re.compile(r"logout|/static/|\.(csv|xlsx|pdf|ics|zip)(\?|$)|/export|/download|calendar|/admin/|/documents/")
HREF = re.compile(r'href="(/[^"#]*)"')


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238: what an authenticator app shows (SHA-1, 30 s, 6 digits)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def sign_in(browser: Browser, account: dict[str, str]) -> None:
    answer = browser.post_form("/accounts/login/", {"login": account["email"], "password": account["password"]})
    if answer.status != 302:
        raise SystemExit(f"sign-in of {account['email']} answered {answer.status}: {text_of(answer.body)[:300]}")
    if account.get("totp_secret") and "2fa" in answer.location:
        for _ in range(3):  # a code is single-use: wait for the next one if another thread used it
            answer = browser.post_form(answer.location, {"code": totp(account["totp_secret"])})
            if answer.status == 302:
                return
            time.sleep(31)
        raise SystemExit(f"TOTP sign-in of {account['email']} answered {answer.status}")


def pick_accounts(accounts: list[dict[str, str]]) -> list[dict[str, str]]:
    by_email = {a["email"]: a for a in accounts}
    chosen = []
    for key, _ in ROLES:
        if key in by_email:
            chosen.append(by_email[key])
        else:
            found = next((a for a in accounts if a["role"] == key and a not in chosen), None)
            if found:
                chosen.append(found)
    return chosen


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


class Soak:
    def __init__(self, url: str, accounts: list[dict[str, str]], threads: int, seconds: float) -> None:
        self.url, self.accounts, self.threads, self.seconds = url, accounts, threads, seconds
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.errors: list[str] = []
        self.registered = 0
        self.stop = threading.Event()

    def count(self, status: int | str, seconds: float, what: str) -> None:
        with self.lock:
            self.statuses[str(status)] += 1
            self.latencies.append(seconds)
            if status == "failed" or (isinstance(status, int) and status >= 500):
                self.errors.append(f"{status} {what}")

    def fetch(self, browser: Browser, path: str, data: dict[str, str] | None = None) -> str:
        started = time.monotonic()
        try:
            answer = browser.post_form(path, data) if data is not None else browser.get(path)
        except Exception as exc:  # noqa: BLE001 - a request that did not answer is a failure to report
            self.count("failed", time.monotonic() - started, f"{path}: {exc!r}")
            return ""
        self.count(answer.status, time.monotonic() - started, path)
        return answer.body

    def journey(self, number: int, account: dict[str, str], registers: bool) -> None:
        rng = random.Random(number)  # noqa: S311 - which page to open next, not a secret
        browser = Browser(self.url, timeout=60)
        sign_in(browser, account)
        pages = ["/"]
        seen = {"/"}
        i = 0
        while not self.stop.is_set():
            i += 1
            path = rng.choice(pages)
            body = self.fetch(browser, path)
            for link in HREF.findall(body):
                link = link.replace("&amp;", "&")
                if link not in seen and not SKIP.search(link) and len(pages) < 60:
                    seen.add(link)
                    pages.append(link)
            if registers and i % 10 == 0:
                today = time.localtime()
                name = f"Soak{number}x{i}"
                self.fetch(
                    browser,
                    "/recruits/new/",
                    {
                        "given_names": "Soak",
                        "family_name": name,
                        "nationality": "IN",
                        "date_of_birth_day": "4",
                        "date_of_birth_month": "5",
                        "date_of_birth_year": "1990",
                        "job_role": "care_worker",
                        "start_date_day": str(today.tm_mday),
                        "start_date_month": str(today.tm_mon),
                        "start_date_year": str(today.tm_year),
                    },
                )
                with self.lock:
                    self.registered += 1

    def run(self, gunicorn_pid: int | None) -> list[str]:
        def memory() -> tuple[int, list[int]]:
            if not gunicorn_pid:
                return 0, []
            workers = children(gunicorn_pid)
            return len(self.latencies), [rss_kib(pid) for pid in workers]

        roles = dict(ROLES)
        threads = [
            threading.Thread(
                target=self.journey,
                args=(
                    n,
                    self.accounts[n % len(self.accounts)],
                    roles.get(self.accounts[n % len(self.accounts)]["email"], False),
                ),
                daemon=True,
            )
            for n in range(self.threads)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        samples = []
        # Warm-up: the first 10% of the run (imports, caches, connections) is not a leak.
        time.sleep(self.seconds * 0.1)
        samples.append(("start", time.monotonic() - started, *memory()))
        time.sleep(self.seconds * 0.4)
        samples.append(("middle", time.monotonic() - started, *memory()))
        time.sleep(max(0.0, self.seconds - (time.monotonic() - started)))
        samples.append(("end", time.monotonic() - started, *memory()))
        self.stop.set()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
        return self.report(elapsed, samples)

    def report(self, elapsed: float, samples: list[tuple[str, float, int, list[int]]]) -> list[str]:
        total = sum(self.statuses.values())
        ms = sorted(x * 1000 for x in self.latencies)
        p50 = statistics.median(ms) if ms else 0.0
        p95 = ms[int(len(ms) * 0.95) - 1] if ms else 0.0
        server_errors = sum(n for s, n in self.statuses.items() if s == "failed" or s.startswith("5"))
        lines = [
            f"Soak: {len(self.accounts)} demo roles ({', '.join(sorted({a['role'] for a in self.accounts}))}), "
            f"{self.threads} threads, {elapsed:.0f} s against {self.url}",
            f"requests: {total} ({total / elapsed:.1f}/s), registrations posted: {self.registered}",
            "answers by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items())),
            f"5xx or no answer: {server_errors}",
            f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {ms[-1] if ms else 0:.0f} ms",
        ]
        if samples and samples[0][3]:
            lines.append("gunicorn workers' RSS (KiB), after N requests:")
            for label, at, requests, rss in samples:
                lines.append(f"  {label:<6} {at:6.0f} s  {requests:6d} requests  {rss}  total {sum(rss)}")
            (_, _, n_mid, rss_mid), (_, _, n_end, rss_end) = samples[1], samples[2]
            per_request = (sum(rss_end) - sum(rss_mid)) / max(1, n_end - n_mid)
            lines.append(
                f"growth middle -> end: {sum(rss_end) - sum(rss_mid):+d} KiB over {n_end - n_mid} requests "
                f"({per_request:+.2f} KiB per request)"
            )
        lines += [f"error: {e}" for e in self.errors[:20]]
        return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running portal; default: start a private stack")
    parser.add_argument("--seconds", type=float, default=300.0, help="how long to run (default 300)")
    parser.add_argument("--threads", type=int, default=7, help="concurrent journeys (default 7, one per role)")
    parser.add_argument("--gunicorn-pid", type=int, help="with --url: the gunicorn master, for the workers' RSS")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "soak.txt"))
    args = parser.parse_args()

    stack = None
    try:
        if args.url:
            url = args.url
            accounts_json = subprocess.run(
                [sys.executable, "manage.py", "demo_accounts", "--json"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            pid = args.gunicorn_pid
        else:
            print("Starting a private stack (PostgreSQL, Redis, gunicorn; migrate and seed take a few minutes)...")
            set_up = time.monotonic()
            stack = Stack().up()
            print(f"  ready in {time.monotonic() - set_up:.0f} s at {stack.url}")
            url = stack.url
            accounts_json = stack.manage("demo_accounts", "--json")
            assert stack.web is not None
            pid = stack.web.pid
        accounts = pick_accounts(json.loads(accounts_json))
        lines = Soak(url, accounts, args.threads, args.seconds).run(pid)
    finally:
        if stack is not None:
            stack.down()
    lines.append(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("\n".join(lines))
    Path(args.out).write_text("\n".join(lines) + "\n")
    bad = any(line.startswith("5xx or no answer:") and not line.endswith(": 0") for line in lines)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
