"""Demo advice data: the hub's services in three regions, subscriptions for the demo providers and
councils, and requests in every state with a thread and time recorded, so that admin.oakfield sees
its employment-law allowance partly used and each demo council officer a request about a provider
of its area (issue 16 items 1, 2 and 4; issue 15 item 8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from advice.models import AdviceRequest, RequestKind, Service, ServiceKind, Subscription
from advice.services import advice_close, advice_reply, advice_request_raise
from hubs.models import LocalAuthority, Region
from providers.models import Provider

DEMO_DOMAIN = "demo.irhub.example"
REGIONS = {"E12000005": "wm", "E12000002": "nw", "E12000007": "london"}
SERVICES = [
    ("HR subscription", ServiceKind.HR, 600, True, False, "Policies, contracts and HR casework support."),
    ("Employment-law advice", ServiceKind.EMPLOYMENT_LAW, 300, True, True, "A solicitor's advice by the hub."),
    ("Immigration advice", ServiceKind.IMMIGRATION, 240, True, True, "Sponsorship duties and visas."),
]
# (subscriber: provider name or council ONS code, service, allowance in minutes)
SUBSCRIPTIONS = [
    ("Oakfield Care Homes Ltd", "Employment-law advice", 300),
    ("Oakfield Care Homes Ltd", "HR subscription", 600),
    ("Ribble Valley Care Ltd", "Employment-law advice", 300),
    ("Ribble Valley Care Ltd", "Immigration advice", 240),
    ("E06000051", "Employment-law advice", 120),
    ("E10000017", "Employment-law advice", 120),
]


@dataclass(frozen=True)
class DemoRequest:
    asker: str  # login
    kind: str
    subject: str
    question: str
    category: str = ""
    urgency: str = "routine"
    service: str = ""  # for advice under a subscription
    provider: str = ""  # the asker's provider (sponsor licence help) or the provider asked about (council)
    answers: tuple[tuple[str, int], ...] = ()  # (text, minutes) from the region's hub staff
    close: str = ""  # the outcome
    days_ago: int = 10


REQUESTS = [
    DemoRequest(
        "admin.oakfield",
        RequestKind.ADVICE,
        "Ending a probation period early",
        "A senior carer's probation is not going well. Can we end it before the six months, and with what notice?",
        category="employment_law",
        urgency="soon",
        service="Employment-law advice",
        answers=(("Yes: the contract's probation clause allows one week's notice. Record the reasons.", 45),),
        close="advice_given",
        days_ago=40,
    ),
    DemoRequest(
        "admin.oakfield",
        RequestKind.ADVICE,
        "Holiday pay for irregular hours",
        "How do we work out holiday pay for bank staff on irregular hours?",
        category="employment_law",
        service="Employment-law advice",
        answers=(("Use the 12.07% accrual method for irregular-hours workers; we attach the calculator.", 30),),
        days_ago=6,
    ),
    DemoRequest(
        "staff.oakfield",
        RequestKind.ADVICE,
        "Disciplinary hearing: who may accompany",
        "A worker wants a friend from church at the hearing. Do we have to allow it?",
        category="hr",
        service="HR subscription",
        days_ago=1,
    ),
    DemoRequest(
        "admin.ribble",
        RequestKind.ADVICE,
        "Reference request from a new employer",
        "What may we say in a reference for a worker who left during an investigation?",
        category="employment_law",
        service="Employment-law advice",
        answers=(("Keep to facts you can show: dates, role, and that an investigation was not concluded.", 25),),
        close="advice_given",
        days_ago=20,
    ),
    DemoRequest(
        "admin.ribble",
        RequestKind.SPONSOR_LICENCE,
        "Keeping our sponsor licence after a compliance visit",
        "UKVI visited last week. What should we have ready if they come back?",
        category="sponsor_keep",
        provider="Ribble Valley Care Ltd",
        answers=(("Check right-to-work copies and absence records first; we can review them with you.", 40),),
        days_ago=4,
    ),
    DemoRequest(
        "admin.oakfield",
        RequestKind.SPONSOR_LICENCE,
        "Adding a second site to our licence",
        "We open a second home in April. Does the licence cover it?",
        category="sponsor_keep",
        provider="Oakfield Care Homes Ltd",
        days_ago=2,
    ),
    DemoRequest(
        "council.wm",
        RequestKind.COUNCIL_SUPPORT,
        "Support for the home-care rounds after the revocation",
        "Commissioning needs to know which rounds are at risk this month and how the hub can help the workers.",
        urgency="urgent",
        provider="Shropshire Hills Support Services",
        answers=(("The hub is contacting every worker this week; we will share the rounds at risk by Friday.", 30),),
        days_ago=3,
    ),
    DemoRequest(
        "council.nw",
        RequestKind.COUNCIL_SUPPORT,
        "Workers of a revoked provider in our area",
        "Can the hub tell us how many workers need new sponsors, so we can plan care cover?",
        urgency="soon",
        provider="Morecambe Bay Home Support",
        days_ago=2,
    ),
    DemoRequest(
        "council.london",
        RequestKind.COUNCIL_SUPPORT,
        "Cover for a co-operative's clients",
        "The co-operative's licence is revoked. Who at the hub coordinates with our brokerage team?",
        provider="Lewisham Homecare Co-operative",
        days_ago=1,
    ),
]


def _user(login: str) -> User | None:
    return User.objects.filter(email=f"{login}@{DEMO_DOMAIN}").first()


@transaction.atomic
def seed_advice() -> dict[str, int]:
    if AdviceRequest.objects.exists():
        return {"advice_requests_created": 0}
    regions = {region.code: region for region in Region.objects.filter(code__in=REGIONS)}
    services: dict[tuple[int, str], Service] = {}
    for region in regions.values():
        for name, kind, minutes, providers, councils, description in SERVICES:
            services[(region.id, name)], _ = Service.objects.get_or_create(
                region=region,
                name=name,
                defaults={
                    "kind": kind,
                    "default_allowance_minutes": minutes,
                    "for_providers": providers,
                    "for_councils": councils,
                    "description": description,
                },
            )
    today = timezone.localdate()
    subscriptions: dict[tuple[str, str], Subscription] = {}
    for subscriber, service_name, allowance in SUBSCRIPTIONS:
        provider = Provider.objects.filter(name=subscriber).first()
        council = LocalAuthority.objects.filter(ons_code=subscriber).first()
        owner = provider or council
        if owner is None:
            continue
        subscriptions[(subscriber, service_name)] = Subscription.objects.create(
            region_id=owner.region_id,
            service=services[(owner.region_id, service_name)],
            provider=provider,
            local_authority=council if provider is None else None,
            starts_on=(today - dt.timedelta(days=90)).replace(day=1),
            allowance_minutes=allowance,
        )
    created = 0
    for spec in REQUESTS:
        created += _seed_request(spec, subscriptions)
    return {"advice_requests_created": created}


def _seed_request(spec: DemoRequest, subscriptions: dict[tuple[str, str], Subscription]) -> int:
    asker = _user(spec.asker)
    if asker is None:
        return 0
    raised = timezone.now() - dt.timedelta(days=spec.days_ago)
    data: dict[str, object] = {"subject": spec.subject, "question": spec.question, "urgency": spec.urgency}
    if spec.kind == RequestKind.ADVICE:
        provider = (
            Provider.objects.filter(name__in=[name for name, _ in subscriptions])
            .filter(id__in=_provider_ids(asker))
            .first()
        )
        if provider is None:
            return 0
        data |= {"subscription": subscriptions.get((provider.name, spec.service)), "category": spec.category}
    elif spec.kind == RequestKind.SPONSOR_LICENCE:
        data |= {"provider": Provider.objects.filter(name=spec.provider).first(), "category": spec.category}
    else:
        data |= {"about_provider": Provider.objects.filter(name=spec.provider).first()}
        if data["about_provider"] is None:
            return 0
    row = advice_request_raise(actor=asker, kind=spec.kind, data=data, now=raised)
    region_code = row.region.code
    adviser = _user(f"staff.{REGIONS.get(region_code, 'wm')}")
    if adviser is None:
        return 1
    for hours, (text, minutes) in enumerate(spec.answers, start=2):
        advice_reply(actor=adviser, request_row=row, text=text, minutes=minutes, now=raised + dt.timedelta(hours=hours))
    if spec.close:
        advice_close(actor=adviser, request_row=row, outcome=spec.close, now=raised + dt.timedelta(days=1))
    return 1


def _provider_ids(user: User) -> list[int]:
    from hubs.access import scope_for

    return sorted(scope_for(user).providers)
