"""Fixtures for the browser journeys: one headless Chromium for the whole e2e run, a fresh context per test.

Every test gets pytest-django's `live_server` (so a transactional database, restored from the
serialized migration data after each test), the demo data set from `demo.seed.demo_seed()`, and its
own cache namespace so allauth's rate limits and single-use TOTP codes never leak from one test (or
from a developer's running server) into another.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .helpers import CHROMIUM_ARGS, CHROMIUM_PATH, Account, Portal

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.fixtures import SettingsWrapper
    from pytest_django.live_server_helper import LiveServer

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Chromium, launched once for every test in tests/e2e and closed after the last one.

    Package scope (not session) so Playwright's event loop, which counts as "running" from start()
    to stop(), is gone before any other test in the session touches the database.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"{CHROMIUM_PATH} is missing: apt-get install -y chromium (never `playwright install`).")
    # While the loop runs, Django refuses ORM calls from this thread ("You cannot call this from an
    # async context"): the tests' own queries and pytest-django's flush between tests.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    # Django keeps connections in a thread-critical asgiref Local, which switches to context-var
    # storage while an event loop runs in the thread: without this, the tests would get fresh
    # connection objects that lack the test database's serialized contents, so the flush after the
    # first test would leave the regions from the data migration gone for good.
    same_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in same_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(autouse=True)
def _e2e_settings(settings: SettingsWrapper) -> None:
    # Demo accounts are created for every test: a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A fresh cache namespace per test, on whatever backend is configured (Redis by default).
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    for config in caches.values():
        config["KEY_PREFIX"] = f"e2e-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches


@pytest.fixture
def demo(live_server: LiveServer, django_db_serialized_rollback: None, _e2e_settings: None) -> dict[str, Account]:
    """The demo data set; its accounts keyed by their email's local part (`demo["lead.wm"]`)."""
    from demo.seed import demo_accounts, demo_seed

    demo_seed()
    return {str(row["email"]).split("@")[0]: Account(**row) for row in demo_accounts()}  # type: ignore[arg-type]


@pytest.fixture
def portal(browser: Browser, live_server: LiveServer, demo: dict[str, Account]) -> Iterator[Portal]:
    """A fresh browser context (1280 px wide, JavaScript on) on the live server."""
    with Portal.open(browser, live_server.url, demo) as portal:
        yield portal


@pytest.fixture
def open_portal(browser: Browser, live_server: LiveServer, demo: dict[str, Account]) -> Iterator[Callable[..., Portal]]:
    """Open more contexts, with other options: `open_portal(viewport=PHONE, java_script_enabled=False)`."""
    opened: list[Portal] = []

    def _open(**context_options: Any) -> Portal:
        portal = Portal.open(browser, live_server.url, demo, **context_options)
        opened.append(portal)
        return portal

    yield _open
    for portal in opened:
        portal.close()
