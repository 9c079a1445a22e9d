import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from hubs.models import Hub, LocalAuthority, Region, RegionRecord, track_grants

cqc_id_validator = RegexValidator(
    r"^1-\d{9,10}$", "Enter a CQC ID as 1- followed by 9 or 10 digits, for example 1-1000210669."
)


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    REVOKED = "revoked", "Revoked"
    SURRENDERED = "surrendered", "Surrendered"


class ProviderKind(models.TextChoices):
    """What kind of employer a provider is: CQC IDs apply to care providers only."""

    CARE_PROVIDER = "care_provider", "Care provider"
    NHS_TRUST = "nhs_trust", "NHS trust"
    PRIMARY_CARE = "primary_care", "Primary care"
    OTHER = "other", "Other employer"


class LicenceRating(models.TextChoices):
    A = "A", "A-rated"
    B = "B", "B-rated"


@pghistory.track()
class Provider(RegionRecord):
    """An employer of the region (usually a CQC-registered care provider) that holds or held a UKVI sponsor licence."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="providers")
    hub = models.ForeignKey(Hub, on_delete=models.SET_NULL, null=True, blank=True, related_name="providers")
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="providers"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(
        "kind of employer", max_length=16, choices=ProviderKind.choices, default=ProviderKind.CARE_PROVIDER
    )
    cqc_provider_id = models.CharField("CQC provider ID", max_length=13, blank=True, validators=[cqc_id_validator])
    cqc_location_id = models.CharField("CQC location ID", max_length=13, blank=True, validators=[cqc_id_validator])
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    licence_number = models.CharField("sponsor licence number", max_length=20, blank=True)
    licence_status = models.CharField(max_length=12, choices=LicenceStatus.choices, default=LicenceStatus.ACTIVE)
    licence_rating = models.CharField(max_length=1, choices=LicenceRating.choices, default=LicenceRating.A)
    licence_changed_on = models.DateField("licence status since", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["region", "name"]),
            models.Index(fields=["region", "licence_status"]),
            models.Index(fields=["local_authority", "name"]),
            # Name search is a "contains" match: a trigram index keeps it fast.
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="provider_name_trgm"),
        ]
        permissions = [
            ("act_as_provider_admin", "Act as provider administrator"),
            ("act_as_provider_staff", "Act as provider staff"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("provider_detail", kwargs={"public_id": self.public_id})


@track_grants
class ProviderUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Provider, on_delete=models.CASCADE)


@track_grants
class ProviderGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Provider, on_delete=models.CASCADE)


class LicenceSource(models.TextChoices):
    UKVI = "ukvi", "UKVI or DHSC notice"
    PROVIDER = "provider", "The provider"
    REGISTER = "register", "Public sponsor register"
    OTHER = "other", "Other"


@pghistory.track()
class LicenceChange(models.Model):
    """One change of a provider's sponsor licence status or rating, with the date it took effect."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="licence_changes")
    status = models.CharField(max_length=12, choices=LicenceStatus.choices)
    rating = models.CharField(max_length=1, choices=LicenceRating.choices)
    effective_on = models.DateField()
    source = models.CharField(max_length=10, choices=LicenceSource.choices, default=LicenceSource.OTHER)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-recorded_at"]
        indexes = [models.Index(fields=["provider", "-effective_on"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()}, {self.rating}-rated from {self.effective_on:%d %b %Y}"
