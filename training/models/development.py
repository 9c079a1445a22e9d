"""A recruit's own development: the Care Certificate self-assessment and the personal development
plan (goals, strengths, gaps, dated actions, reviews at least yearly). Both belong to the Recruit."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from hubs.models import RegionOwned, RegionRecord
from recruits.models import Recruit


class CareCertificateStandard(models.Model):
    """One of the 16 standards (2025 version), loaded from training/data/ by a data migration."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    confirmed = models.BooleanField(default=True, help_text="False while the official 2025 wording is unconfirmed.")
    # Programmes or modules whose title or topics match one of these are suggested for a gap.
    suggested_topics = ArrayField(models.CharField(max_length=200), default=list, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SelfRating(models.TextChoices):
    CONFIDENT = "confident", "I can do this confidently"
    SOME = "some", "I have done some of this"
    NOT_YET = "not_yet", "I need training in this"


class StandardReview(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", "Not reviewed yet"
    ASSESSED = "assessed", "Assessed as met"
    NEEDS_TRAINING = "needs_training", "Needs training"


@pghistory.track()
class SelfAssessment(RegionOwned):
    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="care_certificate")
    standard = models.ForeignKey(CareCertificateStandard, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=10, choices=SelfRating.choices, blank=True)
    evidence_notes = models.TextField(blank=True)
    review = models.CharField(max_length=16, choices=StandardReview.choices, default=StandardReview.NOT_REVIEWED)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["standard__number"]
        constraints = [models.UniqueConstraint(fields=["recruit", "standard"], name="self_assessment_once")]

    def __str__(self) -> str:
        return f"{self.recruit}: standard {self.standard.number}"

    @property
    def is_gap(self) -> bool:
        return self.review == StandardReview.NEEDS_TRAINING or (
            self.review == StandardReview.NOT_REVIEWED and self.rating == SelfRating.NOT_YET
        )


@pghistory.track()
class DevelopmentPlan(RegionRecord):
    """The personal development plan: one per recruit, agreed by the recruit and a manager."""

    recruit = models.OneToOneField(Recruit, on_delete=models.CASCADE, related_name="development_plan")
    goals = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    gaps = models.TextField(blank=True)
    next_review = models.DateField(null=True, blank=True)
    agreed_by_recruit_at = models.DateTimeField(null=True, blank=True)
    agreed_by_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_by_manager_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Development plan of {self.recruit}"

    def get_absolute_url(self) -> str:
        return reverse("development_plan", args=[self.recruit.public_id])


class DevelopmentAction(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.action


class DevelopmentReview(models.Model):
    """One review of the plan: the history the issue asks for."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    notes = models.TextField(blank=True)
    next_review = models.DateField()

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on}"
