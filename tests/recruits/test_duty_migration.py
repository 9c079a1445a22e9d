"""The move of `ReportingDuty` from providers/ to recruits/ keeps every row, its history, its
content type and so the reminders about it (providers/0008, recruits/0012)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notifications.models import Reminder
from recruits.duties.models import ReportingDuty
from tests.migrating import declared_trigger_names, migrate_to, migrate_to_latest, trigger_names

BEFORE_THE_MOVE = [("providers", "0007_pool_none_available_reason"), ("recruits", "0011_document_kinds_with_retention")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_duty_recorded_before_the_move_is_read_and_reminded_of_after_it(latest_migrations_after: None) -> None:
    old = migrate_to(BEFORE_THE_MOVE)
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="providers", model="reportingduty"
    )
    region = old.get_model("hubs", "Region").objects.create(code="E99000002", name="Duty migration region")
    provider = old.get_model("providers", "Provider").objects.create(region=region, name="Before The Move Ltd")
    made = old.get_model("providers", "ReportingDuty").objects.create(
        region=region,
        provider=provider,
        kind="organisation_change",
        event_date=date(2026, 11, 2),
        deadline=date(2026, 11, 30),
    )
    old.get_model("notifications", "Reminder").objects.create(
        recipient_role="provider_admin",
        provider=provider,
        region=region,
        kind="providers.duty_due",
        content_type=old_content_type,
        object_id=str(made.pk),
        due_at=timezone.now() + timedelta(days=1),
        unique_key="duty-before-the-move",
    )

    migrate_to_latest()

    duty = ReportingDuty.objects.get(public_id=made.public_id)
    assert (duty.pk, duty.provider_id, duty.kind, duty.deadline) == (
        made.pk,
        provider.pk,
        "organisation_change",
        date(2026, 11, 30),
    )
    assert Reminder.objects.get(unique_key="duty-before-the-move").about == duty
    duty.reported_on = date(2026, 11, 20)
    duty.save()
    # The insert was recorded by the old trigger, the change by the new one, and only by it.
    assert [event.pgh_label for event in duty.events.order_by("pgh_id")] == ["insert", "update"]
    assert trigger_names("providers_reportingduty") == declared_trigger_names(ReportingDuty)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(ReportingDuty).pk == old_content_type.pk
    assert not ContentType.objects.filter(
        app_label="providers", model__in=["reportingduty", "reportingdutyevent"]
    ).exists()
