"""Licence-compliance cases (issue 6): licence events, cases with steps from the region's protocol,
affected workers, the case timeline, and the public sponsor register watch."""

from __future__ import annotations

import uuid
from typing import Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from hubs.models import Region, RegionRecord
from providers.models import LicenceChange, LicenceRating, LicenceSource, Provider
from recruits.models import Recruit


class EventKind(models.TextChoices):
    B_RATING = "b_rating", "Downgraded to a B-rating"
    SUSPENSION = "suspension", "Suspended"
    REINSTATEMENT = "reinstatement", "Reinstated"
    REVOCATION = "revocation", "Revoked"
    SURRENDER = "surrender", "Surrendered"


# Events that put the provider's workers at risk: each opens (or offers to open) a case.
CASE_EVENTS = {EventKind.SUSPENSION, EventKind.REVOCATION, EventKind.SURRENDER}


@pghistory.track()
class LicenceEvent(RegionRecord):
    """One licence event with its clock; the provider's status and rating move through the
    `LicenceChange` it records (providers.services.provider_change_licence)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="licence_events")
    kind = models.CharField(max_length=14, choices=EventKind.choices)
    event_date = models.DateField(help_text="The date of the UKVI letter or the day the event took effect.")
    rating = models.CharField(max_length=1, choices=LicenceRating.choices, blank=True)
    action_plan_ends = models.DateField(null=True, blank=True)
    representation_deadline = models.DateField(null=True, blank=True)
    cooling_off_ends = models.DateField(null=True, blank=True)
    repeat_revocation = models.BooleanField(default=False)
    # Rule 3: a B-rating's action-plan fee is due within 10 working days (a dated policy figure).
    fee_due = models.DateField("action-plan fee due", null=True, blank=True)
    fee_paid_on = models.DateField("action-plan fee paid on", null=True, blank=True)
    source = models.CharField(max_length=10, choices=LicenceSource.choices, default=LicenceSource.OTHER)
    note = models.TextField(blank=True)
    licence_change = models.OneToOneField(LicenceChange, on_delete=models.PROTECT, related_name="event")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-event_date", "-id"]
        indexes = [models.Index(fields=["region", "-event_date"]), models.Index(fields=["provider", "-event_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.event_date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        """Reminders about an event (the suspension response, the action-plan fee) open the provider's page."""
        return self.provider.get_absolute_url()


class EventDateCorrection(models.Model):
    """A lead corrected a wrongly entered event date: what it was, what it became, who, when and why."""

    event = models.ForeignKey(LicenceEvent, on_delete=models.CASCADE, related_name="date_corrections")
    old_date = models.DateField()
    new_date = models.DateField()
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-corrected_at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_date:%-d %B %Y} corrected to {self.new_date:%-d %B %Y}"


class Performer(models.TextChoices):
    OWNER = "owner", "The case owner"
    LEAD = "lead", "The regional lead"
    HUB_STAFF = "hub_staff", "Hub staff"


class OffsetUnit(models.TextChoices):
    WORKING = "working", "working days"
    CALENDAR = "calendar", "calendar days"


class ProtocolTemplate(models.Model):
    """A region's protocol: the steps every new case of the region starts with."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="protocol")
    is_default = models.BooleanField(
        default=True, help_text="Still the portal's sample protocol, not the region's own."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Protocol of {self.region}"


class ProtocolStep(models.Model):
    template = models.ForeignKey(ProtocolTemplate, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    performer = models.CharField("who does it", max_length=10, choices=Performer.choices, default=Performer.OWNER)
    due_offset = models.PositiveSmallIntegerField("due after")
    offset_unit = models.CharField(max_length=8, choices=OffsetUnit.choices, default=OffsetUnit.WORKING)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACTIVE = "active", "Active"
    MONITORING = "monitoring", "Monitoring"
    CLOSED = "closed", "Closed"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


@pghistory.track()
class ComplianceCase(RegionRecord):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="compliance_cases")
    event = models.ForeignKey(LicenceEvent, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    priority = models.CharField(max_length=6, choices=Priority.choices, default=Priority.HIGH)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lessons_learned = models.TextField(blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    all_contacted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["region", "status", "-id"]), models.Index(fields=["provider", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["provider"], condition=~models.Q(status="closed"), name="one_open_case_per_provider"
            )
        ]

    def __str__(self) -> str:
        return f"Compliance case: {self.provider.name}"

    def get_absolute_url(self) -> str:
        return reverse("case_detail", kwargs={"public_id": self.public_id})


@pghistory.track()
class CaseStep(models.Model):
    """A step copied from the protocol when the case opened: later template edits never change it."""

    case = models.ForeignKey(ComplianceCase, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    performer = models.CharField(max_length=10, choices=Performer.choices, default=Performer.OWNER)
    due_on = models.DateField()
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completion_note = models.TextField(blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["case", "position"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("step_detail", kwargs={"public_id": self.public_id})


class EntryKind(models.TextChoices):
    NOTE = "note", "Note"
    CALL = "call", "Call"
    EMAIL = "email", "Email"
    DOCUMENT = "document", "Document"
    SYSTEM = "system", "Recorded by the portal"
    COUNCIL = "council", "Note from the council"


class CaseEntry(models.Model):
    """The case timeline. Only entries marked shareable reach the council officers."""

    case = models.ForeignKey(ComplianceCase, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=EntryKind.choices, default=EntryKind.NOTE)
    text = models.TextField()
    shareable = models.BooleanField("share with the council", default=False)
    document_name = models.CharField(max_length=255, blank=True)
    stored_name = models.CharField(max_length=100, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.at:%d %b %Y}"


class WorkerStatus(models.TextChoices):
    NOT_CONTACTED = "not_contacted", "Not contacted"
    CONTACTED = "contacted", "Contacted"
    SUPPORTED = "supported", "Supported"
    REMATCH_OPENED = "rematch_opened", "Rematch request opened"
    PLACED = "placed", "Placed"
    LEFT_UK = "left_uk", "Left the UK"
    NO_RESPONSE = "no_response", "No response"


class WorkerSource(models.TextChoices):
    RECORDS = "records", "The portal's records"
    LIST = "list", "A pasted or uploaded list"


@pghistory.track()
class AffectedWorker(models.Model):
    case = models.ForeignKey(ComplianceCase, on_delete=models.CASCADE, related_name="workers")
    recruit = models.ForeignKey(Recruit, on_delete=models.PROTECT, related_name="compliance_cases")
    status = models.CharField(max_length=16, choices=WorkerStatus.choices, default=WorkerStatus.NOT_CONTACTED)
    source = models.CharField(max_length=8, choices=WorkerSource.choices, default=WorkerSource.RECORDS)
    contacted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["recruit__family_name", "recruit__given_names", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "recruit"], name="one_row_per_worker_and_case")]
        indexes = [models.Index(fields=["case", "status"])]

    def __str__(self) -> str:
        return f"{self.recruit} ({self.get_status_display()})"


# -- the public sponsor register ------------------------------------------------------------------


class RegisterLayout(models.TextChoices):
    CLASSIC = "classic", "Organisation Name, Town/City, County, Type & Rating, Route"
    MAY_2026 = (
        "may_2026",
        "Sponsor Licence Number, Organisation Name, TierRating, Migrant Classification, Sponsor Status",
    )


class RegisterImport(models.Model):
    """One import of the register: its summary is kept for good."""

    class Status(models.TextChoices):
        DONE = "done", "Imported"
        FAILED = "failed", "Refused"

    source = models.CharField(max_length=500)
    layout = models.CharField(max_length=10, choices=RegisterLayout.choices, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DONE)
    error = models.TextField(blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField(default=0)
    organisations = models.PositiveIntegerField(default=0)
    providers_checked = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    uncertain = models.PositiveIntegerField(default=0)
    changes = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Register import of {self.started_at:%d %b %Y %H:%M}"


class RegisterMatch(models.Model):
    """How a provider is found in the register: by licence number, or by the name (and town) a
    lead confirmed once."""

    provider = models.OneToOneField(Provider, on_delete=models.CASCADE, related_name="register_match")
    licence_number = models.CharField(max_length=20, blank=True)
    name_key = models.CharField(max_length=200, blank=True)
    town_key = models.CharField(max_length=100, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.provider} on the register"


class RegisterState(models.Model):
    """What the register said about a provider, written only when it changed: the full history."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="register_states")
    register_import = models.ForeignKey(RegisterImport, on_delete=models.PROTECT, related_name="states")
    present = models.BooleanField()
    rating = models.CharField(max_length=1, choices=LicenceRating.choices, blank=True)
    routes = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    register_name = models.CharField(max_length=300, blank=True)
    town = models.CharField(max_length=100, blank=True)
    licence_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-register_import_id", "-id"]
        indexes = [models.Index(fields=["provider", "-register_import"])]

    def __str__(self) -> str:
        return f"{self.provider}: {'on' if self.present else 'missing from'} the register"


class RegisterCandidate(models.Model):
    """An uncertain match waiting for a lead: one row of the register that may be the provider."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="register_candidates")
    register_import = models.ForeignKey(RegisterImport, on_delete=models.CASCADE, related_name="candidates")
    register_name = models.CharField(max_length=300)
    town = models.CharField(max_length=100, blank=True)
    licence_number = models.CharField(max_length=20, blank=True)
    reason = models.CharField(max_length=300)
    rejected = models.BooleanField(default=False)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["provider__name", "register_name", "town", "id"]
        indexes = [models.Index(fields=["region", "rejected"])]

    def __str__(self) -> str:
        return f"{self.register_name} ({self.town or 'no town'}) for {self.provider}?"


class AlertKind(models.TextChoices):
    MISSING = "missing", "No longer on the register (possible revocation or surrender)"
    B_RATING = "b_rating", "Now B-rated on the register"
    ROUTE_CHANGE = "route_change", "Its routes on the register changed"


class AlertStatus(models.TextChoices):
    OPEN = "open", "Waiting for the lead"
    ACTED = "acted", "Event recorded"
    DISMISSED = "dismissed", "Dismissed"


class RegisterAlert(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="register_alerts")
    register_import = models.ForeignKey(RegisterImport, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(max_length=14, choices=AlertKind.choices)
    details = models.TextField()
    status = models.CharField(max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    event = models.ForeignKey(LicenceEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "status", "-id"])]

    def __str__(self) -> str:
        return f"{self.provider}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("alert_detail", kwargs={"public_id": self.public_id})

    @property
    def suggested_event(self) -> Any:
        return EventKind.B_RATING if self.kind == AlertKind.B_RATING else EventKind.REVOCATION
