"""A provider's vacancy: what the job is, where, for how much, and whether it comes with sponsorship."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from hubs.models import Region, RegionRecord
from providers.models import Provider


class VacancyRole(models.TextChoices):
    # The same values as recruits.models.JobRole, so a vacancy and a worker compare directly.
    CARE_WORKER = "care_worker", "Care worker"
    SENIOR_CARE_WORKER = "senior_care_worker", "Senior care worker"
    NURSE = "nurse", "Nurse"
    OTHER = "other", "Other"


class ShiftPattern(models.TextChoices):
    DAYS = "days", "Days"
    NIGHTS = "nights", "Nights"
    LONG_DAYS = "long_days", "Long days (12 hours)"
    ROTATING = "rotating", "Rotating days and nights"
    FLEXIBLE = "flexible", "Flexible or variable"


class VacancyStatus(models.TextChoices):
    OPEN = "open", "Open"
    FILLED = "filled", "Filled"
    WITHDRAWN = "withdrawn", "Withdrawn"


@pghistory.track(meta={"db_table": "providers_vacancyevent"})
class Vacancy(RegionRecord):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="vacancies")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(max_length=200)
    job_role = models.CharField(max_length=20, choices=VacancyRole.choices, default=VacancyRole.CARE_WORKER)
    occupation_code = models.CharField("occupation code (SOC 2020)", max_length=4)
    hours_per_week = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(1, "Enter at least 1 hour a week.")]
    )
    pay_per_hour = models.DecimalField("pay per hour (£)", max_digits=6, decimal_places=2)
    pay_per_year = models.DecimalField("pay per year (£)", max_digits=9, decimal_places=2)
    postcode = models.CharField(max_length=10)
    shift_pattern = models.CharField(max_length=10, choices=ShiftPattern.choices, default=ShiftPattern.DAYS)
    driving_required = models.BooleanField("driving licence and car needed", default=False)
    start_date = models.DateField()
    sponsorship_offered = models.BooleanField(default=True)
    posts = models.PositiveSmallIntegerField(
        "number of posts", default=1, validators=[MinValueValidator(1, "Enter at least 1 post.")]
    )
    status = models.CharField(max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN)
    # Stored so lists can show and filter it; computed by the service from the pay thresholds
    # (dated figures in portal/data/policy_figures.csv).
    below_pay_threshold = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "providers_vacancy"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "vacancies"
        indexes = [
            models.Index(
                fields=["region", "job_role", "id"], condition=models.Q(status="open"), name="vacancy_open_by_role"
            ),
            models.Index(fields=["region", "-id"], name="vacancy_region_recent"),
            models.Index(fields=["provider", "status"], name="vacancy_provider_status"),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.provider}"

    def get_absolute_url(self) -> str:
        return reverse("vacancy_detail", kwargs={"public_id": self.public_id})

    @property
    def outward_code(self) -> str:
        return self.postcode.split()[0] if self.postcode else ""
