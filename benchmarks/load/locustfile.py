"""The locust user of benchmarks/http_pages.py: one hot page, requested again and again, signed in.

Kept out of benchmarks/*.py, which make bench runs one by one. http_pages.py starts `locust --headless` with:
  BENCH_PATH     the page's path and query string
  BENCH_COOKIE   the session cookie's name
  BENCH_SESSIONS the session keys, comma-separated: user n signs in with the n-th (round robin)
  BENCH_PHONE    "1" to send a phone's User-Agent
Each request carries X-Forwarded-Proto: https, as the TLS proxy in front of gunicorn would set it
(production settings redirect plain HTTP).
"""

from __future__ import annotations

import itertools
import os

from locust import HttpUser, constant, task

PATH = os.environ.get("BENCH_PATH", "/")
COOKIE = os.environ.get("BENCH_COOKIE", "sessionid")
SESSIONS = itertools.cycle(os.environ.get("BENCH_SESSIONS", "").split(","))
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
)


class PageUser(HttpUser):
    wait_time = constant(0)  # a closed loop: each user asks again as soon as the page is back

    def on_start(self) -> None:
        self.headers = {"X-Forwarded-Proto": "https", "Cookie": f"{COOKIE}={next(SESSIONS)}"}
        if os.environ.get("BENCH_PHONE") == "1":
            self.headers["User-Agent"] = PHONE

    @task
    def page(self) -> None:
        with self.client.get(PATH, headers=self.headers, name="page", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
