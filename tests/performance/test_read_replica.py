"""Issue 20, item 5: the national figures read from a replica through portal/db_router.py.

A second database alias, `replica`, is added for the test as a mirror of the test database: its own
connection to the same PostgreSQL database, as a streaming replica would be. The test is
transactional so that the replica's connection sees the rows the cast committed on `default`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.db_router import REPLICA, ReplicaRouter, replica_reads
from recruits.models import Recruit
from tests.conftest import Cast


@pytest.fixture
def replica(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A `replica` alias: its own connection to the test database, made by hand rather than listed in
    connections.settings, so that Django's guard against undeclared aliases takes it for a
    dynamically created connection (which it allows) and no other test sees it."""
    mirror = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    settings.DATABASES = {**settings.DATABASES, REPLICA: mirror}
    wrapper = load_backend(mirror["ENGINE"]).DatabaseWrapper(mirror, REPLICA)
    connections[REPLICA] = wrapper
    try:
        yield REPLICA
    finally:
        wrapper.close()
        del connections[REPLICA]


def _tables(queries: CaptureQueriesContext) -> str:
    return "\n".join(query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_national_home_reads_its_figures_from_the_replica_and_writes_to_default(
    cast: Cast, client, replica: str
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast.national)
    with (
        CaptureQueriesContext(connections[replica]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
    ):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    # The per-region counts (recruits, providers) come over the replica's connection...
    per_region = 'AS "needs_sponsor" FROM "recruits_recruit" GROUP BY'
    assert per_region in _tables(on_replica)
    assert 'AS "suspended"' in _tables(on_replica)
    # ...and not over the primary's, which still serves the session and the signed-in user.
    assert per_region not in _tables(on_default)
    assert '"accounts_session"' in _tables(on_default)
    assert '"accounts_session"' not in _tables(on_replica)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_export_of_the_national_figures_reads_the_replica_and_logs_on_default(
    cast: Cast, client, replica: str
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast.national)
    with (
        CaptureQueriesContext(connections[replica]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
    ):
        response = client.get(reverse("national_regions_csv"))
    assert response.status_code == 200
    assert 'AS "needs_sponsor" FROM "recruits_recruit" GROUP BY' in _tables(on_replica)
    # The export's access-log row is written on the primary (pghistory may prefix its statements).
    assert 'INSERT INTO "accesslog_' in _tables(on_default)
    assert not any(word in _tables(on_replica) for word in ("INSERT INTO", "UPDATE ", "DELETE FROM"))


def test_without_a_replica_alias_everything_stays_on_default(settings) -> None:  # type: ignore[no-untyped-def]
    assert REPLICA not in settings.DATABASES
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Recruit) == "default"
    assert router.db_for_write(Recruit) == "default"


def test_with_a_replica_only_the_block_s_reads_of_records_go_to_it(settings) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import User

    settings.DATABASES = {**settings.DATABASES, REPLICA: {}}
    router = ReplicaRouter()
    assert router.db_for_read(Recruit) == "default"
    with replica_reads():
        assert router.db_for_read(Recruit) == REPLICA
        assert router.db_for_read(User) == "default"
        assert router.db_for_write(Recruit) == "default"
    assert router.allow_migrate(REPLICA, "recruits") is False
