"""Rematching became an app (issue 21) without moving data: the upgrade keeps every row, the
reminders and permissions that point at the moved models, and their history and evidence triggers.

The test takes its database back to the last migrations before the move, writes rows with the
models of that time (a rematch request with its timeline, an introduction, a hand-over, a vacancy,
a pool request with a candidate, an event and a confirmation, and a reminder about the request),
migrates forward and reads them through the rematch app's models. Migrations run without the
post-migrate signal here, so the triggers found are the ones the migrations themselves leave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pgtrigger
import pytest
from django.apps import apps as current_apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from hubs.models import Region
from notifications.models import Reminder
from providers.models import Provider
from tests.factories import RecruitFactory, UserFactory
from tests.migrating import migrate_to

BEFORE_THE_MOVE = [
    ("recruits", "0012_rules_route_checks_repayment"),  # the recruit table as the models write it today
    ("providers", "0007_pool_none_available_reason"),
    ("rematch", None),
]
# Each tracked model and its pghistory event model, after the move.
TRACKED = {
    "RematchRequest": "RematchRequestEvent",
    "Introduction": "IntroductionEvent",
    "Handover": "HandoverEvent",
    "Vacancy": "VacancyEvent",
    "PoolRequest": "PoolRequestHistory",
    "PoolCandidate": "PoolCandidateEvent",
    "PoolConfirmation": "PoolConfirmationEvent",
}


@pytest.fixture
def before_the_move(transactional_db: None) -> Iterator[Any]:
    """The database at main's migrations before the move (their models as `apps`); put back after."""
    apps = migrate_to(BEFORE_THE_MOVE)
    try:
        yield apps
    finally:
        _migrate_to_the_end()


def _migrate_to_the_end() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def _region() -> Region:
    # Transactional tests may follow one that emptied the tables (reference data included).
    return Region.objects.get_or_create(code="E12000005", defaults={"name": "West Midlands"})[0]


def _rows_before_the_move(old: Any) -> dict[str, Any]:
    """One row of every moved model, written with the models of the time (recruits/, providers/)."""
    region = _region()
    # The provider table of that time (it had no `kind` yet), so the provider is written with its model.
    old_provider = old.get_model("providers", "Provider").objects.create(
        region_id=region.pk, name="Moving Care Ltd", cqc_location_id="1-1999999999"
    )
    provider = Provider(pk=old_provider.pk, region=region, name=old_provider.name)  # not read: no `kind` column
    recruit = RecruitFactory(provider=provider)
    hub_staff = UserFactory()
    now = timezone.now()
    vacancy = old.get_model("providers", "Vacancy").objects.create(
        region_id=region.pk,
        provider_id=provider.pk,
        title="Care worker (days)",
        occupation_code="6135",
        hours_per_week=Decimal("37.5"),
        pay_per_hour=Decimal("12.82"),
        pay_per_year=Decimal("25000"),
        postcode="WV1 1AA",
        start_date=dt.date(2027, 1, 4),
    )
    request = old.get_model("recruits", "RematchRequest").objects.create(
        region_id=region.pk,
        recruit_id=recruit.pk,
        provider_id=provider.pk,
        door="provider",
        status="searching",
        leave_end=dt.date(2027, 2, 1),
    )
    old.get_model("recruits", "RematchEvent").objects.create(request_id=request.pk, kind="created")
    introduction = old.get_model("recruits", "Introduction").objects.create(
        region_id=region.pk,
        request_id=request.pk,
        vacancy_id=vacancy.pk,
        consent_at=now,
        consent_how="by phone",
        token_hash="0" * 64,
        expires_at=now + dt.timedelta(days=14),
    )
    handover = old.get_model("recruits", "Handover").objects.create(
        recruit_id=recruit.pk, from_region_id=region.pk, to_region_id=region.pk, requested_by_id=hub_staff.pk
    )
    pool = old.get_model("providers", "PoolRequest").objects.create(
        region_id=region.pk, provider_id=provider.pk, vacancy_id=vacancy.pk
    )
    candidate = old.get_model("providers", "PoolCandidate").objects.create(
        pool_request_id=pool.pk, introduction_id=introduction.pk
    )
    pool_event = old.get_model("providers", "PoolEvent").objects.create(pool_request_id=pool.pk, text="Asked the hub")
    confirmation = old.get_model("providers", "PoolConfirmation").objects.create(
        pool_request_id=pool.pk, number="E12000005-2026-0001"
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="recruits", model="rematchrequest"
    )[0]
    # The permissions of the time point at that content type. A transactional test that ran before
    # this one may have emptied the table (a flush without post-migrate), so they are made here
    # rather than assumed: the move must carry them whichever way they came to exist.
    for action in ("add", "change", "delete", "view"):
        old.get_model("auth", "Permission").objects.get_or_create(
            content_type_id=content_type.pk,
            codename=f"{action}_rematchrequest",
            defaults={"name": f"Can {action} rematch request"},
        )
    reminder = Reminder.objects.create(
        kind="rematch.leave_end.45d",
        content_type_id=content_type.pk,
        object_id=str(request.pk),
        recipient_role="hub_staff",
        region=region,
        due_at=now + dt.timedelta(days=3),
        unique_key="migration-test",
    )
    return {
        "RematchRequest": request.pk,
        "Introduction": introduction.pk,
        "Handover": handover.pk,
        "Vacancy": vacancy.pk,
        "PoolRequest": pool.pk,
        "PoolCandidate": candidate.pk,
        "PoolEvent": pool_event.pk,
        "PoolConfirmation": confirmation.pk,
        "Reminder": reminder.pk,
        "content_type": content_type.pk,
    }


def _events_of(model_name: str, pk: int) -> int:
    event_model = current_apps.get_model("rematch", TRACKED[model_name])
    return event_model.objects.filter(pgh_obj_id=pk).count()


def test_the_move_keeps_rows_references_history_and_guards(before_the_move: Any) -> None:
    """One trip back and forth (migrating takes a while): each part is a function below."""
    rows = _rows_before_the_move(before_the_move)
    old_events = before_the_move.get_model("recruits", "RematchRequestEvent")
    assert old_events.objects.filter(pgh_obj_id=rows["RematchRequest"]).count() == 1

    _migrate_to_the_end()

    _every_row_is_read_through_the_rematch_models(rows)
    _reminders_and_permissions_point_at_the_moved_models(rows)
    _each_change_is_recorded_once(rows)
    _the_pool_evidence_stays_protected(rows)
    _every_trigger_is_installed_and_none_is_left_over()


def _every_row_is_read_through_the_rematch_models(rows: dict[str, Any]) -> None:
    from rematch.models import Handover, PoolCandidate, PoolEvent, PoolRequest, RematchRequest

    request = RematchRequest.objects.get(pk=rows["RematchRequest"])
    assert request.timeline.count() == 1
    assert request.introductions.get().vacancy_id == rows["Vacancy"]
    assert Handover.objects.get(pk=rows["Handover"]).recruit_id == request.recruit_id
    candidate = PoolCandidate.objects.select_related("introduction").get(pk=rows["PoolCandidate"])
    assert candidate.introduction.request_id == request.pk
    assert PoolRequest.objects.get(pk=rows["PoolRequest"]).confirmation.number == "E12000005-2026-0001"
    assert PoolEvent.objects.get(pk=rows["PoolEvent"]).text == "Asked the hub"


def _reminders_and_permissions_point_at_the_moved_models(rows: dict[str, Any]) -> None:
    """The content type row was renamed in place: it now names the rematch app's model."""
    from rematch.models import RematchRequest

    reminder = Reminder.objects.get(pk=rows["Reminder"])
    assert reminder.content_type_id == rows["content_type"]
    assert reminder.about == RematchRequest.objects.get(pk=rows["RematchRequest"])
    assert ContentType.objects.get_for_model(RematchRequest).pk == rows["content_type"]
    assert Permission.objects.get(codename="view_rematchrequest").content_type_id == rows["content_type"]
    assert not ContentType.objects.filter(app_label__in=["recruits", "providers"], model="rematchrequest").exists()


def _each_change_is_recorded_once(rows: dict[str, Any]) -> None:
    """One event per change: the new trigger is installed and the old one is gone."""
    for name, field in CHANGED_FIELD.items():
        model = current_apps.get_model("rematch", name)
        assert _events_of(name, rows[name]) == 1, name  # the insert, recorded by the old trigger
        model.objects.filter(pk=rows[name]).update(**{field: "changed after the move"})
        assert _events_of(name, rows[name]) == 2, name


# A harmless text column of each tracked model, for an update the history trigger records.
CHANGED_FIELD = {
    "RematchRequest": "reason_details",
    "Introduction": "consent_how",
    "Handover": "note",
    "Vacancy": "title",
    "PoolRequest": "none_available_reason",
    "PoolCandidate": "decline_reason",
    "PoolConfirmation": "number",
}


def _the_pool_evidence_stays_protected(rows: dict[str, Any]) -> None:
    from rematch.models import PoolEvent

    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        PoolEvent.objects.filter(pk=rows["PoolEvent"]).update(text="Rewritten")
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        PoolEvent.objects.filter(pk=rows["PoolEvent"]).delete()


def _every_trigger_is_installed_and_none_is_left_over() -> None:
    moved = [(model, trigger) for model, trigger in pgtrigger.registered() if model._meta.app_label == "rematch"]
    assert len(moved) == 17  # 7 tracked models x insert and update, and 3 evidence guards
    statuses = {trigger.get_pgid(model): trigger.get_installation_status(model)[0] for model, trigger in moved}
    assert set(statuses.values()) == {"INSTALLED"}, statuses
    assert pgtrigger.prunable() == []
