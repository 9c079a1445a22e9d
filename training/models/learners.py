"""Learners: whoever a hub's training is booked for.

A learner is a care worker a provider of the region nominates (not a sponsored recruit: the
minimum personal data, name, role, employer and email), a recruit (the learner row is linked one
to one to the recruit record, whose details it reads) or a student put forward for a placement by
their college or university (name, course, email). Bookings and certificates hang off the
learner, so one booking flow serves all of them.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import Region, RegionRecord, TrainingPartner
from providers.models import Provider
from recruits.models import Recruit


class LearnerKind(models.TextChoices):
    STAFF = "staff", "Care staff nominated by their employer"
    RECRUIT = "recruit", "International recruit"
    STUDENT = "student", "Student"


@pghistory.track()
class Learner(RegionRecord):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="learners")
    kind = models.CharField(max_length=10, choices=LearnerKind.choices)
    # A recruit's learner row: the recruit record holds the name, email and current employer.
    recruit = models.OneToOneField(Recruit, on_delete=models.CASCADE, null=True, blank=True, related_name="learner")
    name = models.CharField("full name", max_length=200, blank=True)
    job_role = models.CharField("role", max_length=200, blank=True, help_text="For example, senior care assistant.")
    employer = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="learners")
    email = models.EmailField("email address", blank=True)
    # A student: their course and the college or university that put them forward.
    course = models.CharField("course", max_length=200, blank=True, help_text="For example, BSc Adult Nursing, year 2.")
    partner = models.ForeignKey(
        TrainingPartner, on_delete=models.PROTECT, null=True, blank=True, related_name="students"
    )
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["region", "kind", "name"]),
            models.Index(fields=["employer", "name"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="recruit") & models.Q(recruit__isnull=False))
                | (~models.Q(kind="recruit") & models.Q(recruit__isnull=True) & ~models.Q(name="")),
                name="learner_recruit_or_named",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="staff") | models.Q(employer__isnull=False),
                name="learner_staff_has_employer",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="student") | models.Q(partner__isnull=False),
                name="learner_student_has_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("learner_detail", args=[self.public_id])

    @property
    def full_name(self) -> str:
        return self.recruit.full_name if self.recruit_id and self.recruit else self.name

    @property
    def contact_email(self) -> str:
        return self.recruit.email if self.recruit_id and self.recruit else self.email

    @property
    def employer_now(self) -> Provider | None:
        return self.recruit.provider if self.recruit_id and self.recruit else self.employer

    @property
    def employer_id_now(self) -> int | None:
        """The employer today: a recruit's current provider, else the nominating provider."""
        return self.recruit.provider_id if self.recruit_id and self.recruit else self.employer_id


class LearnerSignInCode(models.Model):
    """A one-time code emailed to a learner without a portal account; only its hash is kept."""

    email = models.EmailField()
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email", "-created_at"])]

    def __str__(self) -> str:
        return f"sign-in code for {self.email}"
