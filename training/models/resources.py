"""The hub's "go-to" library: links, documents, e-learning, funded offers, career information,
and student nursing placement offers that providers list and recruits can ask about."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import Hub, RegionOwned, RegionRecord
from providers.models import Provider
from recruits.models import Recruit
from training.models.catalogue import Audience


class ResourceKind(models.TextChoices):
    LINK = "link", "Link"
    DOCUMENT = "document", "Document"
    E_LEARNING = "e_learning", "E-learning"
    FUNDED_OFFER = "funded_offer", "Funded offer"
    CAREER = "career", "Career development"
    PLACEMENT = "placement", "Student nursing placement"


class Resource(RegionRecord):
    hub = models.ForeignKey(Hub, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Set for a placement offer listed by a provider.
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=12, choices=ResourceKind.choices, default=ResourceKind.LINK)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    topic = models.CharField(max_length=100, help_text="For example safeguarding, English, careers.")
    audience = models.CharField(max_length=24, choices=Audience.choices, default=Audience.ALL_CARE_STAFF)
    url = models.URLField("web address", blank=True)
    # An uploaded document (PDF, JPEG or PNG) kept under a generated name, downloaded only
    # through the access-checked view.
    file_name = models.CharField(max_length=255, blank=True)
    stored_name = models.CharField(max_length=100, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic", "title", "id"]
        indexes = [models.Index(fields=["region", "topic", "title", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["stored_name"], condition=~models.Q(stored_name=""), name="resource_stored_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resource_detail", args=[self.public_id])

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)

    @property
    def file_kind(self) -> str:
        return {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}.get(self.content_type, "File")


class ResourceEnquiry(RegionOwned):
    """A recruit asking about a placement offer (or any resource)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="enquiries")
    recruit = models.ForeignKey(Recruit, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["resource", "recruit"], name="one_enquiry_per_resource")]

    def __str__(self) -> str:
        return f"{self.recruit} about {self.resource}"
