"""Invitations: an invitation names the region, council, provider, recruit or training partner it grants a role on,
so it sits above providers and recruits, while `accounts.User` sits below them.

The model moved here from `accounts/` (issue 14) and keeps its tables (`accounts_invitation` and
its history `accounts_invitationevent`): see the app's first migration.
"""

import hashlib
import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from hubs.models import LocalAuthority, Region, TrainingPartner
from hubs.roles import Role
from providers.models import Provider
from recruits.models import Recruit


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


@pghistory.track(exclude=["token_hash"], meta={"db_table": "accounts_invitationevent"})
class Invitation(models.Model):
    """An invitation to join the portal with one role on one scope object."""

    email = models.EmailField()
    name = models.CharField("full name", max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    # The region is set for every role but national, so tenant queries can filter on it.
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    training_partner = models.ForeignKey(
        TrainingPartner, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        db_table = "accounts_invitation"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["region", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                name="invitation_scope_matches_role",
                condition=(
                    models.Q(role=Role.NATIONAL, region__isnull=True)
                    | models.Q(role__in=[Role.LEAD, Role.HUB_STAFF, Role.ADASS], region__isnull=False)
                    | models.Q(role=Role.COUNCIL, region__isnull=False, local_authority__isnull=False)
                    | models.Q(
                        role__in=[Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF],
                        region__isnull=False,
                        provider__isnull=False,
                    )
                    | models.Q(role=Role.RECRUIT, region__isnull=False, recruit__isnull=False)
                    | models.Q(role=Role.PARTNER, region__isnull=False, training_partner__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()}"

    @property
    def scope_object(self) -> models.Model | None:
        return self.recruit or self.provider or self.local_authority or self.training_partner or self.region

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"
