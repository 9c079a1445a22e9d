"""Reads of the campaign pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from campaigns.access import campaigns_visible_to
from campaigns.models import Campaign, CampaignRole
from portal.pagination import Page, cursor_row, page_of
from providers.models import Provider

PAGE_SIZE = 25


def campaign_page(user: Any, *, after: str | None) -> Page[Campaign]:
    """Latest opening first, by keyset (opening date and id of the last campaign shown)."""
    campaigns = campaigns_visible_to(user).select_related("region").order_by("-opens_on", "-id")
    cursor = cursor_row(campaigns, after, "opens_on", "id")
    if cursor is not None:
        campaigns = campaigns.filter(opens_on__lte=cursor["opens_on"]).exclude(
            opens_on=cursor["opens_on"], id__gte=cursor["id"]
        )
    campaigns = campaigns.prefetch_related(
        Prefetch("roles", queryset=CampaignRole.objects.order_by("id")),
        Prefetch("employers", queryset=Provider.objects.order_by("name").only("id", "name", "public_id")),
    )
    return page_of(list(campaigns[: PAGE_SIZE + 1]), PAGE_SIZE, lambda campaign: campaign.public_id)


def campaign_roles(campaign: Campaign) -> list[CampaignRole]:
    return list(campaign.roles.order_by("id"))


def campaign_employers(campaign: Campaign) -> list[Provider]:
    return list(campaign.employers.order_by("name").only("id", "name", "public_id"))
