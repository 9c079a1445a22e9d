"""Campaigns of region A, made through the services, for the pages' tests and the sweeps."""

from __future__ import annotations

import datetime as dt

from campaigns.models import Campaign
from campaigns.services import campaign_create, campaign_publish_draft
from tests.conftest import Cast

OPENS = dt.date(2026, 12, 1)


def campaign_in_a(cast: Cast, *, title: str = "Nurses from India, spring 2027", published: bool = False) -> Campaign:
    data = {
        "title": title,
        "in_country": False,
        "target_countries": ["IN", "PH"],
        "amber_agreement": "",
        "channels": "The partner state's job portal\nNHS Jobs",
        "opens_on": OPENS,
        "closes_on": OPENS + dt.timedelta(days=60),
        "target_applications": 120,
        "target_interviews": 40,
        "target_offers": 20,
        "target_arrivals": 15,
        "advert": "**Registered nurses** wanted: no fees, ever.",
    }
    campaign = campaign_create(
        actor=cast.lead_a,
        region=cast.region_a,
        data=data,
        roles={"nurse": 12, "midwife": 3},
        employers=[cast.provider_a],
    )
    if published:
        campaign_publish_draft(actor=cast.lead_a, campaign=campaign, no_fee_confirmed=True)
    return campaign
