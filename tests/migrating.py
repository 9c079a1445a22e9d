"""Run the migrations to chosen nodes and back, for the tests of a model that moved between apps.

Use from a transactional test (`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`,
pytest-django's TransactionTestCase): migrations cannot run inside the test's transaction. The
`latest_migrations_after` fixture (tests/conftest.py) puts every app back on its last migration
even when the test fails half-way, so the tests that follow find the schema they expect.
"""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model

Target = tuple[str, str | None]


def migrate_to(targets: list[Target]) -> Apps:
    """Migrate (forwards or backwards) to `targets`; returns the historical models at that point.

    The models come from the migrations now applied, not from what `migrate` returns: going back,
    Django builds that state from the forward plan, which is wrong when the migrations it unapplied
    are not the last ones of that plan (two apps' moves joined by a merge migration)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(list(executor.loader.applied_migrations), at_end=True).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def trigger_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal ORDER BY tgname", [table]
        )
        return {row[0] for row in cursor.fetchall()}


def declared_trigger_names(model: type[Model]) -> set[str]:
    """The triggers the model declares (pghistory's among them), by their names in PostgreSQL."""
    return {trigger.get_pgid(model) for trigger in model._meta.triggers}  # type: ignore[attr-defined]
