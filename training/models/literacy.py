"""The hub's literacy assessment (issue 18 item 3): an external link, or a short assessment of the
hub's own questions held as data; bookings of recruits onto it and their results.

A passing result is recorded as English evidence of the "assessment" kind at the assessment's
level, so it unlocks a programme exactly as Entry 3 evidence does (`training/eligibility.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import RegionRecord
from recruits.models import EnglishLevel, Recruit
from training.models.catalogue import EnglishEvidence


class LiteracyMode(models.TextChoices):
    IN_PORTAL = "in_portal", "A short assessment in the portal, with our own questions"
    EXTERNAL = "external", "An assessment on another website (we record the result)"


class LiteracyAssessment(RegionRecord):
    """One per region: how its hub assesses literacy."""

    title = models.CharField(max_length=200, default="Online literacy assessment")
    mode = models.CharField("how it is taken", max_length=10, choices=LiteracyMode.choices)
    external_url = models.URLField("link to the assessment", blank=True)
    instructions = models.TextField("what the learner needs to know", blank=True)
    level = models.CharField(
        "level a pass shows", max_length=8, choices=EnglishLevel.choices, default=EnglishLevel.ENTRY_3
    )
    pass_mark = models.PositiveSmallIntegerField(
        "correct answers needed to pass", default=1, help_text="For the assessment in the portal."
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region"], name="literacy_assessment_one_per_region")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("literacy_assessment", args=[self.public_id])


class LiteracyQuestion(RegionRecord):
    """A question with its options; `correct` (the option's index) never leaves the server."""

    assessment = models.ForeignKey(LiteracyAssessment, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField("question")
    options = models.JSONField(default=list)
    correct = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["region", "assessment"])]

    def __str__(self) -> str:
        return self.text[:60]


class LiteracyBookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    PASSED = "passed", "Passed"
    NOT_PASSED = "not_passed", "Not passed"


class LiteracyBooking(RegionRecord):
    """A recruit, or a learner who is not one (nominated care staff, a student), booked onto the
    hub's assessment, and the result once taken."""

    assessment = models.ForeignKey(LiteracyAssessment, on_delete=models.PROTECT, related_name="bookings")
    recruit = models.ForeignKey(
        Recruit, on_delete=models.CASCADE, null=True, blank=True, related_name="literacy_bookings"
    )
    learner = models.ForeignKey(
        "training.Learner", on_delete=models.CASCADE, null=True, blank=True, related_name="literacy_bookings"
    )
    status = models.CharField(max_length=10, choices=LiteracyBookingStatus.choices, default="booked")
    answers = models.JSONField(default=dict, blank=True)  # question id → chosen option index
    score = models.CharField(max_length=50, blank=True)
    level = models.CharField("level reached", max_length=8, choices=EnglishLevel.choices, blank=True)
    taken_on = models.DateField(null=True, blank=True)
    evidence = models.OneToOneField(
        EnglishEvidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="literacy_booking"
    )
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    booked_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-booked_at", "-id"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["recruit", "status"]),
            models.Index(fields=["learner", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recruit__isnull=False, learner__isnull=True)
                | models.Q(recruit__isnull=True, learner__isnull=False),
                name="literacy_booking_recruit_or_learner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} for {self.recruit_id or self.learner_id}"

    @property
    def taker_name(self) -> str:
        """Who takes it: the recruit, or the learner who is not one."""
        if self.recruit_id and self.recruit:
            return self.recruit.full_name
        return self.learner.full_name if self.learner else ""

    def get_absolute_url(self) -> str:
        return reverse("literacy_booking", args=[self.public_id])

    @property
    def is_taken(self) -> bool:
        return self.status != LiteracyBookingStatus.BOOKED
