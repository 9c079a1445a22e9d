"""Student placements (issue 18 item 2): a provider offers placements (setting, dates, number of
places, requirements); a college or university of the region (a `partner` grant on a
`hubs.TrainingPartner`) puts its students forward; the hub team or the provider's admin accepts or
declines with a reason; the provider records attendance by day or by week and writes the placement
report at the end, which the student and the partner read."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import RegionOwned, RegionRecord, TrainingPartner
from providers.models import Provider
from training.models.learners import Learner


@pghistory.track()
class PlacementOffer(RegionRecord):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="placement_offers")
    setting = models.CharField(
        "setting", max_length=200, help_text="Where the student will work, for example a dementia nursing unit."
    )
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date")
    places = models.PositiveSmallIntegerField("number of places")
    requirements = models.TextField(
        "requirements", blank=True, help_text="For example, year of the course, a DBS check, shifts to cover."
    )
    active = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        indexes = [
            models.Index(fields=["region", "starts_on", "id"]),
            models.Index(fields=["provider", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="placement_dates"),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="placement_places_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.setting} ({self.starts_on:%-d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse("placement_offer_detail", args=[self.public_id])


class PlacementStatus(models.TextChoices):
    PUT_FORWARD = "put_forward", "Put forward"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


@pghistory.track()
class Placement(RegionRecord):
    """A student put forward for an offer by their college or university, and what became of it."""

    offer = models.ForeignKey(PlacementOffer, on_delete=models.CASCADE, related_name="placements")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="placements")
    partner = models.ForeignKey(TrainingPartner, on_delete=models.PROTECT, related_name="placements")
    status = models.CharField(max_length=12, choices=PlacementStatus.choices, default=PlacementStatus.PUT_FORWARD)
    note = models.TextField("note for the provider", blank=True)
    put_forward_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    report = models.TextField("placement report", blank=True)
    report_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    report_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["partner", "created_at"]),
        ]
        constraints = [models.UniqueConstraint(fields=["offer", "learner"], name="one_placement_per_student_offer")]

    def __str__(self) -> str:
        return f"{self.learner} at {self.offer}"

    def get_absolute_url(self) -> str:
        return reverse("placement_detail", args=[self.public_id])


class AttendanceUnit(models.TextChoices):
    DAY = "day", "A day"
    WEEK = "week", "A week"


class PlacementAttendance(RegionOwned):
    """Attendance on a placement for one day (0 or 1 day attended) or one week (0 to 7 days)."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="attendance")
    unit = models.CharField(max_length=4, choices=AttendanceUnit.choices)
    starts_on = models.DateField("day, or first day of the week")
    days_attended = models.PositiveSmallIntegerField("days attended")
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "unit", "starts_on"], name="one_attendance_per_period"),
            models.CheckConstraint(
                condition=models.Q(unit="day", days_attended__lte=1) | models.Q(unit="week", days_attended__lte=7),
                name="placement_attendance_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement}: {self.days_attended} on {self.unit} from {self.starts_on}"
