"""Issue 21: pastoral support moved from training/ to pastoral/ and no data moved.

The database goes back to before the move; rows are written with the models as they were then
(a plan, a check-in with answers, a reminder about the check-in through its content type); the
database goes forward again, and everything reads back through pastoral's models, with the
history triggers reinstalled under their new names (the old ones gone, none written twice).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pgtrigger
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from notifications.models import Reminder
from pastoral.models import CheckIn, CheckInAnswers, PastoralPlan
from tests.factories import ProviderFactory, RecruitFactory, region
from tests.migrating import migrate_to

LAST_BEFORE_THE_MOVE = ("training", "0008_merge_pastoral_and_resource_documents")
MOVED_TABLES = ["training_appointment", "training_checkinanswers", "training_concern", "training_pastoralplan"]


def _history_triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'pgtrigger_%%' AND tgrelid::regclass::text = ANY(%s)",
            [MOVED_TABLES],
        )
        return {name for (name,) in cursor.fetchall()}


def _write_before_the_move(old: Any) -> dict[str, Any]:
    recruit = RecruitFactory(provider=ProviderFactory(region=region("E12000005")))
    start = dt.date(2026, 1, 5)
    plan = old.get_model("training", "PastoralPlan").objects.create(
        region_id=recruit.region_id,
        recruit_id=recruit.pk,
        start_date=start,
        end_date=dt.date(2027, 1, 5),
        steps=["1w", "1m"],
        manager_name="Grace Okafor",
    )
    check_in = old.get_model("training", "CheckIn").objects.create(
        region_id=recruit.region_id,
        plan=plan,
        provider_id=recruit.provider_id,
        step="1w",
        due_date=start + dt.timedelta(weeks=1),
    )
    choices = {key: "yes" for key in ("pay_as_promised", "deductions", "hours_cut", "housing_tied")}
    old.get_model("training", "CheckInAnswers").objects.create(
        check_in=check_in, feeling="okay", documents_kept="no", feel_safe="yes", hub_notes="Called back.", **choices
    )
    about = old.get_model("contenttypes", "ContentType").objects.get_or_create(app_label="training", model="checkin")[0]
    old.get_model("notifications", "Reminder").objects.create(
        kind="pastoral.check_in",
        content_type=about,
        object_id=str(check_in.pk),
        region_id=recruit.region_id,
        recipient_role="hub_staff",
        due_at=timezone.now() + dt.timedelta(days=3),
        unique_key="pastoral-move-test",
    )
    return {"plan": plan.public_id, "check_in": check_in.public_id, "content_type": about.pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_reminders_and_history_survive_the_move() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    new_triggers = _history_triggers()
    old = migrate_to([LAST_BEFORE_THE_MOVE, ("pastoral", None)])
    old_triggers = _history_triggers()
    assert len(old_triggers) == 8 and old_triggers.isdisjoint(new_triggers)
    written = _write_before_the_move(old)

    executor.loader.build_graph()
    executor.migrate(latest)
    ContentType.objects.clear_cache()

    assert _history_triggers() == new_triggers
    assert pgtrigger.prunable() == []
    for model, trigger in pgtrigger.registered():
        if model._meta.app_label == "pastoral":
            assert trigger.get_installation_status(model)[0] == "INSTALLED", trigger.get_pgid(model)
    check_in = CheckIn.objects.select_related("plan", "answers").get(public_id=written["check_in"])
    assert check_in.plan.public_id == written["plan"]
    assert check_in.plan.manager_name == "Grace Okafor"
    assert check_in.answers.hub_notes == "Called back."
    reminder = Reminder.objects.get(unique_key="pastoral-move-test")
    assert reminder.content_type_id == written["content_type"]
    assert reminder.about == check_in
    assert not ContentType.objects.filter(app_label="training", model="checkin").exists()

    plan = PastoralPlan.objects.get(public_id=written["plan"])
    plan.manager_name = "Grace Okafor-Bello"
    plan.save()
    CheckInAnswers.objects.filter(check_in=check_in).update(hub_notes="Called back twice.")
    assert list(plan.events.order_by("pgh_id").values_list("pgh_label", "manager_name")) == [
        ("insert", "Grace Okafor"),
        ("update", "Grace Okafor-Bello"),
    ]
    assert list(check_in.answers.events.order_by("pgh_id").values_list("pgh_label", flat=True)) == ["insert", "update"]
