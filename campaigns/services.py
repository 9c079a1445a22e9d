"""Writes on campaigns: create, update and publish, each checked against the Code of Practice and
the route rules (`campaigns.rules.check_campaign`), all or nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns.models import Campaign, CampaignRole, CampaignStatus
from campaigns.roles import occupation_codes
from campaigns.rules import check_campaign
from hubs.models import Region
from providers.models import Provider

CAMPAIGN_FIELDS = [
    "title",
    "in_country",
    "target_countries",
    "amber_agreement",
    "channels",
    "opens_on",
    "closes_on",
    "target_applications",
    "target_interviews",
    "target_offers",
    "target_arrivals",
    "advert",
]


def _check(campaign: Campaign, roles: dict[str, int], employers: list[Provider]) -> None:
    """Every reason the campaign cannot be saved, as one ValidationError (field by field)."""
    errors: dict[str, list[str]] = {}
    if campaign.closes_on < campaign.opens_on:
        errors.setdefault("closes_on", []).append("The closing date must be on or after the opening date")
    if not employers:
        errors.setdefault("employers", []).append("Choose at least one employer the campaign recruits for")
    if any(provider.region_id != campaign.region_id for provider in employers):
        errors.setdefault("employers", []).append("Choose employers of the campaign's region only")
    if not any(roles.values()):
        errors.setdefault("__all__", []).append("Enter the number of posts for at least one role")
    if not campaign.in_country and not campaign.target_countries:
        errors.setdefault("target_countries", []).append(
            "Enter the countries the campaign recruits from, or choose an in-country campaign"
        )
    refusals = check_campaign(
        in_country=campaign.in_country,
        countries=campaign.target_countries,
        occupation_codes=occupation_codes([role for role, posts in roles.items() if posts]),
        amber_agreement=campaign.amber_agreement,
        on=campaign.opens_on,
    )
    for refusal in refusals:
        errors.setdefault("target_countries" if refusal.country else "__all__", []).append(refusal.message)
    if errors:
        raise ValidationError(errors)


def _save(campaign: Campaign, data: dict[str, Any], roles: dict[str, int], employers: list[Provider]) -> Campaign:
    for key in CAMPAIGN_FIELDS:
        if key in data:
            setattr(campaign, key, data[key])
    if campaign.in_country:
        campaign.target_countries, campaign.amber_agreement = [], ""
    _check(campaign, roles, employers)
    campaign.full_clean(exclude=["employers"])
    campaign.save()
    campaign.employers.set(employers)
    kept = {role: posts for role, posts in roles.items() if posts}
    campaign.roles.exclude(role__in=kept).delete()
    for role, posts in kept.items():
        CampaignRole.objects.update_or_create(campaign=campaign, role=role, defaults={"posts": posts})
    return campaign


@transaction.atomic
def campaign_create(
    *, actor: Any, region: Region, data: dict[str, Any], roles: dict[str, int], employers: list[Provider]
) -> Campaign:
    return _save(Campaign(region=region, created_by=actor), data, roles, employers)


@transaction.atomic
def campaign_update(
    *, actor: Any, campaign: Campaign, data: dict[str, Any], roles: dict[str, int], employers: list[Provider]
) -> Campaign:
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError("The campaign is closed: it can no longer be changed.")
    return _save(campaign, data, roles, employers)


@transaction.atomic
def campaign_publish_draft(*, actor: Any, campaign: Campaign, no_fee_confirmed: bool) -> Campaign:
    """Publish a draft: the rules are checked again (on its opening day) and the hub confirms that
    candidates are never charged."""
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(f"The campaign is {campaign.get_status_display().lower()}: only a draft is published.")
    if not no_fee_confirmed:
        raise ValidationError(
            {"no_fee_confirmed": "Confirm that candidates are never charged a fee before you publish"}
        )
    roles = dict(campaign.roles.values_list("role", "posts"))
    _check(campaign, roles, list(campaign.employers.all()))
    campaign.status, campaign.no_fee_confirmed, campaign.published_at = (
        CampaignStatus.PUBLISHED,
        True,
        timezone.now(),
    )
    campaign.save(update_fields=["status", "no_fee_confirmed", "published_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    """Close a published campaign: the public form stops taking applications; applicants already
    in it carry on through the pipeline."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.PUBLISHED:
        raise ValidationError(
            f"The campaign is {campaign.get_status_display().lower()}: only a published one is closed."
        )
    campaign.status, campaign.closed_at = CampaignStatus.CLOSED, timezone.now()
    campaign.save(update_fields=["status", "closed_at", "updated_at"])
    return campaign
