"""Demo recruitment campaigns (issue 15): one published in the West Midlands, one in the North West."""

from __future__ import annotations

import datetime as dt

from accounts.models import User
from campaigns.models import Campaign
from campaigns.services import campaign_create, campaign_publish_draft
from hubs.models import Region
from providers.models import Provider

ADVERT_WM = """Registered nurses and midwives: come and work in Shropshire and Worcestershire.

- The West Midlands hub recruits directly, with no agencies and **no fees, ever**: you are never charged.
- Interviews online with a clinical lead; support with the NMC test of competence.
- Twelve months of pastoral support from the hub after you arrive.
"""

ADVERT_NW = """Senior care workers and care workers already living in the UK: join employers in Lancashire and
Greater Manchester.

- You are never charged a fee by the hub or the employer.
- The hub helps you change sponsor if your employer lost its licence.
"""

CAMPAIGNS = [
    (
        "lead.wm@demo.irhub.example",
        "E12000005",
        "Nurses and midwives from India and the Philippines, spring 2027",
        ["Oakfield Care Homes Ltd", "Malvern Hills Nursing"],
        {"nurse": 8, "midwife": 2},
        False,
        ["IN", "PH"],
        "Partner state job portals (Kerala, Philippines)\nNHS Jobs\nDiaspora community groups",
        (120, 40, 14, 10),
        ADVERT_WM,
    ),
    (
        "lead.nw@demo.irhub.example",
        "E12000002",
        "Senior care workers already in the UK, 2027",
        ["Ribble Valley Care Ltd", "Salford Quays Care Partnership"],
        {"senior_care_worker": 6, "care_worker": 10},
        True,
        [],
        "DWP Jobcentre Plus\nThe hub's rematching pool\nLocal radio",
        (80, 30, 16, 16),
        ADVERT_NW,
    ),
]


def seed_campaigns() -> int:
    """The demo campaigns, once each (by title), published."""
    created = 0
    today = dt.date(2026, 12, 1)
    for email, region_code, title, employer_names, roles, in_country, countries, channels, targets, advert in CAMPAIGNS:
        lead = User.objects.filter(email=email).first()
        region = Region.objects.filter(code=region_code).first()
        if lead is None or region is None or Campaign.objects.filter(title=title).exists():
            continue
        employers = list(Provider.objects.filter(region=region, name__in=employer_names))
        applications, interviews, offers, arrivals = targets
        data = {
            "title": title,
            "in_country": in_country,
            "target_countries": countries,
            "amber_agreement": "",
            "channels": channels,
            "opens_on": today,
            "closes_on": today + dt.timedelta(days=90),
            "target_applications": applications,
            "target_interviews": interviews,
            "target_offers": offers,
            "target_arrivals": arrivals,
            "advert": advert,
        }
        campaign = campaign_create(actor=lead, region=region, data=data, roles=roles, employers=employers)
        campaign_publish_draft(actor=lead, campaign=campaign, no_fee_confirmed=True)
        created += 1
    return created
