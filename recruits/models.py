import uuid
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from hubs.models import Agency, Region, RegionRecord
from providers.models import Provider

if TYPE_CHECKING:
    from recruits.retention import Retention

evisa_share_code_validator = RegexValidator(
    r"^W[A-Z0-9]{8}$", "Enter an eVisa share code: 9 characters starting with W, for example W12AB34CD."
)
# The NMC's personal identification number: 2 digits, a letter, 4 digits and a letter.
nmc_pin_validator = RegexValidator(
    r"^[0-9]{2}[A-Z][0-9]{4}[A-Z]$",
    "Enter the NMC PIN as 2 digits, a letter, 4 digits and a letter, for example 12A3456E.",
)
NMC_PIN_NURSES_ONLY = "Only nurses have an NMC PIN: choose “Nurse” as the job, or leave the NMC PIN empty."


class RecruitStatus(models.TextChoices):
    ARRIVING = "arriving", "Arriving"
    EMPLOYED = "employed", "Employed"
    AT_RISK = "at_risk", "At risk"
    DISPLACED = "displaced", "Displaced"
    REMATCHED = "rematched", "Rematched"
    LEFT = "left", "Left"


class JobRole(models.TextChoices):
    CARE_WORKER = "care_worker", "Care worker"
    SENIOR_CARE_WORKER = "senior_care_worker", "Senior care worker"
    NURSE = "nurse", "Nurse"
    OTHER = "other", "Other"


# SOC 2020 occupation codes used on certificates of sponsorship.
DEFAULT_OCCUPATION_CODE = {
    JobRole.CARE_WORKER: "6135",
    JobRole.SENIOR_CARE_WORKER: "6136",
    JobRole.NURSE: "2231",
    JobRole.OTHER: "",
}


class VisaRoute(models.TextChoices):
    HEALTH_AND_CARE = "health_and_care", "Health and Care Worker"
    SKILLED_WORKER = "skilled_worker", "Skilled Worker"
    STUDENT = "student", "Student"
    DEPENDANT = "dependant", "Dependant"
    OTHER = "other", "Other"


class DBSStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    APPLIED = "applied", "Applied, waiting"
    CLEAR = "clear", "Clear"
    INFORMATION = "information", "Information disclosed"


class CRCStatus(models.TextChoices):
    NOT_OBTAINED = "not_obtained", "Not obtained"
    OBTAINED = "obtained", "Obtained"
    NOT_AVAILABLE = "not_available", "Not available from the country"


class EnglishLevel(models.TextChoices):
    ENTRY_1 = "entry_1", "ESOL Entry 1 (about CEFR A1)"
    ENTRY_2 = "entry_2", "ESOL Entry 2 (about CEFR A2)"
    ENTRY_3 = "entry_3", "ESOL Entry 3 (about CEFR B1)"
    LEVEL_1 = "level_1", "ESOL Level 1 (about CEFR B2)"
    LEVEL_2 = "level_2", "ESOL Level 2 (about CEFR C1)"


class RecruitmentChannel(models.TextChoices):
    DIRECT = "direct", "Direct application"
    APPROVED_AGENCY = "approved_agency", "Agency on the hub's framework"
    OTHER_AGENCY = "other_agency", "Other agency"
    IN_COUNTRY = "in_country", "Already in the UK (in-country)"


class RepaymentCost(models.TextChoices):
    """What an employer's repayment clause may say it recovers (Code of Practice, rule 18)."""

    TRAVEL = "travel", "Travel to the UK"
    VISA_FEE = "visa_fee", "Visa application fee"
    HEALTH_SURCHARGE = "health_surcharge", "Immigration Health Surcharge"
    TRAINING = "training", "Training"
    ACCOMMODATION = "accommodation", "Accommodation"
    SKILLS_CHARGE = "skills_charge", "Immigration Skills Charge"
    COS_FEE = "cos_fee", "Certificate of Sponsorship fee"
    LICENCE_FEE = "licence_fee", "Sponsor licence fee"
    RECRUITMENT_FEE = "recruitment_fee", "Recruitment or agency fee"
    OTHER = "other", "Other"


# Never recoverable from a worker (Code of Practice): the sponsor's own fees, and fees for finding work.
NEVER_RECOVERABLE = frozenset(
    {RepaymentCost.SKILLS_CHARGE, RepaymentCost.COS_FEE, RepaymentCost.LICENCE_FEE, RepaymentCost.RECRUITMENT_FEE}
)


class Flag(models.TextChoices):
    RED_LIST_AGENCY = "red_list_agency", "Red-list country recruited through an agency (Code of Practice breach)"
    AMBER_LIST = "amber_list", "Amber-list country: no government agreement recorded"
    UNLISTED_AGENCY = "unlisted_agency", "Agency not on the hub's framework"
    FEES_CHARGED = "fees_charged", "Candidate was charged fees"
    REPAYMENT_FORBIDDEN = (
        "repayment_forbidden",
        "Repayment clause recovers what is never recoverable (Immigration Skills Charge, certificate of "
        "sponsorship (CoS) or licence fees, recruitment fees)",
    )
    REPAYMENT_TERMS = "repayment_terms", "Repayment clause not itemised, charging interest, in cash or without a plan"


@pghistory.track()
class Recruit(RegionRecord):
    """An overseas care worker or nurse sponsored by a provider."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="recruits")
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recruits",
        verbose_name="current employer",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="recruit"
    )
    # Personal details, names as written in the passport.
    given_names = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150)
    date_of_birth = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=2, blank=True, help_text="ISO 3166 country code")
    passport_number = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField("UK address", blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    # Job.
    job_role = models.CharField(max_length=20, choices=JobRole.choices, default=JobRole.CARE_WORKER)
    occupation_code = models.CharField(max_length=4, blank=True)
    # Immigration.
    visa_route = models.CharField(max_length=20, choices=VisaRoute.choices, default=VisaRoute.HEALTH_AND_CARE)
    visa_expiry = models.DateField(null=True, blank=True)
    cos_reference = models.CharField("CoS reference", max_length=20, blank=True)
    evisa_share_code = models.CharField(
        "eVisa share code", max_length=9, blank=True, validators=[evisa_share_code_validator]
    )
    visa_application_date = models.DateField(
        "visa application date",
        null=True,
        blank=True,
        help_text="The day the visa application with this sponsor was made (rules 11 and 12 are decided on it).",
    )
    curtailment_letter_date = models.DateField(null=True, blank=True)
    curtailment_notes = models.TextField(blank=True)
    # Checks.
    rtw_check_date = models.DateField("right-to-work check", null=True, blank=True)
    rtw_followup_due = models.DateField("right-to-work follow-up due", null=True, blank=True)
    dbs_status = models.CharField(
        "enhanced DBS", max_length=12, choices=DBSStatus.choices, default=DBSStatus.NOT_STARTED
    )
    dbs_date = models.DateField("DBS certificate date", null=True, blank=True)
    dbs_barred_list_checked = models.BooleanField("adult barred list checked", default=False)
    overseas_crc = models.CharField(
        "overseas criminal record certificate", max_length=14, choices=CRCStatus.choices, default=CRCStatus.NOT_OBTAINED
    )
    # Rules 21 and 24: enhanced DBS with the barred list, and the Care Certificate, come first.
    unsupervised_from = models.DateField("works unsupervised from", null=True, blank=True)
    # English.
    english_level = models.CharField(max_length=8, choices=EnglishLevel.choices, blank=True)
    english_test = models.CharField(max_length=100, blank=True)
    english_test_date = models.DateField(null=True, blank=True)
    # Nurses (NMC).
    nmc_pin = models.CharField("NMC PIN", max_length=8, blank=True, validators=[nmc_pin_validator])
    nmc_cbt_passed = models.BooleanField("NMC CBT passed", default=False)
    osce_date = models.DateField("OSCE date", null=True, blank=True)
    osce_attempts = models.PositiveSmallIntegerField(
        "OSCE attempts", default=0, validators=[MaxValueValidator(3, "The OSCE can be taken at most 3 times.")]
    )
    # Code of Practice.
    recruitment_channel = models.CharField(
        max_length=16, choices=RecruitmentChannel.choices, default=RecruitmentChannel.DIRECT
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="recruits")
    agency_name_other = models.CharField("agency (not on the framework)", max_length=200, blank=True)
    candidate_fees = models.DecimalField(
        "fees charged to the candidate (£)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    # Rule 16: an amber-list country's recruitment is only within a government-to-government agreement.
    amber_agreement = models.CharField("government agreement", max_length=200, blank=True)
    # Rule 18: a repayment clause recovers genuine, itemised costs only, without interest, not in cash,
    # with a monthly plan offered; no cost ticked means the contract has no repayment clause.
    repayment_costs = ArrayField(
        models.CharField(max_length=20, choices=RepaymentCost.choices), default=list, blank=True
    )
    repayment_itemised = models.BooleanField("each cost itemised with its evidence", default=False)
    repayment_interest = models.BooleanField("charges interest", default=False)
    repayment_cash = models.BooleanField("repaid in cash", default=False)
    repayment_monthly_plan = models.BooleanField("monthly repayment plan offered", default=False)
    flags = ArrayField(models.CharField(max_length=20, choices=Flag.choices), default=list, blank=True)
    # State.
    status = models.CharField(max_length=12, choices=RecruitStatus.choices, default=RecruitStatus.ARRIVING)
    unverified = models.BooleanField(default=False, help_text="Created from an incomplete list; check the details.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["region", "family_name", "given_names", "id"]),
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["region", "visa_expiry"]),
            models.Index(fields=["region", "nationality"]),
            models.Index(fields=["passport_number", "date_of_birth"]),
            models.Index(fields=["cos_reference"]),
            GinIndex(fields=["flags"], name="recruit_flags_gin"),
            # Name search is a "contains" match: trigram indexes keep it fast on a national dataset.
            GinIndex(fields=["family_name"], opclasses=["gin_trgm_ops"], name="recruit_family_name_trgm"),
            GinIndex(fields=["given_names"], opclasses=["gin_trgm_ops"], name="recruit_given_names_trgm"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("recruit_detail", kwargs={"public_id": self.public_id})

    def get_absolute_url_for(self, user: Any) -> str:
        """The recruit's own account reaches their record through "My details"."""
        if user is not None and self.user_id is not None and user.pk == self.user_id:
            return reverse("recruit_my_details")
        return self.get_absolute_url()

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def reference(self) -> str:
        """A short reference for telling two people of the same name apart (start of the public id)."""
        return self.public_id.hex[:8].upper()

    def get_flags_display(self) -> list[str]:
        return [Flag(flag).label for flag in self.flags]


@pghistory.track()
class Employment(models.Model):
    """One job of a recruit, current or past."""

    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="employments")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="employments")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["recruit", "-start_date"])]

    def __str__(self) -> str:
        return f"{self.provider} from {self.start_date:%d %b %Y}"


class StatusChange(models.Model):
    """A move of the recruit's state machine: who moved it, when, and why."""

    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=RecruitStatus.choices)
    to_status = models.CharField(max_length=12, choices=RecruitStatus.choices)
    reason = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["recruit", "-at"])]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class CodeList(models.TextChoices):
    RED = "red", "Red: no active recruitment"
    AMBER = "amber", "Amber: only within a government agreement"


class CodeOfPracticeCountry(models.Model):
    """A country's place on the Code of Practice red or amber list, for a period."""

    iso_code = models.CharField("ISO 3166 code", max_length=2)
    name = models.CharField(max_length=100)
    code_list = models.CharField("list", max_length=5, choices=CodeList.choices)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True, help_text="Empty while the entry is in force.")
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name", "-effective_from"]
        verbose_name = "Code of Practice country"
        verbose_name_plural = "Code of Practice red and amber list"
        indexes = [models.Index(fields=["iso_code", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.code_list} from {self.effective_from}"


class DocumentKind(models.TextChoices):
    """What a recruit's document is; each kind has a retention rule (recruits/retention.py)."""

    PASSPORT = "passport", "Passport"
    BRP_EVISA = "brp_evisa", "BRP or eVisa share code check"
    COS = "cos", "Certificate of Sponsorship (CoS)"
    DBS = "dbs", "DBS certificate"
    OVERSEAS_CRC = "overseas_crc", "Overseas criminal record certificate"
    ENGLISH_TEST = "english_test", "English test certificate"
    QUALIFICATION = "qualification", "Qualification (diploma, degree, registration)"
    UKVI_LETTER = "ukvi_letter", "UKVI letter"
    CERTIFICATE = "certificate", "Training certificate"
    EVIDENCE = "evidence", "Other evidence"
    OTHER = "other", "Other"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Document(models.Model):
    """An uploaded file about a recruit, stored under a generated name outside the public URLs."""

    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=100, unique=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["recruit", "-uploaded_at"])]

    def __str__(self) -> str:
        return self.title or self.original_name

    @property
    def retention(self) -> "Retention":
        from recruits.retention import retention_of

        return retention_of(self.kind)


# Reporting duties (moved from providers/, issue 14) live in their own package; importing them registers the model.
from recruits.duties.models import ReportingDuty  # noqa: E402, F401
