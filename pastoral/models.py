"""Pastoral support (issue 7): the 12-month plan, its check-ins, concerns, appointments, the
hub's schedule and signposting, and the welcome booklet with its versions.

What a recruit tells the hub (`CheckInAnswers`, `Concern`, `ConcernAction`) is confidential:
provider roles never see it (pastoral/access.py: `check_in_answers_visible_to`, `concerns_visible_to`).

These models lived in training/ until issue 21: each keeps its table (`db_table`), and so do the
history event models (`meta` of `pghistory.track`), so the move changed no data.
"""

from __future__ import annotations

import uuid
from typing import Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from hubs.models import Hub, RegionOwned, RegionRecord
from providers.models import Provider
from recruits.models import Recruit

# Default cadence (DOMAIN.md: no official cadence; week 1 and months 1, 3, 6, 9, 12).
DEFAULT_STEPS = ["1w", "1m", "3m", "6m", "9m", "12m"]


class PastoralSettings(RegionOwned):
    """A hub's check-in schedule (steps like "1w", "3m" after the start date)."""

    hub = models.OneToOneField(Hub, on_delete=models.CASCADE, related_name="pastoral_settings")
    steps = ArrayField(models.CharField(max_length=4), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "training_pastoralsettings"
        indexes = [models.Index(fields=["region"])]

    def __str__(self) -> str:
        return f"Pastoral schedule of {self.hub}"


class Signpost(RegionOwned):
    """Where the hub sends someone who needs help (shown after a red check-in and on the help page)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="signposts")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    url = models.URLField("web address", blank=True)

    class Meta:
        db_table = "training_signpost"
        ordering = ["hub", "order", "id"]
        indexes = [models.Index(fields=["region", "hub", "order"])]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return "tel:+44" + digits[1:] if digits.startswith("0") else f"tel:{digits}"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    FINISHED = "finished", "Finished"
    CLOSED = "closed", "Closed early"


@pghistory.track(meta={"db_table": "training_pastoralplanevent"})
class PastoralPlan(RegionRecord):
    """Twelve months of support from the start of employment; one per recruit, kept across a rematch."""

    recruit = models.OneToOneField(Recruit, on_delete=models.CASCADE, related_name="pastoral_plan")
    hub = models.ForeignKey(Hub, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    start_date = models.DateField()
    end_date = models.DateField()
    steps = ArrayField(models.CharField(max_length=4), default=list)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pastoral contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The recruit's manager at the employer (for the booklet's personal part).
    manager_name = models.CharField(max_length=150, blank=True)
    manager_phone = models.CharField(max_length=40, blank=True)
    manager_email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_pastoralplan"
        indexes = [models.Index(fields=["region", "status", "start_date"])]

    def __str__(self) -> str:
        return f"Pastoral plan of {self.recruit}"

    def get_absolute_url(self) -> str:
        return reverse("pastoral_plan", args=[self.recruit.public_id])


class CheckInStatus(models.TextChoices):
    DUE = "due", "Due"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "No longer needed"


class CheckInMethod(models.TextChoices):
    CALL = "call", "Phone call"
    VISIT = "visit", "Visit"
    VIDEO = "video", "Video call"
    SELF = "self", "Recruit's own check-in"
    EMPLOYER = "employer", "Employer check-in"


class CheckIn(RegionRecord):
    plan = models.ForeignKey(PastoralPlan, on_delete=models.CASCADE, related_name="check_ins")
    # The employer at the time the check-in is due (moves with a rematch until it is done).
    provider = models.ForeignKey(Provider, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    step = models.CharField(max_length=4)
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=CheckInStatus.choices, default=CheckInStatus.DUE)
    done_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=10, choices=CheckInMethod.choices, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Confidential to the hub: derived from the recruit's answers.
    red = models.BooleanField(default=False)
    # The employer's own short note (an employer check-in); visible to the provider and the hub.
    employer_note = models.TextField(blank=True)

    class Meta:
        db_table = "training_checkin"
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["region", "status", "due_date"]),
            models.Index(fields=["region", "red", "done_on"]),
            models.Index(fields=["plan", "due_date"]),
        ]
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="check_in_unique_step")]

    def __str__(self) -> str:
        return f"{self.label} check-in"

    def get_absolute_url(self) -> str:
        return reverse("pastoral_check_in", args=[self.public_id])

    def get_absolute_url_for(self, user: Any) -> str:
        # The provider's reminder opens the plan (dates only); everyone else the check-in itself.
        from hubs.access import scope_for

        scope = scope_for(user)
        if scope.providers and not scope.hub_regions:
            return reverse("pastoral_plan", args=[self.plan.recruit.public_id])
        return self.get_absolute_url()

    @property
    def label(self) -> str:
        return step_label(self.step)


def step_label(step: str) -> str:
    number, unit = int(step[:-1]), step[-1]
    if unit == "w":
        return f"Week {number}"
    return f"Month {number}"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class Feeling(models.TextChoices):
    GOOD = "good", "Good"
    OKAY = "okay", "Okay"
    NOT_GOOD = "not_good", "Not good"
    STRUGGLING = "struggling", "I am struggling"


@pghistory.track(meta={"db_table": "training_checkinanswersevent"})
class CheckInAnswers(models.Model):
    """What the recruit said (in their own check-in, or to hub staff): confidential to the hub."""

    check_in = models.OneToOneField(CheckIn, on_delete=models.CASCADE, related_name="answers")
    feeling = models.CharField(max_length=12, choices=Feeling.choices)
    pay_as_promised = models.CharField(max_length=10, choices=Answer.choices)
    deductions = models.CharField(max_length=10, choices=Answer.choices)
    hours_cut = models.CharField(max_length=10, choices=Answer.choices)
    housing_tied = models.CharField(max_length=10, choices=Answer.choices)
    documents_kept = models.CharField(max_length=10, choices=Answer.choices)
    feel_safe = models.CharField(max_length=10, choices=Answer.choices)
    anything_else = models.TextField(blank=True)
    wants_call = models.BooleanField(default=False)
    hub_notes = models.TextField(blank=True)
    red_flags = ArrayField(models.CharField(max_length=12), default=list, blank=True)

    class Meta:
        db_table = "training_checkinanswers"

    def __str__(self) -> str:
        return f"Answers to {self.check_in}"


class ConcernCategory(models.TextChoices):
    PAY = "pay", "Pay below what was promised"
    DEDUCTIONS = "deductions", "Deductions or repayment demands"
    DOCUMENTS = "documents", "Documents kept by the employer"
    HOUSING = "housing", "Housing tied to the job"
    SAFETY = "safety", "Safety"
    HOURS = "hours", "Hours cut"
    OTHER = "other", "Something else"


class ConcernSource(models.TextChoices):
    CHECK_IN = "check_in", "A check-in"
    HELP_BUTTON = "help_button", "The recruit asked for help"
    HUB = "hub", "Recorded by the hub"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    ESCALATED = "escalated", "Escalated to the lead"
    CLOSED = "closed", "Closed"


class Referral(models.TextChoices):
    NONE = "", "No referral"
    SAFEGUARDING = "safeguarding", "Safeguarding referral"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery referral"


@pghistory.track(meta={"db_table": "training_concernevent"})
class Concern(RegionRecord):
    """Something wrong that the hub acts on. Confidential to the hub team."""

    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="concerns")
    check_in = models.ForeignKey(CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="concerns")
    source = models.CharField(max_length=12, choices=ConcernSource.choices)
    categories = ArrayField(models.CharField(max_length=12, choices=ConcernCategory.choices), default=list)
    summary = models.TextField()
    status = models.CharField(max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    referral = models.CharField(max_length=16, choices=Referral.choices, blank=True)
    referral_on = models.DateField("referral date", null=True, blank=True)
    referral_reference = models.CharField(max_length=100, blank=True)
    outcome = models.TextField(blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "training_concern"
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["region", "status", "-opened_at"])]

    def __str__(self) -> str:
        return f"Concern opened {self.opened_at:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("pastoral_concern", args=[self.public_id])

    def get_categories_display(self) -> list[str]:
        return [ConcernCategory(c).label for c in self.categories if c in ConcernCategory.values]


class ConcernAction(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="actions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        db_table = "training_concernaction"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["concern", "at"])]

    def __str__(self) -> str:
        return self.text[:50]


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    REARRANGE = "rearrange", "Asked to rearrange"
    CANCELLED = "cancelled", "Cancelled"
    DONE = "done", "Took place"


@pghistory.track(meta={"db_table": "training_appointmentevent"})
class Appointment(RegionRecord):
    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=30)
    place = models.CharField(max_length=200, blank=True)
    video_link = models.URLField(blank=True)
    purpose = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED)
    rearrange_note = models.TextField(blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_appointment"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["region", "starts_at"]), models.Index(fields=["recruit", "starts_at"])]

    def __str__(self) -> str:
        return f"Appointment on {self.starts_at:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("pastoral_appointment", args=[self.public_id])


class BookletTopic(models.TextChoices):
    SERVICES = "services", "Accessing key services and the GP"
    HOUSING = "housing", "Housing and bills"
    COUNCIL_TAX = "council_tax", "Council tax"
    TAX = "tax", "Tax and National Insurance"
    PENSIONS = "pensions", "Pensions"
    BANK = "bank", "Bank"
    TRANSPORT = "transport", "Transport"
    COMMUNITY = "community", "Community and faith groups"
    RIGHTS = "rights", "Rights at work"
    EXPLOITATION = "exploitation", "Getting help with exploitation"
    CONTACTS = "contacts", "Local contacts"
    OTHER = "other", "Other"


class Booklet(RegionRecord):
    """A hub's welcome booklet: its draft sections and its published versions."""

    hub = models.OneToOneField(Hub, on_delete=models.CASCADE, related_name="booklet")
    title = models.CharField(max_length=200, default="Welcome booklet")
    language = models.CharField(max_length=10, default="en-GB")

    class Meta:
        db_table = "training_booklet"
        indexes = [models.Index(fields=["region"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pastoral_booklet_edit", args=[self.public_id])


class BookletVersion(models.Model):
    """A published version; its sections are frozen copies. Recruits see the latest."""

    booklet = models.ForeignKey(Booklet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "training_bookletversion"
        ordering = ["booklet", "-number"]
        constraints = [models.UniqueConstraint(fields=["booklet", "number"], name="booklet_version_unique_number")]

    def __str__(self) -> str:
        return f"Version {self.number}"


class BookletSection(models.Model):
    """A section: in the draft (`version` empty) or frozen in a published version."""

    booklet = models.ForeignKey(Booklet, on_delete=models.CASCADE, related_name="sections")
    version = models.ForeignKey(
        BookletVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(default=0)
    topic = models.CharField(max_length=14, choices=BookletTopic.choices, default=BookletTopic.OTHER)
    heading = models.CharField(max_length=200)
    body = models.TextField("text (Markdown)", blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        db_table = "training_bookletsection"
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["booklet", "version", "order"])]

    def __str__(self) -> str:
        return self.heading


class BookletRender(models.Model):
    """The last PDF of a recruit's booklet, kept until anything in it changes (its fingerprint)."""

    recruit = models.OneToOneField(Recruit, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    content = models.BinaryField()
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "training_bookletrender"

    def __str__(self) -> str:
        return f"Booklet PDF {self.fingerprint[:8]}"
