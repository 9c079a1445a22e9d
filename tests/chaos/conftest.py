"""One private stack (PostgreSQL, Redis, gunicorn; workers as a test needs them) for the whole
chaos folder: migrated and seeded with the demo data once. See tests/chaos/stack.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.chaos.stack import Stack

PROVIDER_ADMIN = "admin.oakfield@demo.irhub.example"


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    stack = Stack()
    try:
        stack.up()
        yield stack
    finally:
        stack.down()
