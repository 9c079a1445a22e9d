"""Rematch requests: a displaced worker who needs a new sponsor, with their clock and timeline."""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import Hub, Region, RegionRecord
from providers.models import Provider
from rematch.models.vacancies import Vacancy


class Door(models.TextChoices):
    PROVIDER = "provider", "Request from the employer"
    RECRUIT = "recruit", "Self-referral (portal account)"
    PUBLIC = "public", "Self-referral (public form)"
    HUB = "hub", "Opened by the hub"


class RematchStatus(models.TextChoices):
    NEW = "new", "New"
    TRIAGE = "triage", "Triage"
    SEARCHING = "searching", "Searching"
    INTRODUCED = "introduced", "Introduced"
    OFFERED = "offered", "Offered"
    PLACED = "placed", "Placed"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = [
    RematchStatus.NEW,
    RematchStatus.TRIAGE,
    RematchStatus.SEARCHING,
    RematchStatus.INTRODUCED,
    RematchStatus.OFFERED,
]


class Outcome(models.TextChoices):
    PLACED = "placed", "Placed with a new employer"
    LEFT_UK = "left_uk", "Left the UK"
    SWITCHED_ROUTE = "switched_route", "Switched to another visa route"
    MOVED_REGION = "moved_region", "Moved to another region"
    NO_CONTACT = "no_contact", "No contact"


class RequestReason(models.TextChoices):
    CANNOT_CONTINUE = "cannot_continue", "We cannot continue to employ them"
    NOT_ENOUGH_WORK = "not_enough_work", "Not enough work"
    LICENCE_LOST = "licence_lost", "Sponsor licence revoked or surrendered"
    WORKER_ASKED = "worker_asked", "The worker asked for help"
    OTHER = "other", "Other"


class Travel(models.TextChoices):
    # Distances are approximated from postcodes (docs/ARCHITECTURE.md, "Rematching"): no
    # coordinates ship with the portal, so travel is described by how much of the postcode matches.
    DISTRICT = "district", "Only nearby (the same postcode district, like B1)"
    AREA = "area", "Within the postcode area (like all of B)"
    REGION = "region", "Anywhere in the region"


@pghistory.track(meta={"db_table": "recruits_rematchrequestevent"})
class RematchRequest(RegionRecord):
    """One worker's need for a new sponsor, from whichever door it came in."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="rematch_requests")
    hub = models.ForeignKey(Hub, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Empty only for a public self-referral that the hub has not confirmed yet.
    recruit = models.ForeignKey(
        "recruits.Recruit", on_delete=models.PROTECT, null=True, blank=True, related_name="rematch_requests"
    )
    # The employer the request came from (door "provider"), or the sponsor the worker named.
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="rematch_requests"
    )
    door = models.CharField(max_length=10, choices=Door.choices)
    # The employer asked too, after the worker had (confidentially) referred themself: the
    # employer then sees the request's status and dates, never the worker's own words.
    provider_requested = models.BooleanField(default=False)
    pending = models.BooleanField(default=False, help_text="A public self-referral waiting for the hub to confirm it.")
    status = models.CharField(max_length=12, choices=RematchStatus.choices, default=RematchStatus.NEW)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=RequestReason.choices, default=RequestReason.OTHER)
    reason_details = models.TextField(blank=True)
    last_working_day = models.DateField(null=True, blank=True)
    # What the worker told us (a public referral has nothing else until the hub confirms it).
    given_names = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    current_sponsor_name = models.CharField(max_length=200, blank=True)
    # The clock (rematch/clock.py); leave_end is stored so the board can sort and index it.
    curtailment_letter_date = models.DateField(null=True, blank=True)
    visa_expiry = models.DateField(null=True, blank=True)
    leave_end = models.DateField(null=True, blank=True)
    # The new sponsor's certificate and the worker's visa application (rule: a new sponsor's
    # application must be made before leave ends). An offer is not an application: the lead's
    # escalation goes on until `visa_applied_on` is recorded (rematch/reminders.py).
    cos_assigned_on = models.DateField("CoS assigned on", null=True, blank=True)
    visa_applied_on = models.DateField("visa application made on", null=True, blank=True)
    # The worker's stated preferences, for matching.
    pref_min_hours = models.PositiveSmallIntegerField("fewest hours a week", null=True, blank=True)
    pref_max_hours = models.PositiveSmallIntegerField("most hours a week", null=True, blank=True)
    can_drive = models.BooleanField("has a driving licence and a car", null=True, blank=True)
    max_travel = models.CharField(
        "how far they can travel", max_length=10, choices=Travel.choices, default=Travel.REGION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    placed_at = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "recruits_rematchrequest"
        ordering = ["leave_end", "id"]
        indexes = [
            # The triage board: open requests by days left.
            models.Index(
                fields=["region", "leave_end", "id"],
                condition=models.Q(status__in=["new", "triage", "searching", "introduced", "offered"]),
                name="rematch_open_by_leave_end",
            ),
            models.Index(fields=["region", "status"], name="rematch_region_status"),
            models.Index(fields=["region", "-created_at"], name="rematch_region_created"),
            models.Index(fields=["provider", "status"], name="rematch_provider_status"),
            models.Index(fields=["recruit", "status"], name="rematch_recruit_status"),
        ]

    def __str__(self) -> str:
        return f"Rematch request for {self.worker_name}"

    def get_absolute_url(self) -> str:
        return reverse("rematch_detail", kwargs={"public_id": self.public_id})

    @property
    def worker_name(self) -> str:
        if self.recruit_id is not None and self.recruit is not None:
            return self.recruit.full_name
        return f"{self.given_names} {self.family_name}".strip() or "Unnamed worker"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class EventKind(models.TextChoices):
    CREATED = "created", "Request opened"
    STATUS = "status", "Status changed"
    NOTE = "note", "Note"
    DATES = "dates", "Dates changed"
    OWNER = "owner", "Owner changed"
    CONFIRMED = "confirmed", "Referral confirmed"
    PREFERENCES = "preferences", "Preferences changed"
    INTRODUCED = "introduced", "Introduced to a vacancy"
    PLACED = "placed", "Placement recorded"
    HANDOVER = "handover", "Hand-over"


class RematchEvent(models.Model):
    """The request's timeline: every move, note and change, with who and when."""

    request = models.ForeignKey(RematchRequest, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    from_status = models.CharField(max_length=12, choices=RematchStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=RematchStatus.choices, blank=True)
    text = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "recruits_rematchevent"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["request", "-at"], name="rematch_event_request_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class IntroductionStatus(models.TextChoices):
    INTRODUCED = "introduced", "Introduced"
    OFFERED = "offered", "Offered"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    PLACED = "placed", "Placed"


@pghistory.track(meta={"db_table": "recruits_introductionevent"})
class Introduction(RegionRecord):
    """The hub introduces a worker to a vacancy, with the worker's consent; the provider then
    sees the worker's job passport through a link that expires."""

    request = models.ForeignKey(RematchRequest, on_delete=models.CASCADE, related_name="introductions")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="introductions")
    status = models.CharField(max_length=10, choices=IntroductionStatus.choices, default=IntroductionStatus.INTRODUCED)
    consent_at = models.DateTimeField()
    consent_how = models.CharField(max_length=200)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "recruits_introduction"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["region", "-created_at"], name="introduction_region_created"),
            models.Index(fields=["vacancy", "status"], name="introduction_vacancy_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["request", "vacancy"], name="introduction_once_per_vacancy"),
        ]

    def __str__(self) -> str:
        return f"Introduction to {self.vacancy_id}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()

    def get_absolute_url_for(self, user: object) -> str:
        """The hub opens the request; the vacancy's provider opens the worker's job passport."""
        from hubs.access import scope_for

        if scope_for(user).is_hub_team(self.region_id):
            return self.get_absolute_url()
        return reverse("introduction_passport", kwargs={"public_id": self.public_id})


class HandoverStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    DONE = "done", "Done (placement in another region)"


@pghistory.track(meta={"db_table": "recruits_handoverevent"})
class Handover(models.Model):
    """A worker's record moving between regions: after a placement in another region (done at
    once, with a note for both leads), or asked for by another region's hub (the lead of the
    region holding the record accepts or declines)."""

    recruit = models.ForeignKey("recruits.Recruit", on_delete=models.CASCADE, related_name="handovers")
    from_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    to_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    # The asking region's own request (a duplicate referral), linked to the record on acceptance.
    asking_request = models.ForeignKey(
        RematchRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.REQUESTED)
    note = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        db_table = "recruits_handover"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["from_region", "status"], name="handover_from_status"),
            models.Index(fields=["to_region", "status"], name="handover_to_status"),
        ]

    def __str__(self) -> str:
        return f"Hand-over of {self.recruit_id}"

    def get_absolute_url(self) -> str:
        return reverse("handover_list")
