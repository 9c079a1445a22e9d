"""Ethical recruitment campaigns a hub runs for employers of its region (issue 15 item 2).

A campaign belongs to its region's hub team; the employers it recruits for are providers of the
same region, who read it. The Code of Practice and the route rules (`campaigns.rules`) are checked
whenever a campaign is saved or published, and candidates are never charged: publishing records
that the hub confirmed no fee is taken.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from campaigns.roles import role_choices
from hubs.models import Region, RegionRecord
from providers.models import Provider


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
