import uuid

import pghistory
from django.conf import settings
from django.db import models

from hubs.models import Region
from providers.models import Provider


class RecruitStatus(models.TextChoices):
    ARRIVING = "arriving", "Arriving"
    EMPLOYED = "employed", "Employed"
    AT_RISK = "at_risk", "At risk"
    DISPLACED = "displaced", "Displaced"
    REMATCHED = "rematched", "Rematched"
    LEFT = "left", "Left"


@pghistory.track()
class Recruit(models.Model):
    """An overseas care worker or nurse. The full record grows with the recruits issue."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="recruits")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="recruits")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="recruit"
    )
    given_names = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=12, choices=RecruitStatus.choices, default=RecruitStatus.ARRIVING)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_names"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["region", "family_name", "given_names"]),
            models.Index(fields=["provider", "status"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"
