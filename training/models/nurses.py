"""Nurses' OSCE: the deadline (configurable, counted from the CoS start) and up to 3 attempts.

The recruit record keeps the summary (`Recruit.osce_date`, `Recruit.osce_attempts`, max 3);
these rows keep each attempt and the deadline, and the services here keep the summary in step.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import RegionOwned
from recruits.models import Recruit


@pghistory.track()
class OsceTracker(RegionOwned):
    recruit = models.OneToOneField(Recruit, on_delete=models.CASCADE, related_name="osce_tracker")
    cos_start = models.DateField("CoS start date")
    deadline = models.DateField("OSCE deadline")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"OSCE of {self.recruit}, by {self.deadline}"

    def get_absolute_url(self) -> str:
        return reverse("osce", args=[self.recruit.public_id])


class OsceResult(models.TextChoices):
    BOOKED = "booked", "Booked"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Not passed"


@pghistory.track()
class OsceAttempt(RegionOwned):
    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="osce_attempt_rows")
    date = models.DateField()
    result = models.CharField(max_length=8, choices=OsceResult.choices, default=OsceResult.BOOKED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"OSCE on {self.date}: {self.get_result_display()}"
