"""`ReportingDuty`, moved here from providers/ (issue 14) with its tables kept (`providers_reportingduty`
and its history `providers_reportingdutyevent`): see recruits/0012 and providers/0008."""

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import RegionRecord
from providers.models import Provider


class DutyKind(models.TextChoices):
    DID_NOT_START = "did_not_start", "Worker did not start"
    UNAUTHORISED_ABSENCE = "unauthorised_absence", "Unauthorised absence over 10 working days"
    PAY_CUT = "pay_cut", "Pay cut below the salary on the certificate of sponsorship (CoS)"
    JOB_CHANGE = "job_change", "Change of job, duties or work location"
    UNPAID_ABSENCE = "unpaid_absence", "Unpaid absence over 4 weeks in a year"
    EMPLOYMENT_ENDED = "employment_ended", "Employment ended"
    ORGANISATION_CHANGE = "organisation_change", "Change to the organisation"


@pghistory.track(meta={"db_table": "providers_reportingdutyevent"})
class ReportingDuty(RegionRecord):
    """Something the provider must report to UKVI through the Sponsor Management System, by a deadline."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="duties")
    recruit = models.ForeignKey(
        "recruits.Recruit", on_delete=models.CASCADE, null=True, blank=True, related_name="duties"
    )
    kind = models.CharField(max_length=24, choices=DutyKind.choices)
    event_date = models.DateField(help_text="The day the event happened (for an absence: its first day).")
    deadline = models.DateField("report by")
    details = models.TextField(blank=True)
    reported_on = models.DateField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "providers_reportingduty"
        ordering = ["deadline", "id"]
        verbose_name_plural = "reporting duties"
        indexes = [
            models.Index(
                fields=["region", "deadline"], condition=models.Q(reported_on__isnull=True), name="duty_open_by_region"
            ),
            models.Index(fields=["provider", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.deadline:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("duty_list")
