"""The displaced-worker pool: a provider's request, the candidates the hub put forward, the
history (evidence) and the hub's confirmation that nobody suitable was found."""

from __future__ import annotations

import uuid

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import RegionRecord
from providers.models import Provider
from rematch.models.requests import Introduction
from rematch.models.vacancies import Vacancy

# The care roles the pool rule covers (SOC 2020 6135 and 6136).
POOL_ROLES = ("care_worker", "senior_care_worker")
COS_POOL_STATEMENT = "Candidate has been recruited from the displaced worker pool"
# "None available" while the answer page lists workers who could fit: the hub must say why.
NONE_REASON_NEEDED = (
    "Say why none of the workers listed can be put forward, for example that they do not want this job, "
    "cannot work its hours or live too far away"
)


class PoolStatus(models.TextChoices):
    OPEN = "open", "Waiting for the hub"
    SHORTLISTED = "shortlisted", "Shortlist sent"
    NONE_AVAILABLE = "none_available", "No displaced worker available"
    HIRED = "hired", "Hired from the pool"
    NONE_SUITABLE = "none_suitable", "Nobody suitable: confirmation to issue"
    CONFIRMED = "confirmed", "Confirmation issued"
    CLOSED = "closed", "Closed: UKVI told"


# After these the request is evidence: nothing about it changes.
FINAL_STATUSES = (PoolStatus.HIRED, PoolStatus.CLOSED)


@pghistory.track(
    model_name="PoolRequestHistory",
    obj_field=pghistory.ObjForeignKey(related_name="history"),
    meta={"db_table": "providers_poolrequesthistory"},
)
class PoolRequest(RegionRecord):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="pool_requests")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="pool_requests")
    status = models.CharField(max_length=16, choices=PoolStatus.choices, default=PoolStatus.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Why the hub answered "none available" although workers were listed for the vacancy (evidence).
    none_available_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "providers_poolrequest"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["region", "status", "-id"], name="pool_region_status"),
            models.Index(fields=["provider", "-id"], name="pool_provider_recent"),
        ]
        # The services refuse changes to a final request; the database refuses them too.
        triggers = [
            pgtrigger.Protect(
                name="pool_request_final_is_evidence",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status__in=[s.value for s in FINAL_STATUSES]),
            )
        ]

    def __str__(self) -> str:
        return f"Pool request for {self.vacancy_id}"

    def get_absolute_url(self) -> str:
        return reverse("pool_detail", kwargs={"public_id": self.public_id})

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


class CandidateOutcome(models.TextChoices):
    PENDING = "pending", "Not assessed yet"
    INTERVIEWED = "interviewed", "Interviewed"
    OFFERED = "offered", "Offered the job"
    DECLINED = "declined", "Declined"
    HIRED = "hired", "Hired"


@pghistory.track(meta={"db_table": "providers_poolcandidateevent"})
class PoolCandidate(models.Model):
    """A consenting displaced worker the hub put forward (through an introduction)."""

    pool_request = models.ForeignKey(PoolRequest, on_delete=models.CASCADE, related_name="candidates")
    introduction = models.OneToOneField(Introduction, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=12, choices=CandidateOutcome.choices, default=CandidateOutcome.PENDING)
    decline_reason = models.TextField(blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        db_table = "providers_poolcandidate"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Candidate {self.pk} of {self.pool_request_id}"


class PoolEvent(models.Model):
    """The request's history, written once and never changed: the evidence."""

    pool_request = models.ForeignKey(PoolRequest, on_delete=models.CASCADE, related_name="events")
    text = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "providers_poolevent"
        ordering = ["at", "id"]
        triggers = [pgtrigger.Protect(name="pool_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self) -> str:
        return self.text[:50]


@pghistory.track(meta={"db_table": "providers_poolconfirmationevent"})
class PoolConfirmation(models.Model):
    """The hub's confirmation that the provider asked and nobody suitable was found."""

    pool_request = models.OneToOneField(PoolRequest, on_delete=models.PROTECT, related_name="confirmation")
    number = models.CharField(max_length=30, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    ukvi_told_on = models.DateField(null=True, blank=True)
    ukvi_told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "providers_poolconfirmation"
        # Once UKVI was told, the confirmation is part of the evidence.
        triggers = [
            pgtrigger.Protect(
                name="pool_confirmation_sent_is_evidence",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__ukvi_told_on__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.number
