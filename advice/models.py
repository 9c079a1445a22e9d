"""The hub's services to providers and councils (issue 16 items 1, 2 and 4; issue 15 item 8).

A region's hub offers services as data (`Service`: HR subscription, employment-law advice, others);
a `Subscription` gives one provider or one council a service for a period with an allowance of
minutes; an `AdviceRequest` is a question to the hub, answered in a thread of `AdviceMessage`s on
which the hub's advisers record the minutes they spent. Three kinds of request share the thread:
advice under a subscription, sponsor-licence help (any provider of the region, no subscription)
and a council's request for support about a provider of its area.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hubs.models import LocalAuthority, RegionRecord


class ServiceKind(models.TextChoices):
    HR = "hr", "HR subscription"
    EMPLOYMENT_LAW = "employment_law", "Employment-law advice"
    IMMIGRATION = "immigration", "Immigration advice"
    OTHER = "other", "Other service"


class Service(RegionRecord):
    """A service the region's hub offers, with the allowance a subscription to it usually gives."""

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    description = models.TextField(blank=True)
    default_allowance_minutes = models.PositiveIntegerField(default=0)
    for_providers = models.BooleanField(default=True)
    for_councils = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="advice_service_unique_name")]

    def __str__(self) -> str:
        return self.name


class Subscription(RegionRecord):
    """One provider's or one council's use of a service, from a date, with an allowance of minutes."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="subscriptions")
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    allowance_minutes = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=False, local_authority__isnull=True)
                | Q(provider__isnull=True, local_authority__isnull=False),
                name="advice_subscription_one_subscriber",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="advice_subscription_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["region", "ends_on"], name="advice_sub_region_ends")]

    def __str__(self) -> str:
        return f"{self.service} from {self.starts_on:%d %B %Y}"

    def active_on(self, day) -> bool:  # type: ignore[no-untyped-def]
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class RequestKind(models.TextChoices):
    ADVICE = "advice", "Advice"
    SPONSOR_LICENCE = "sponsor_licence", "Sponsor licence help"
    COUNCIL_SUPPORT = "council_support", "Support about a provider"


class Category(models.TextChoices):
    EMPLOYMENT_LAW = "employment_law", "Employment law"
    HR = "hr", "HR practice"
    IMMIGRATION = "immigration", "Immigration and sponsorship"
    SPONSOR_APPLY = "sponsor_apply", "Applying for a sponsor licence"
    SPONSOR_KEEP = "sponsor_keep", "Keeping a sponsor licence"
    PROVIDER_SUPPORT = "provider_support", "Support for a provider"
    OTHER = "other", "Something else"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    SOON = "soon", "Soon"
    URGENT = "urgent", "Urgent"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the hub"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    ADVICE_GIVEN = "advice_given", "Advice given"
    REFERRED = "referred", "Referred elsewhere"
    SUPPORT_GIVEN = "support_given", "Support given"
    LICENCE_GRANTED = "licence_granted", "Licence applied for or kept"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AdviceRequest(RegionRecord):
    """A question to the hub from a provider or a council, with its thread."""

    kind = models.CharField(max_length=20, choices=RequestKind.choices, default=RequestKind.ADVICE)
    category = models.CharField(max_length=20, choices=Category.choices)
    subject = models.CharField(max_length=150)
    question = models.TextField()
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    # Who asks: a provider or a council (exactly one).
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A council's request for support is about a provider of its area.
    about_provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    first_answer_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=False, local_authority__isnull=True)
                | Q(provider__isnull=True, local_authority__isnull=False),
                name="advice_request_one_asker",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status", "raised_at"], name="advice_req_region_status"),
            models.Index(fields=["provider", "raised_at"], name="advice_req_provider"),
            models.Index(fields=["local_authority", "raised_at"], name="advice_req_council"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("advice_request_detail", kwargs={"public_id": self.public_id})


class AdviceMessage(models.Model):
    """A message in a request's thread; the hub's messages carry the minutes spent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_hub = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    minutes = models.PositiveIntegerField(default=0)
    # Time recorded beyond what was left of the allowance: kept, and flagged for the hub's lead.
    over_allowance_minutes = models.PositiveIntegerField(default=0)
    document_name = models.CharField(max_length=200, blank=True)
    stored_name = models.CharField(max_length=80, blank=True)
    content_type = models.CharField(max_length=60, blank=True)

    class Meta:
        indexes = [models.Index(fields=["request", "at"], name="advice_msg_request_at")]

    def __str__(self) -> str:
        return f"Message on {self.request_id} at {self.at:%Y-%m-%d %H:%M}"
