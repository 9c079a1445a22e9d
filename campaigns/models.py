"""Ethical recruitment campaigns a hub runs for employers of its region (issue 15 item 2).

A campaign belongs to its region's hub team; the employers it recruits for are providers of the
same region, who read it. The Code of Practice and the route rules (`campaigns.rules`) are checked
whenever a campaign is saved or published, and candidates are never charged: publishing records
that the hub confirmed no fee is taken.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils import timezone

from campaigns.roles import role_choices
from hubs.models import Region, RegionRecord
from providers.models import Provider
from recruits.models import Document, Recruit, RepaymentCost
from training.models import CareCertificateStandard, SelfRating


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class Campaign(RegionRecord):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(max_length=150)
    employers = models.ManyToManyField(Provider, related_name="campaigns")
    in_country = models.BooleanField("in-country campaign", default=False)
    target_countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    amber_agreement = models.CharField("government-to-government agreement", max_length=200, blank=True)
    channels = models.TextField(blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    target_applications = models.PositiveIntegerField(default=0)
    target_interviews = models.PositiveIntegerField(default=0)
    target_offers = models.PositiveIntegerField(default=0)
    target_arrivals = models.PositiveIntegerField(default=0)
    advert = models.TextField("the advert", max_length=20_000, blank=True)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    no_fee_confirmed = models.BooleanField("candidates are never charged", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["region", "-opens_on", "-id"], name="campaign_region_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="campaign_closes_after_it_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaign_detail", kwargs={"public_id": self.public_id})


class CampaignRole(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=24, choices=role_choices())
    posts = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "role"], name="campaign_role_once")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.posts}"


# -- applicants and the pipeline (issue 15 items 3 and 4) ------------------------------------------


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    SCREENED = "screened", "Screened"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEWED = "interviewed", "Interviewed"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    CHECKS = "checks", "Checks"
    COS_ASSIGNED = "cos_assigned", "CoS assigned"
    PRE_ARRIVAL = "pre_arrival", "Pre-arrival"
    ARRIVED = "arrived", "Arrived"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The way forward, one stage at a time; `rejected` and `withdrawn` end an application from any
# stage before `arrived`, with a reason.
PIPELINE: list[str] = [
    Stage.APPLIED,
    Stage.SCREENED,
    Stage.SHORTLISTED,
    Stage.INTERVIEWED,
    Stage.OFFERED,
    Stage.ACCEPTED,
    Stage.CHECKS,
    Stage.COS_ASSIGNED,
    Stage.PRE_ARRIVAL,
    Stage.ARRIVED,
]
ENDED: list[str] = [Stage.ARRIVED, Stage.REJECTED, Stage.WITHDRAWN]


class Application(RegionRecord):
    """A candidate's application to a campaign, made on the public form without an account.

    `direct` marks an application from a country the campaign does not recruit from (a direct
    application, which the Code of Practice accepts from any country, the red list included). The
    email and the passport number are stored normalised (lower case; upper case without spaces), so
    that one person applies to a campaign once.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="applications")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="applications")
    role = models.CharField(max_length=24, choices=role_choices())
    given_names = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=40)
    country = models.CharField("country of residence", max_length=2, help_text="ISO 3166 country code")
    nationality = models.CharField(max_length=2, help_text="ISO 3166 country code")
    passport_number = models.CharField(max_length=20)
    experience = models.TextField("experience", max_length=4000, blank=True)
    direct = models.BooleanField("direct application", default=False)
    consent_at = models.DateTimeField("consent to process the data given at")
    stage = models.CharField(max_length=14, choices=Stage.choices, default=Stage.APPLIED)
    stage_since = models.DateTimeField(default=timezone.now)
    end_reason = models.CharField("reason", max_length=500, blank=True)
    applied_at = models.DateTimeField(default=timezone.now)
    # Pre-arrival (from "CoS assigned"): what the candidate tells the hub, and the day they arrived.
    planned_arrival = models.DateField("planned arrival in the UK", null=True, blank=True)
    booklet_read_at = models.DateTimeField("welcome booklet opened", null=True, blank=True)
    arrived_on = models.DateField("arrived in the UK", null=True, blank=True)
    # On arrival the candidate becomes this recruit of the employer (`campaigns.arrival`).
    recruit = models.OneToOneField(
        Recruit, on_delete=models.SET_NULL, null=True, blank=True, related_name="campaign_application"
    )

    class Meta:
        indexes = [
            models.Index(fields=["campaign", "stage", "-applied_at", "-id"], name="application_board"),
            models.Index(fields=["email"], name="application_email"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="application_once_per_email"),
            models.UniqueConstraint(fields=["campaign", "passport_number"], name="application_once_per_passport"),
            models.CheckConstraint(
                condition=~models.Q(stage__in=["rejected", "withdrawn"]) | ~models.Q(end_reason=""),
                name="application_ended_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def name(self) -> str:
        return str(self)

    @property
    def is_open(self) -> bool:
        return self.stage not in ENDED

    def get_absolute_url(self) -> str:
        return reverse("application_detail", kwargs={"public_id": self.public_id})


class DocumentKind(models.TextChoices):
    CV = "cv", "CV"
    CERTIFICATE = "certificate", "Certificate"


class ApplicationDocument(models.Model):
    """A file sent with an application (the portal's checks), stored under a generated name."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationEvent(models.Model):
    """One line of an application's timeline: a stage change, a screening record or a note."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_stage = models.CharField(max_length=14, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=14, choices=Stage.choices, blank=True)
    text = models.CharField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "at"], name="application_event_time")]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}: {self.text}"[:80]


class ScreeningAnswer(models.Model):
    """The hub's answer to one item of the role's screening checklist (`campaigns/data/screening.csv`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="screening")
    item = models.CharField(max_length=40)
    met = models.BooleanField()
    note = models.CharField(max_length=500, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="screening_item_once")]

    def __str__(self) -> str:
        return f"{self.item}: {'met' if self.met else 'not met'}"


# -- interviews (issue 15 item 5) ------------------------------------------------------------------


class InterviewStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    DECIDED = "decided", "Decided"
    CANCELLED = "cancelled", "Cancelled"


class Decision(models.TextChoices):
    PASSED = "passed", "Passed: move on to an offer"
    NOT_PASSED = "not_passed", "Not passed: reject the application"


class Interview(models.Model):
    """An interview slot of a shortlisted application, with its panel, scores and decision."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=45)
    where = models.CharField("where, or the video link", max_length=300)
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.BOOKED)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decision_note = models.CharField(max_length=1000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    rearrange_reason = models.CharField(max_length=500, blank=True)
    rearrange_asked_at = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    booked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(status="booked"), name="one_booked_interview"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided") | ~models.Q(decision=""), name="interview_decided_with_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"Interview of {self.application} at {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("interview_detail", kwargs={"public_id": self.public_id})


class PanelMember(models.Model):
    """A member of an interview panel; a clinical lead carries their professional registration."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interview_panels")
    clinical_lead = models.BooleanField(default=False)
    registration = models.CharField("professional registration (NMC PIN or HCPC number)", max_length=20, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-clinical_lead", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "user"], name="panel_member_once"),
            models.CheckConstraint(
                condition=~models.Q(clinical_lead=True) | ~models.Q(registration=""),
                name="clinical_lead_has_registration",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class InterviewScore(models.Model):
    """One panel member's score for one competency question (1 to 4), given independently."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    question = models.CharField(max_length=40)
    score = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "question"], name="score_once_per_question"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4), name="score_from_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.score}"


# -- offers and compliance (issue 15 item 6) -------------------------------------------------------


class Offer(models.Model):
    """The employer's offer to an interviewed candidate, its pay checked against the route's
    threshold for the role's occupation on the start date (`portal/data/policy_figures.csv`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="offers")
    employer = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="offers")
    salary = models.DecimalField("salary, pounds a year", max_digits=9, decimal_places=2)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    starts_on = models.DateField()
    # The repayment clause, if any: its costs are `repayment_items`, repaid over this many months.
    repayment_months = models.PositiveSmallIntegerField(null=True, blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(salary__gt=0), name="offer_salary_positive"),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0, hours_per_week__lte=48), name="offer_hours_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Offer to {self.application}: £{self.salary}"


class ComplianceCheck(models.Model):
    """One item of the pre-employment checklist (`campaigns/data/compliance.csv`), with its evidence
    file and dates. The CoS is not assigned until every item of the role's checklist is recorded."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(max_length=40)
    checked_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=60)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # On arrival the evidence file becomes a document of the recruit's record (moved, not copied).
    document = models.OneToOneField(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="campaign_check"
    )

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="compliance_item_once")]

    def __str__(self) -> str:
        return f"{self.item} on {self.checked_on}"


class RepaymentItem(models.Model):
    """One cost an offer's repayment clause recovers, itemised with its amount and evidence. What
    is never recoverable (the Immigration Skills Charge, the CoS and licence fees, fees for finding
    work) is refused by `campaigns.offers.offer_make`; the clause charges no interest, takes no
    cash and offers a monthly plan (`Offer.repayment_months`)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="repayment_items")
    cost = models.CharField(max_length=20, choices=RepaymentCost.choices)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    evidence = models.CharField("evidence of the cost", max_length=200)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="repayment_item_amount_positive")]

    def __str__(self) -> str:
        return f"{self.get_cost_display()}: £{self.amount}"


# -- pre-arrival (issue 15 item 7) ------------------------------------------------------------------


class PreArrivalTask(models.Model):
    """An item of the pre-arrival checklist (`campaigns/data/pre_arrival.csv`) the candidate has done."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pre_arrival_tasks")
    item = models.CharField(max_length=40)
    done_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="pre_arrival_item_once")]

    def __str__(self) -> str:
        return f"{self.item} done on {self.done_on}"


class PreArrivalAnswer(models.Model):
    """The candidate's Care Certificate self-assessment before travelling, one row per standard;
    on arrival it becomes the recruit's self-assessment (`training.SelfAssessment`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pre_arrival_answers")
    standard = models.ForeignKey(CareCertificateStandard, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=10, choices=SelfRating.choices)
    evidence_notes = models.TextField(blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["standard__number"]
        constraints = [models.UniqueConstraint(fields=["application", "standard"], name="pre_arrival_answer_once")]

    def __str__(self) -> str:
        return f"{self.application}: standard {self.standard_id}"


class FirstAppointment(models.Model):
    """An appointment the hub books for a candidate's first days (airport pick-up, induction, GP
    registration); on arrival the ones still to come become the recruit's pastoral appointments."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="first_appointments")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=30)
    purpose = models.CharField(max_length=200)
    place = models.CharField(max_length=200)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    booked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.purpose} on {self.starts_at:%-d %B %Y}"
