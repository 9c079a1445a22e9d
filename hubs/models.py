import uuid

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Region(models.Model):
    """One of England's 9 regions: the permission boundary of the portal."""

    code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["code"]
        permissions = [
            ("act_as_lead", "Act as regional IR lead"),
            ("act_as_hub_staff", "Act as hub staff"),
            ("act_as_national", "See national aggregate figures"),
            ("act_as_adass", "See the region's case figures (ADASS)"),
        ]

    def __str__(self) -> str:
        return self.name


class RegionOwned(models.Model):
    """A record that belongs to one region: every tenant query filters on `region`, and the
    region-first indexes of the subclasses start with it. A subclass that needs a reverse name on
    the region (`region.recruits`) declares the field again with its `related_name`."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class RegionRecord(RegionOwned):
    """A region's record that has a page of its own: addressed by `public_id` in URLs, never by
    its integer id."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class LocalAuthority(models.Model):
    """A council with adult social care duties."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="local_authorities")
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100)
    council_name = models.CharField(max_length=200)
    la_type = models.CharField("type", max_length=100)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"
        indexes = [models.Index(fields=["region", "name"])]
        permissions = [("act_as_council", "Act as council officer")]

    def __str__(self) -> str:
        return self.name


class Hub(models.Model):
    """A regional or sub-regional IR partnership: an organisational unit inside a region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="hubs")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    mailbox = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    lead_council = models.ForeignKey(LocalAuthority, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["region", "name"])]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="hub_unique_name_in_region")]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def phone_uri(self) -> str:
        """A `tel:` link in international form: 0121 496 0000 → tel:+441214960000."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if digits.startswith("0"):
            digits = "+44" + digits[1:]
        return f"tel:{digits}"


class AgencyStatus(models.TextChoices):
    APPROVED = "approved", "Approved"
    SUSPENDED = "suspended", "Suspended"
    REMOVED = "removed", "Removed"
    # Recorded because a recruit came through it, never approved by the hub.
    NOT_APPROVED = "not_approved", "Not approved"


class AgencyKind(models.TextChoices):
    AGENCY = "agency", "Recruitment agency"
    MSP = "msp", "Managed service provider"


@pghistory.track()
class Agency(models.Model):
    """A recruitment agency or managed service provider known to a region: on the hub's approved
    framework (approved), taken off it for a while (suspended) or for good (removed), or merely seen
    on a recruit's record (not approved). Only an approved agency keeps a recruit's record unflagged."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=AgencyKind.choices, default=AgencyKind.AGENCY)
    companies_house_number = models.CharField("Companies House number", max_length=8, blank=True)
    contact_name = models.CharField("contact name", max_length=200, blank=True)
    contact_email = models.EmailField("contact email", blank=True)
    contact_phone = models.CharField("contact phone", max_length=40, blank=True)
    services = models.TextField(blank=True, help_text="What the agency does for providers of the region.")
    countries = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    status = models.CharField(max_length=12, choices=AgencyStatus.choices, default=AgencyStatus.APPROVED)
    status_reason = models.TextField("reason", blank=True)
    status_changed_on = models.DateField("status changed on", null=True, blank=True)
    on_ethical_recruiters_list = models.BooleanField("on the NHS Employers Ethical Recruiters List", default=False)
    last_checked = models.DateField(
        null=True, blank=True, help_text="When the hub last re-checked this agency, Ethical Recruiters List included."
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        indexes = [models.Index(fields=["region", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="agency_unique_name_in_region"),
            models.CheckConstraint(
                condition=models.Q(status__in=["approved", "not_approved"]) | ~models.Q(status_reason=""),
                name="agency_suspension_or_removal_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """Reminders of an agency's re-check open its re-check page (a URL name, not an import)."""
        return reverse("agency_check", kwargs={"public_id": self.public_id})

    @property
    def on_framework(self) -> bool:
        """On the hub's approved framework: the only status under which recruiting through it raises no flag."""
        return self.status == AgencyStatus.APPROVED


class PartnerKind(models.TextChoices):
    COLLEGE = "college", "College"
    UNIVERSITY = "university", "University"
    NHS_TRUST = "nhs_trust", "NHS trust"
    HUB = "hub", "The hub itself"


@pghistory.track()
class TrainingPartner(models.Model):
    """A college, university, NHS trust or the hub itself: an organisation of a region that delivers
    training (a cohort's delivery partner) or puts students forward for placements. A `partner` grant
    is given on it."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="training_partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=PartnerKind.choices)
    contact_name = models.CharField("contact name", max_length=200, blank=True)
    contact_email = models.EmailField("contact email", blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["region", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="training_partner_unique_name_in_region")
        ]
        permissions = [("act_as_partner", "Act for a training partner")]

    def __str__(self) -> str:
        return self.name


# Who was granted or lost a role, and when: inserts and deletes of grants are history too.
def track_grants[M: type[models.Model]](model: M) -> M:
    tracker = pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
    return tracker(model)


# Direct-FK permission tables: guardian joins on a real foreign key instead of a generic one.
@track_grants
class RegionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Region, on_delete=models.CASCADE)


@track_grants
class RegionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Region, on_delete=models.CASCADE)


@track_grants
class LocalAuthorityUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE)


@track_grants
class LocalAuthorityGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE)


@track_grants
class TrainingPartnerUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(TrainingPartner, on_delete=models.CASCADE)


@track_grants
class TrainingPartnerGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(TrainingPartner, on_delete=models.CASCADE)
