"""Training: a hub's programme catalogue, cohorts and their session days, enrolments, English
evidence, attendance, certificates, and the recruit's training plan.

Every tenant row carries its `region` (the permission boundary); a cohort's region is its
programme's, an enrolment's is its cohort's. What belongs to a person (evidence, certificates,
plan items) hangs off the `Recruit`, never off an employment, so it follows them to a new
employer.
"""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from hubs.models import Hub, Region, RegionRecord
from providers.models import Provider
from recruits.models import Document, EnglishLevel, Recruit
from training.models.learners import Learner

# ESOL levels in order, lowest first: eligibility compares positions in this list.
ENGLISH_ORDER = [level.value for level in EnglishLevel]


class ProgrammeKind(models.TextChoices):
    COURSE = "course", "Course"
    MODULE = "module", "Curriculum module"
    INDUCTION = "induction", "Face-to-face induction with employers"
    OSCE = "osce", "OSCE preparation (nurses)"


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BLENDED = "blended", "Blended"


class Audience(models.TextChoices):
    ALL_CARE_STAFF = "all_care_staff", "All care staff"
    INTERNATIONAL_RECRUITS = "international_recruits", "International recruits"
    NURSES = "nurses", "Nurses"


@pghistory.track()
class Programme(RegionRecord):
    """One entry of a hub's training catalogue."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="programmes")
    hub = models.ForeignKey(Hub, on_delete=models.SET_NULL, null=True, blank=True, related_name="programmes")
    kind = models.CharField(max_length=12, choices=ProgrammeKind.choices, default=ProgrammeKind.COURSE)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    modules = ArrayField(models.CharField(max_length=200), default=list, blank=True, help_text="Topics covered")
    duration_days = models.PositiveSmallIntegerField(
        "duration (days)", default=1, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IN_PERSON)
    certification = models.CharField("certification awarded", max_length=300, blank=True)
    # An external qualification the programme leads to (optional): the awarding body registers the
    # learners from the cohort's registration list and sends its own certificate numbers.
    awarding_body = models.CharField(max_length=200, blank=True, help_text="For example, Highfield Qualifications.")
    qualification_title = models.CharField(max_length=300, blank=True)
    qualification_level = models.CharField(
        "qualification level", max_length=20, blank=True, help_text="For example, 1 or Entry 3."
    )
    funded = models.BooleanField("funded (free to the provider)", default=True)
    cost = models.DecimalField("cost per place (£)", max_digits=8, decimal_places=2, null=True, blank=True)
    audience = models.CharField(max_length=24, choices=Audience.choices, default=Audience.ALL_CARE_STAFF)
    # Completion: every session day, unless the programme accepts fewer.
    min_days_to_complete = models.PositiveSmallIntegerField(
        "days needed to complete",
        null=True,
        blank=True,
        help_text="Leave empty to require every session day.",
    )
    evidence_working_days = models.PositiveSmallIntegerField(
        "evidence needed this many working days before the start",
        default=2,
        validators=[MaxValueValidator(20)],
        help_text="Gives the hub time to check the evidence before the first day.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["region", "title", "id"]), models.Index(fields=["region", "kind"])]
        constraints = [models.UniqueConstraint(fields=["region", "title"], name="programme_unique_title_in_region")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme_detail", args=[self.public_id])


class RuleKind(models.TextChoices):
    ENGLISH_MINIMUM = "english_minimum", "English at a minimum level"
    LEARNERS = "learners", "Who may join"


class WhoMayJoin(models.TextChoices):
    """A programme's `learners` rule: whom its places are for (checked when booking)."""

    ANY = "any", "Anyone a provider or the hub nominates"
    AREA_CARE_STAFF = "area_care_staff", "Care staff caring for residents of the hub's area (funded)"
    RECRUITS = "recruits", "International recruits only"


class EvidenceKind(models.TextChoices):
    CERTIFICATE = "certificate", "Certificate upload"
    ASSESSMENT = "assessment", "Online literacy assessment result"


class EligibilityRule(models.Model):
    """A condition a person must meet, with evidence recorded before the start date."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(max_length=20, choices=RuleKind.choices, default=RuleKind.ENGLISH_MINIMUM)
    english_minimum = models.CharField(max_length=8, choices=EnglishLevel.choices, default=EnglishLevel.ENTRY_3)
    accepted_evidence = ArrayField(
        models.CharField(max_length=12, choices=EvidenceKind.choices),
        default=list,
        help_text="Which kinds of evidence count.",
    )
    max_age_months = models.PositiveSmallIntegerField(
        "evidence must be at most this many months old at the start",
        null=True,
        blank=True,
        help_text="Leave empty when evidence never goes out of date.",
    )
    # For a `learners` rule: whom the places are for.
    learners = models.CharField(max_length=16, choices=WhoMayJoin.choices, default=WhoMayJoin.ANY)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        if self.kind == RuleKind.LEARNERS:
            return WhoMayJoin(self.learners).label
        return f"English at {EnglishLevel(self.english_minimum).label} or higher"


class CohortStatus(models.TextChoices):
    OPEN = "open", "Open for booking"
    CANCELLED = "cancelled", "Cancelled"


@pghistory.track()
class Cohort(RegionRecord):
    """One run of a programme: its days, place, trainer and places."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="cohorts")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    venue = models.CharField("venue", max_length=300, blank=True)
    online_link = models.URLField("online joining link", blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="cohorts_trained"
    )
    trainer_name = models.CharField(max_length=200, blank=True, help_text="When the trainer has no portal account.")
    delivery_partner = models.ForeignKey(
        "hubs.TrainingPartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cohorts",
        help_text="The college, university or NHS trust that runs this cohort.",
    )
    capacity = models.PositiveSmallIntegerField("places", validators=[MinValueValidator(1), MaxValueValidator(500)])
    booking_deadline = models.DateField()
    status = models.CharField(max_length=10, choices=CohortStatus.choices, default=CohortStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["booking_deadline", "id"]
        indexes = [models.Index(fields=["region", "booking_deadline"]), models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.programme.title}, {self.starts_on:%d %B %Y}" if self.starts_on else self.programme.title

    def get_absolute_url(self) -> str:
        return reverse("cohort_detail", args=[self.public_id])

    @property
    def days_list(self) -> list[SessionDay]:
        # Prefetched by the selectors; sorted here so that templates need no query.
        return sorted(self.days.all(), key=lambda day: day.date)

    @property
    def starts_on(self):
        days = self.days_list
        return days[0].date if days else None

    @property
    def trainer_display(self) -> str:
        return self.trainer.name if self.trainer else self.trainer_name

    @property
    def booking_closed(self) -> bool:
        """Past its booking deadline: a recruit can no longer book (the hub team still can)."""
        return self.booking_deadline < timezone.localdate()


class SessionDay(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["cohort", "date"], name="session_day_unique_date")]

    def __str__(self) -> str:
        return f"{self.date:%A %d %B %Y}"


class EnrolmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    PENDING_EVIDENCE = "pending_evidence", "Pending evidence"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NOT_COMPLETED = "not_completed", "Did not complete"
    NO_SHOW = "no_show", "Did not attend"


# Statuses that hold one of the cohort's places.
HOLDS_PLACE = [EnrolmentStatus.BOOKED, EnrolmentStatus.PENDING_EVIDENCE]
ACTIVE = [*HOLDS_PLACE, EnrolmentStatus.WAITING]


@pghistory.track()
class Enrolment(RegionRecord):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="enrolments")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments")
    # Whom the booking is for; for a recruit learner `recruit` repeats `learner.recruit` (set by the
    # booking service only), so the recruit's own pages read their bookings as before.
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="enrolments")
    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, null=True, blank=True, related_name="enrolments")
    # The employer when the booking was made: completions count for the provider that sent them.
    provider = models.ForeignKey(Provider, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=EnrolmentStatus.choices)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    booked_at = models.DateTimeField(auto_now_add=True)
    # The waiting list is served in this order.
    waiting_since = models.DateTimeField(null=True, blank=True)
    evidence_deadline = models.DateField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["booked_at", "id"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["cohort", "status", "waiting_since"]),
            models.Index(fields=["recruit", "-booked_at"]),
            models.Index(fields=["learner", "-booked_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "learner"],
                condition=models.Q(status__in=["booked", "pending_evidence", "waiting"]),
                name="enrolment_one_active_per_cohort",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} on {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("enrolment_detail", args=[self.public_id])


class EvidenceStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the hub to check"
    APPROVED = "approved", "Accepted"
    REJECTED = "rejected", "Not accepted"


@pghistory.track()
class EnglishEvidence(RegionRecord):
    """Evidence of a learner's English: an uploaded certificate or an assessment result.

    It belongs to the recruit (or, for a learner who is not a recruit, to the learner: the hub's
    literacy assessment is how they show it), so evidence accepted once counts for every later booking.
    """

    recruit = models.ForeignKey(
        Recruit, on_delete=models.CASCADE, null=True, blank=True, related_name="english_evidence"
    )
    learner = models.ForeignKey(
        "training.Learner", on_delete=models.CASCADE, null=True, blank=True, related_name="english_evidence"
    )
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    level = models.CharField("English level", max_length=8, choices=EnglishLevel.choices)
    evidence_date = models.DateField("date of the certificate or assessment")
    valid_until = models.DateField(null=True, blank=True)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assessment_name = models.CharField(max_length=200, blank=True)
    score = models.CharField(max_length=50, blank=True)
    status = models.CharField(max_length=10, choices=EvidenceStatus.choices, default=EvidenceStatus.SUBMITTED)
    review_note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name_plural = "English evidence"
        indexes = [
            models.Index(fields=["region", "status", "recorded_at"]),
            models.Index(fields=["recruit", "status"]),
            models.Index(fields=["learner", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recruit__isnull=False, learner__isnull=True)
                | models.Q(recruit__isnull=True, learner__isnull=False),
                name="english_evidence_recruit_or_learner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_level_display()}"

    def get_absolute_url(self) -> str:
        return reverse("evidence_review", args=[self.public_id])


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField()
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_once_per_day")]

    def __str__(self) -> str:
        return f"{'present' if self.present else 'absent'} on {self.day}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "Valid"
    REVOKED = "revoked", "Revoked"


@pghistory.track()
class Certificate(RegionRecord):
    """Issued on completion. The verification code is the only thing the public page takes."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="certificates")
    # Set for a recruit learner (as on the enrolment).
    recruit = models.ForeignKey(
        Recruit, on_delete=models.CASCADE, null=True, blank=True, related_name="training_certificates"
    )
    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    # What the certificate says, as issued (a later change of name or title does not rewrite it).
    holder_name = models.CharField(max_length=310)
    programme_title = models.CharField(max_length=200)
    certification = models.CharField(max_length=300, blank=True)
    completed_on = models.DateField()
    code = models.CharField(max_length=14, unique=True)
    status = models.CharField(max_length=8, choices=CertificateStatus.choices, default=CertificateStatus.VALID)
    revoked_reason = models.CharField(max_length=300, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    # The awarding body's own certificate, when the programme leads to an external qualification
    # (the body's name is kept as recorded, like the rest of the certificate).
    awarding_body = models.CharField(max_length=200, blank=True)
    awarding_body_number = models.CharField("awarding body certificate number", max_length=60, blank=True)
    awarding_body_awarded_on = models.DateField("date awarded by the awarding body", null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["region", "-completed_on"]), models.Index(fields=["recruit", "-completed_on"])]

    def __str__(self) -> str:
        return f"{self.programme_title}: {self.holder_name}"

    def holder_url(self) -> str:
        """The page of the certificate's holder: a recruit's training plan, else the learner's page."""
        if self.recruit_id:
            return reverse("training_plan", args=[self.recruit.public_id])  # type: ignore[union-attr]
        return self.learner.get_absolute_url()


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer planned"


class PlanItem(RegionRecord):
    """Something planned for a recruit that is not (yet) a booking: a programme or a topic."""

    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="plan_items")
    programme = models.ForeignKey(Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    reason = models.CharField(max_length=300, blank=True)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=PlanItemStatus.choices, default=PlanItemStatus.PLANNED)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_date", "id"]
        indexes = [models.Index(fields=["recruit", "status"])]

    def __str__(self) -> str:
        return self.title
