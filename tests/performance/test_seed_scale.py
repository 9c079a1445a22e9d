"""seed_scale (demo/scale.py): idempotent per N, deterministic, and the history the triggers would write."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from demo.scale import seed_scale
from recruits.models import Employment, Recruit


def _one(sql: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_second_run_with_the_same_n_does_nothing() -> None:
    counts = seed_scale(200, log=lambda line: None)
    assert counts is not None
    assert counts["recruits_recruit"] == 200
    assert counts["training_checkin"] > 1_000
    assert seed_scale(200, log=lambda line: None) is None
    assert Recruit.objects.count() == 200


@pytest.mark.django_db
def test_every_copied_row_has_the_insert_event_its_trigger_would_write() -> None:
    seed_scale(200, log=lambda line: None)
    # One "insert" event per row, with the row's own values, under the seed's pghistory context.
    assert _one("SELECT count(*) FROM recruits_recruitevent WHERE pgh_label = 'insert'") == 200
    assert (
        _one(
            "SELECT count(*) FROM recruits_employmentevent e JOIN recruits_employment x ON x.id = e.pgh_obj_id"
            " AND x.recruit_id = e.recruit_id AND x.provider_id = e.provider_id AND x.start_date = e.start_date"
        )
        == Employment.objects.count()
    )
    assert (
        _one(
            "SELECT count(DISTINCT c.metadata->>'command') FROM recruits_recruitevent e"
            " JOIN pghistory_context c ON c.id = e.pgh_context_id"
        )
        == 1
    )
    # The switch that skipped the insert triggers is off again: a later write gets its event from the trigger.
    recruit = Recruit.objects.order_by("id").first()
    assert recruit is not None
    Employment.objects.create(recruit=recruit, provider_id=recruit.provider_id or 1, start_date=recruit.visa_expiry)
    assert _one("SELECT count(*) FROM recruits_employmentevent") == Employment.objects.count()
    # ...and every GIN index dropped for the load is back.
    assert _one("SELECT count(*) FROM pg_indexes WHERE indexname = 'recruit_family_name_trgm'") == 1


@pytest.mark.django_db
def test_the_same_n_gives_the_same_rows() -> None:
    def seeded() -> list[tuple[object, ...]]:
        with transaction.atomic():
            seed_scale(150, log=lambda line: None)
            rows = list(
                Recruit.objects.order_by("id").values_list("family_name", "status", "date_of_birth", "provider__name")
            )
            transaction.set_rollback(True)
        return rows

    first, second = seeded(), seeded()
    assert len(first) == 150
    assert first == second
    assert len({row[1] for row in first}) > 3  # recruits in several statuses
