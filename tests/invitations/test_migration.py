"""The move of `Invitation` from accounts/ to invitations/ keeps every row, its history and its
content type (accounts/0005, invitations/0001)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from invitations.models import Invitation
from tests.migrating import declared_trigger_names, migrate_to, migrate_to_latest, trigger_names

BEFORE_THE_MOVE = [("accounts", "0004_initial"), ("invitations", None)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_invitation_made_before_the_move_is_read_after_it(latest_migrations_after: None) -> None:
    old = migrate_to(BEFORE_THE_MOVE)
    old_content_types = old.get_model("contenttypes", "ContentType").objects
    assert old_content_types.filter(app_label="accounts", model="invitation").exists()
    region = old.get_model("hubs", "Region").objects.create(code="E99000001", name="Migration test region")
    made = old.get_model("accounts", "Invitation").objects.create(
        email="before.the.move@portal.test",
        role="hub_staff",
        region=region,
        token_hash="b" * 64,
        expires_at=timezone.now() + timedelta(days=3),
    )

    migrate_to_latest()

    invitation = Invitation.objects.get(public_id=made.public_id)
    assert (invitation.pk, invitation.email, invitation.role, invitation.region_id, invitation.state) == (
        made.pk,
        "before.the.move@portal.test",
        "hub_staff",
        region.pk,
        "pending",
    )
    invitation.revoked_at = timezone.now()
    invitation.save()
    # The insert was recorded by the old trigger, the change by the new one, and only by it.
    assert [event.pgh_label for event in invitation.events.order_by("pgh_id")] == ["insert", "update"]
    assert trigger_names("accounts_invitation") == declared_trigger_names(Invitation)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Invitation).app_label == "invitations"
    assert not ContentType.objects.filter(app_label="accounts", model__in=["invitation", "invitationevent"]).exists()
