"""Reads of the national figures and the monitoring returns from a PostgreSQL read replica.

Off unless settings has a `replica` database alias (DATABASE_REPLICA_URL): then settings lists
`ReplicaRouter` in DATABASE_ROUTERS. The figures are aggregates over every region, the heaviest
reads of the portal and the ones that may be a few seconds stale, so they are the ones to move off
the primary (docs/PERFORMANCE.md, "Beyond one machine").

Code opts in by wrapping a read in `replica_reads()` (or decorating it with `@on_replica`): while
it is on, reads of the portal's records go to the replica. Everything else stays on `default`:
every write, every read outside the block, and, inside it, the tables a request needs to be fresh
(sessions, accounts, permissions and the access log, which the same request may just have written).
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import models

REPLICA = "replica"
# Apps whose reads stay on the primary even inside replica_reads(): what the request itself may
# have just written, or must not read stale (a signed-out session, a revoked role).
PRIMARY_APPS = frozenset(
    {"sessions", "auth", "accounts", "account", "mfa", "socialaccount", "guardian", "contenttypes", "accesslog"}
)

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reading_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Send the block's reads of the portal's records to the replica (when there is one)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def on_replica[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of replica_reads()."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_reads():
            return function(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Reads inside replica_reads() to `replica`; everything else to `default`."""

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        if _reading_from_replica.get() and model._meta.app_label not in PRIMARY_APPS and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: a row read from either may point at one from the other.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        # The replica gets its schema by replication, never by migrate.
        return db == "default"
