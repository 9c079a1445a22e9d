"""The demo data set: hubs, providers, recruits and one account of every role in 3 regions.

Every address is under `demo.irhub.example` (a reserved domain), so no demo email reaches anyone.
The passwords and TOTP secrets are fixed on purpose: tests, docs and benchmarks sign in with
them (`manage.py demo_accounts --json`). Never load this data into a real deployment.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import transaction

from accounts.models import User
from advice.demo import seed_advice
from compliance.demo import seed_compliance
from demo.campaigns import seed_applications, seed_campaigns
from demo.notifications import demo_reminders
from demo.practice import seed_practice
from demo.records import DEMO_DOMAIN, seed_agencies, seed_providers, seed_recruits
from hubs.models import Hub, LocalAuthority, PartnerKind, Region, TrainingPartner
from hubs.roles import Role
from hubs.services import role_grant
from invitations.models import Invitation
from invitations.services import invitation_create
from pastoral.demo import seed_pastoral
from providers.models import Provider
from recruits.models import Recruit, RecruitStatus
from rematch.demo import rematch_seed_demo
from training.demo import seed_training
from training.literacy_demo import seed_literacy

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - published demo credential, by design


def demo_totp_secret(email: str) -> str:
    """A fixed base32 secret per demo account, derived from its email address."""
    return base64.b32encode(hashlib.sha1(f"irhub-demo:{email}".encode(), usedforsecurity=False).digest()).decode()


@dataclass(frozen=True)
class DemoHub:
    region: str
    name: str
    short_name: str
    slug: str
    lead_council: str | None
    phone: str


HUBS = [
    DemoHub(
        "E12000005",
        "West Midlands International Recruitment Programme",
        "West Midlands",
        "wm",
        "E06000051",
        "0121 496 0000",
    ),
    DemoHub(
        "E12000002",
        "Lancashire and South Cumbria IR Hub",
        "Lancashire & South Cumbria",
        "lsc",
        "E10000017",
        "01772 496000",
    ),
    DemoHub("E12000002", "Greater Manchester IR Hub", "Greater Manchester", "gm", None, "0161 496 0000"),
    DemoHub(
        "E12000007",
        "North West London International Recruitment (NWLOR)",
        "North West London",
        "nwl",
        None,
        "020 7946 0000",
    ),
    DemoHub("E12000007", "South East London Health & Care Jobs Hub", "South East London", "sel", None, "020 7946 0999"),
    # One partnership in each other region (hubs/data/ir_partnerships.csv), so that the national
    # view shows every region with a hub. Numbers in Ofcom's range for drama (01632 960xxx).
    DemoHub("E12000006", "International Recruitment East", "IR East", "east", None, "01632 960001"),
    DemoHub("E12000008", "South East IR Hub (SESCA)", "South East", "se", None, "01632 960002"),
    DemoHub("E12000001", "North East IR Hub", "North East", "ne", None, "01632 960003"),
    DemoHub("E12000003", "Yorkshire and the Humber IR Hub", "Yorkshire and the Humber", "yh", None, "01632 960004"),
    DemoHub("E12000004", "East Midlands IR Hub", "East Midlands", "em", None, "01632 960005"),
    DemoHub("E12000009", "South West IR Hub", "South West", "sw", None, "01632 960006"),
]
# Invitations waiting to be accepted, so the Invitations page shows what one looks like:
# (who invites, email, role, region code or provider name).
INVITATIONS = [
    ("lead.wm", "new.officer.wm", Role.HUB_STAFF, "E12000005"),
    ("lead.nw", "new.officer.nw", Role.HUB_STAFF, "E12000002"),
    ("lead.london", "new.officer.london", Role.HUB_STAFF, "E12000007"),
    ("staff.wm", "new.manager.oakfield", Role.PROVIDER_ADMIN, "Oakfield Care Homes Ltd"),
    ("staff.nw", "new.manager.ribble", Role.PROVIDER_ADMIN, "Ribble Valley Care Ltd"),
    ("staff.london", "new.manager.harrow", Role.PROVIDER_ADMIN, "Harrow Community Care"),
    ("admin.oakfield", "new.carer.oakfield", Role.PROVIDER_STAFF, "Oakfield Care Homes Ltd"),
    ("admin.ribble", "new.carer.ribble", Role.PROVIDER_STAFF, "Ribble Valley Care Ltd"),
]


# The West Midlands college that delivers a cohort for the hub (the partner demo account acts for it).
DEMO_PARTNER_COLLEGE = "Black Country College"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    region: str | None  # ONS code
    provider: str | None = None
    council: str | None = None  # ONS code
    name: str = ""
    partner: str | None = None  # a training partner's name (a college of the region)

    @property
    def needs_mfa(self) -> bool:
        return self.role in settings.MFA_REQUIRED_ROLES


ACCOUNTS = [
    DemoAccount(f"national@{DEMO_DOMAIN}", Role.NATIONAL, None, name="Nadia National"),
    DemoAccount(f"lead.wm@{DEMO_DOMAIN}", Role.LEAD, "E12000005", name="Leah Lead (West Midlands)"),
    DemoAccount(f"lead.nw@{DEMO_DOMAIN}", Role.LEAD, "E12000002", name="Liam Lead (North West)"),
    DemoAccount(f"lead.london@{DEMO_DOMAIN}", Role.LEAD, "E12000007", name="Lola Lead (London)"),
    DemoAccount(f"staff.wm@{DEMO_DOMAIN}", Role.HUB_STAFF, "E12000005", name="Harriet Hub (West Midlands)"),
    DemoAccount(f"staff.nw@{DEMO_DOMAIN}", Role.HUB_STAFF, "E12000002", name="Hamza Hub (North West)"),
    DemoAccount(f"staff.london@{DEMO_DOMAIN}", Role.HUB_STAFF, "E12000007", name="Hana Hub (London)"),
    DemoAccount(
        f"council.wm@{DEMO_DOMAIN}", Role.COUNCIL, "E12000005", council="E06000051", name="Colin Council (Shropshire)"
    ),
    DemoAccount(
        f"council.nw@{DEMO_DOMAIN}", Role.COUNCIL, "E12000002", council="E10000017", name="Chloe Council (Lancashire)"
    ),
    DemoAccount(
        f"council.london@{DEMO_DOMAIN}", Role.COUNCIL, "E12000007", council="E09000023", name="Cora Council (Lewisham)"
    ),
    DemoAccount(f"adass.wm@{DEMO_DOMAIN}", Role.ADASS, "E12000005", name="Ada ADASS (West Midlands)"),
    DemoAccount(
        f"partner.wm@{DEMO_DOMAIN}",
        Role.PARTNER,
        "E12000005",
        partner=DEMO_PARTNER_COLLEGE,
        name="Priya Partner (Black Country College)",
    ),
    DemoAccount(
        f"partner.nw@{DEMO_DOMAIN}",
        Role.PARTNER,
        "E12000002",
        partner="Lancashire and Cumbria College",
        name="Pete Partner (Lancashire and Cumbria College)",
    ),
    DemoAccount(f"adass.nw@{DEMO_DOMAIN}", Role.ADASS, "E12000002", name="Abe ADASS (North West)"),
    DemoAccount(f"adass.london@{DEMO_DOMAIN}", Role.ADASS, "E12000007", name="Asha ADASS (London)"),
    DemoAccount(
        f"admin.oakfield@{DEMO_DOMAIN}",
        Role.PROVIDER_ADMIN,
        "E12000005",
        provider="Oakfield Care Homes Ltd",
        name="Pat Provider",
    ),
    DemoAccount(
        f"admin.ribble@{DEMO_DOMAIN}",
        Role.PROVIDER_ADMIN,
        "E12000002",
        provider="Ribble Valley Care Ltd",
        name="Rosa Provider",
    ),
    DemoAccount(
        f"staff.oakfield@{DEMO_DOMAIN}",
        Role.PROVIDER_STAFF,
        "E12000005",
        provider="Oakfield Care Homes Ltd",
        name="Sam Staff",
    ),
    DemoAccount(
        f"staff.ribble@{DEMO_DOMAIN}",
        Role.PROVIDER_STAFF,
        "E12000002",
        provider="Ribble Valley Care Ltd",
        name="Sian Staff",
    ),
    DemoAccount(
        f"recruit.wm@{DEMO_DOMAIN}", Role.RECRUIT, "E12000005", provider="Oakfield Care Homes Ltd", name="Amara Okafor"
    ),
    DemoAccount(
        f"recruit.nw@{DEMO_DOMAIN}", Role.RECRUIT, "E12000002", provider="Ribble Valley Care Ltd", name="Joseph Mensah"
    ),
]


def demo_accounts() -> list[dict[str, str | None]]:
    """The contract printed by `manage.py demo_accounts --json`."""
    regions = dict(Region.objects.values_list("code", "name"))
    return [
        {
            "email": account.email,
            "password": DEMO_PASSWORD,
            "role": account.role.value,
            "region": regions.get(account.region) if account.region else None,
            "provider": account.provider,
            "totp_secret": demo_totp_secret(account.email) if account.needs_mfa else None,
        }
        for account in ACCOUNTS
    ]


@transaction.atomic
def demo_seed() -> dict[str, int]:
    """Create (or complete) the demo data set. Running it twice changes nothing."""
    regions = {region.code: region for region in Region.objects.all()}
    councils = {la.ons_code: la for la in LocalAuthority.objects.all()}
    hubs = {}
    for spec in HUBS:
        hubs[spec.slug], _ = Hub.objects.get_or_create(
            region=regions[spec.region],
            name=spec.name,
            defaults={
                "short_name": spec.short_name,
                "mailbox": f"{spec.slug}-hub@{DEMO_DOMAIN}",
                "phone": spec.phone,
                "lead_council": councils.get(spec.lead_council) if spec.lead_council else None,
            },
        )
    providers = seed_providers(regions, councils, hubs)
    recruits = seed_recruits(providers, seed_agencies(regions))
    users = sum(_seed_account(account, regions, councils, providers) for account in ACCOUNTS)
    users += _seed_provider_managers(providers)
    _seed_invitations(regions, providers)
    reminders = demo_reminders()
    rematching = rematch_seed_demo()
    programmes = seed_training()
    literacy_assessments = seed_literacy()
    compliance = seed_compliance()
    advice = seed_advice()
    pastoral_plans = seed_pastoral()
    practice_examples = seed_practice()
    campaigns = seed_campaigns()
    applications = seed_applications()
    return {
        "hubs": len(hubs),
        "providers": len(providers),
        "recruits_created": recruits,
        "users_created": users,
        "reminders_sent": reminders,
        **rematching,
        "programmes_created": programmes,
        "literacy_assessments_created": literacy_assessments,
        **compliance,
        **advice,
        "pastoral_plans_created": pastoral_plans,
        "practice_examples_created": practice_examples,
        "campaigns_created": campaigns,
        "applications_created": applications,
    }


def _seed_account(
    account: DemoAccount,
    regions: dict[str, Region],
    councils: dict[str, LocalAuthority],
    providers: dict[str, Provider],
) -> bool:
    user, created = User.objects.get_or_create(email=account.email, defaults={"name": account.name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    scope_object: object
    if account.role == Role.NATIONAL:
        scope_object = None
    elif account.role in (Role.LEAD, Role.HUB_STAFF, Role.ADASS):
        scope_object = regions[account.region or ""]
    elif account.role == Role.COUNCIL:
        scope_object = councils[account.council or ""]
    elif account.role in (Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF):
        scope_object = providers[account.provider or ""]
    elif account.role == Role.PARTNER:
        scope_object, _ = TrainingPartner.objects.get_or_create(
            region=regions[account.region or ""],
            name=account.partner or "",
            defaults={"kind": PartnerKind.COLLEGE, "contact_email": f"training@college.{DEMO_DOMAIN}"},
        )
    else:
        scope_object = _demo_recruit_record(account, providers[account.provider or ""])
    role_grant(user=user, role=account.role, scope_object=scope_object)  # type: ignore[arg-type]
    if account.needs_mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_totp_secret(account.email))
        RecoveryCodes.activate(user)
    return created


# The registered managers of the demo providers that have no demo account: they receive their
# provider's reminders (reporting duties, check-ins), so that none fails for want of a recipient.
# They cannot sign in (no password); the listed provider accounts show what a provider sees.
MANAGERS = {
    "Severn Valley Home Care": "Owen Price",
    "Shropshire Hills Support Services": "Megan Evans",
    "Malvern Hills Nursing": "Gareth Hughes",
    "Morecambe Bay Home Support": "Alice Whitworth",
    "Salford Quays Care Partnership": "Dominic Byrne",
    "Harrow Community Care": "Sunita Patel",
    "Lewisham Homecare Co-operative": "Marcus Green",
    "Solent Shores Care": "Fiona Marsh",
    "Dales Domiciliary Care": "Graham Outhwaite",
    "Tyne Valley Care Ltd": "Ellen Robson",
    "Trentside Home Care": "Vikram Mistry",
    "Fenland Care Services": "Helen Rowe",
    "Exe Estuary Care": "Jago Penrose",
}


def manager_email(provider_name: str) -> str:
    slug = "".join(ch for ch in provider_name.lower().split()[0] if ch.isalnum())
    return f"manager.{slug}@{DEMO_DOMAIN}"


def _seed_provider_managers(providers: dict[str, Provider]) -> int:
    created = 0
    for provider_name, name in MANAGERS.items():
        user, new = User.objects.get_or_create(email=manager_email(provider_name), defaults={"name": name})
        if new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            created += 1
        role_grant(user=user, role=Role.PROVIDER_ADMIN, scope_object=providers[provider_name])
    return created


def _demo_recruit_record(account: DemoAccount, provider: Provider) -> Recruit:
    given, family = account.name.split(" ", 1)
    recruit, _ = Recruit.objects.get_or_create(
        email=account.email,
        defaults={
            "region_id": provider.region_id,
            "provider": provider,
            "given_names": given,
            "family_name": family,
            "status": RecruitStatus.EMPLOYED,
        },
    )
    return recruit


def _seed_invitations(regions: dict[str, Region], providers: dict[str, Provider]) -> None:
    for inviter, local_part, role, scope in INVITATIONS:
        actor = User.objects.filter(email=f"{inviter}@{DEMO_DOMAIN}").first()
        email = f"{local_part}@{DEMO_DOMAIN}"
        if actor is None or Invitation.objects.filter(email=email).exists():
            continue
        scope_object = regions[scope] if role == Role.HUB_STAFF else providers[scope]  # a provider role
        invitation_create(actor=actor, email=email, role=role, scope_object=scope_object, name="")
