"""The demo's providers, agencies, recruits and reporting duties (see demo/seed.py).

About 50 recruits in each demo region with varied statuses, nationalities (some on the Code of
Practice red or amber list, some through agencies, a few charged fees), visa expiries spread
over the next year, and reporting duties: some overdue, some due soon, some reported.
Everything is keyed on stable values so that seeding twice changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hubs.models import Agency, Hub, LocalAuthority, Region
from providers.models import LicenceChange, LicenceRating, LicenceSource, LicenceStatus, Provider
from recruits.code_of_practice import flags_for
from recruits.duties.models import DutyKind, ReportingDuty
from recruits.duties.rules import duty_deadline
from recruits.models import DEFAULT_OCCUPATION_CODE, Employment, JobRole, Recruit, RecruitmentChannel, RecruitStatus

DEMO_DOMAIN = "demo.irhub.example"
RECRUITS_PER_REGION = 50

# region, hub slug, provider name, council ONS code, licence status, rating
PROVIDERS = [
    ("E12000005", "wm", "Oakfield Care Homes Ltd", "E06000051", LicenceStatus.ACTIVE, LicenceRating.A),
    ("E12000005", "wm", "Severn Valley Home Care", "E06000051", LicenceStatus.SUSPENDED, LicenceRating.A),
    ("E12000005", "wm", "Shropshire Hills Support Services", "E06000051", LicenceStatus.REVOKED, LicenceRating.A),
    ("E12000005", "wm", "Malvern Hills Nursing", "E10000034", LicenceStatus.ACTIVE, LicenceRating.B),
    ("E12000002", "lsc", "Ribble Valley Care Ltd", "E10000017", LicenceStatus.ACTIVE, LicenceRating.A),
    ("E12000002", "lsc", "Morecambe Bay Home Support", "E10000017", LicenceStatus.REVOKED, LicenceRating.A),
    ("E12000002", "gm", "Salford Quays Care Partnership", "E08000006", LicenceStatus.ACTIVE, LicenceRating.A),
    ("E12000007", "nwl", "Harrow Community Care", "E09000015", LicenceStatus.ACTIVE, LicenceRating.A),
    ("E12000007", "sel", "Lewisham Homecare Co-operative", "E09000023", LicenceStatus.SUSPENDED, LicenceRating.A),
    ("E12000008", None, "Solent Shores Care", "E06000045", LicenceStatus.ACTIVE, LicenceRating.B),
    ("E12000003", None, "Dales Domiciliary Care", "E06000065", LicenceStatus.SURRENDERED, LicenceRating.A),
    ("E12000001", None, "Tyne Valley Care Ltd", "E06000057", LicenceStatus.ACTIVE, LicenceRating.A),
    ("E12000004", None, "Trentside Home Care", "E10000024", LicenceStatus.ACTIVE, LicenceRating.B),
    ("E12000006", None, "Fenland Care Services", "E10000003", LicenceStatus.ACTIVE, LicenceRating.A),
    ("E12000009", None, "Exe Estuary Care", "E10000008", LicenceStatus.SUSPENDED, LicenceRating.A),
]
DEMO_REGIONS = ["E12000005", "E12000002", "E12000007"]
# The other regions get a few recruits each, so that the national view has figures for all nine;
# none of them has a reporting duty (those regions have no hub team to remind).
OTHER_REGIONS = ["E12000001", "E12000003", "E12000004", "E12000006", "E12000008", "E12000009"]
RECRUITS_PER_OTHER_REGION = 6
POSTCODE_AREA = {
    "E12000005": "SY1",
    "E12000002": "PR1",
    "E12000007": "HA1",
    "E12000008": "SO14",
    "E12000003": "HG1",
    "E12000001": "NE46",
    "E12000004": "NG1",
    "E12000006": "PE13",
    "E12000009": "EX8",
}

GIVEN = [
    "Amara",
    "Joseph",
    "Grace",
    "Tendai",
    "Priya",
    "Samuel",
    "Mercy",
    "Daniel",
    "Anjali",
    "Kofi",
    "Ruth",
    "Emmanuel",
    "Maria",
    "Rahul",
    "Chipo",
    "Blessing",
    "Jomar",
    "Esther",
    "Nimal",
    "Faith",
]
FAMILY = [
    "Okafor",
    "Mensah",
    "Banda",
    "Moyo",
    "Sharma",
    "Dlamini",
    "Boateng",
    "Phiri",
    "Nair",
    "Asante",
    "Chikwanha",
    "Eze",
    "Santos",
    "Reyes",
    "Perera",
    "Mwangi",
    "Thapa",
    "Adeyemi",
    "Ncube",
    "Kaur",
]
# Mostly direct or in-country; a few red-list or amber nationalities through agencies. A prime-length
# cycle, so that every provider (recruits are dealt round-robin) gets a mix.
NATIONALITY_CYCLE = ["IN", "PH", "ZW", "NG", "IN", "LK", "GH", "KE", "IN", "NP", "PH", "ZA", "BD"]  # 13: prime
STATUS_CYCLE = [
    RecruitStatus.EMPLOYED,
    RecruitStatus.EMPLOYED,
    RecruitStatus.EMPLOYED,
    RecruitStatus.ARRIVING,
    RecruitStatus.AT_RISK,
    RecruitStatus.DISPLACED,
    RecruitStatus.REMATCHED,
    RecruitStatus.EMPLOYED,
    RecruitStatus.LEFT,
]
JOB_CYCLE = [JobRole.CARE_WORKER, JobRole.CARE_WORKER, JobRole.SENIOR_CARE_WORKER, JobRole.CARE_WORKER, JobRole.NURSE]


def seed_providers(
    regions: dict[str, Region], councils: dict[str, LocalAuthority], hubs: dict[str, Hub]
) -> dict[str, Provider]:
    providers = {}
    for number, (region, hub, name, council, status, rating) in enumerate(PROVIDERS, start=1):
        changed_on = date(2026, 1, 5) + timedelta(days=17 * number)
        provider, created = Provider.objects.get_or_create(
            licence_number=f"DEMO{number:05d}",
            defaults={
                "region": regions[region],
                "hub": hubs.get(hub) if hub else None,
                "local_authority": councils[council],
                "name": name,
                "address": f"{number} High Street",
                "postcode": f"{POSTCODE_AREA[region]} {number}AA",
                "cqc_provider_id": f"1-{1000000000 + number * 7919}",
                "cqc_location_id": f"1-{2000000000 + number * 104729}",
                "licence_status": status,
                "licence_rating": rating,
                "licence_changed_on": changed_on,
            },
        )
        if created:
            LicenceChange.objects.create(
                provider=provider,
                status=LicenceStatus.ACTIVE,
                rating=LicenceRating.A,
                effective_on=date(2022, 3, 1),
                source=LicenceSource.REGISTER,
                note="Licence granted.",
            )
            if (status, rating) != (LicenceStatus.ACTIVE, LicenceRating.A):
                LicenceChange.objects.create(
                    provider=provider,
                    status=status,
                    rating=rating,
                    effective_on=changed_on,
                    source=LicenceSource.UKVI,
                    note="Demo licence event.",
                )
        providers[name] = provider
    return providers


# name, kind, Companies House number, countries, services, status, reason
DEMO_AGENCIES = [
    ("Ethical Care Recruitment", "agency", "09876543", ["IN", "PH", "GH"],
     "Recruits senior carers and care workers for residential and home care.", "approved", ""),
    ("Global Nurses Partnership", "msp", "SC612345", ["IN", "NG", "KE"],
     "Managed service for nurses: recruitment, OSCE preparation and arrival.", "approved", ""),
    ("Horizon Care Staffing", "agency", "11223344", ["ZW", "NG"],
     "Recruits care workers for home care.", "suspended",
     "Two workers told the hub they were asked to pay a placement fee: the hub is looking into it"),
]  # fmt: skip


def seed_agencies(regions: dict[str, Region]) -> dict[str, list[Agency]]:
    """The framework of every region: two approved agencies (which demo recruits name) and one
    suspended while the hub looks into a concern. The demo regions' hubs checked theirs against the
    Ethical Recruiters List two months ago (the other regions have no hub team to do it)."""
    agencies: dict[str, list[Agency]] = {}
    for code in DEMO_REGIONS + OTHER_REGIONS:
        agencies[code] = []
        for name, kind, number, countries, services, status, reason in DEMO_AGENCIES:
            slug = name.split()[0].lower()
            agency = Agency.objects.get_or_create(
                region=regions[code],
                name=name,
                defaults={
                    "kind": kind,
                    "companies_house_number": number,
                    "countries": countries,
                    "services": services,
                    "contact_email": f"partnerships@{slug}.{DEMO_DOMAIN}",
                    "status": status,
                    "status_reason": reason,
                    "status_changed_on": date.today() - timedelta(days=12) if reason else None,
                    "on_ethical_recruiters_list": status == "approved",
                    "last_checked": date.today() - timedelta(days=60) if code in DEMO_REGIONS else None,
                },
            )[0]
            if status == "approved":
                agencies[code].append(agency)
    return agencies


def seed_recruits(providers: dict[str, Provider], agencies: dict[str, list[Agency]]) -> int:
    created_count = 0
    today = date.today()
    sizes = dict.fromkeys(DEMO_REGIONS, RECRUITS_PER_REGION) | dict.fromkeys(OTHER_REGIONS, RECRUITS_PER_OTHER_REGION)
    offset = 0  # workers are numbered across regions, so that their names are unique in the demo
    for code, size in sizes.items():
        region_providers = [p for p in providers.values() if p.region.code == code]
        for i in range(size):
            provider = region_providers[i % len(region_providers)]
            email = f"worker.{code[-2:]}.{i:02d}@{DEMO_DOMAIN}"
            if Recruit.objects.filter(email=email).exists():
                continue
            recruit = Recruit(region=provider.region, provider=provider, email=email, **_details(code, i, today))
            recruit.given_names, recruit.family_name = demo_name(offset + i)
            channel = recruit.recruitment_channel
            if channel == RecruitmentChannel.APPROVED_AGENCY:
                recruit.agency = agencies[code][i % 2]
            elif channel == RecruitmentChannel.OTHER_AGENCY:
                recruit.agency_name_other = "QuickCare Staffing International"
            recruit.status = _status_for(provider, i)
            recruit.save()
            recruit.flags = flags_for(recruit)
            recruit.save(update_fields=["flags"])
            if recruit.status != RecruitStatus.ARRIVING:
                started = today - timedelta(days=60 + 11 * i)
                Employment.objects.create(recruit=recruit, provider=provider, start_date=started)
            if code in DEMO_REGIONS:
                _seed_duty(recruit, i, today)
            created_count += 1
        offset += size
    return created_count


def demo_name(number: int) -> tuple[str, str]:
    """The `number`-th demo worker's name: no two of the first 380 share one, and none is the name
    of a demo account's recruit (Amara Okafor, Joseph Mensah: the pairs with equal indexes)."""
    row, column = divmod(number + len(GIVEN), len(GIVEN))
    return GIVEN[column], FAMILY[(column + row) % len(FAMILY)]


def _details(code: str, i: int, today: date) -> dict[str, object]:
    job = JOB_CYCLE[i % len(JOB_CYCLE)]
    channel = RecruitmentChannel.IN_COUNTRY if i % 3 == 0 else RecruitmentChannel.DIRECT
    if i % 7 == 3:
        channel = RecruitmentChannel.OTHER_AGENCY
    elif i % 7 == 5:
        channel = RecruitmentChannel.APPROVED_AGENCY
    return {
        "date_of_birth": date(1980 + i % 20, 1 + i % 12, 1 + i % 27),
        "nationality": NATIONALITY_CYCLE[i % len(NATIONALITY_CYCLE)],
        "passport_number": f"P{code[-2:]}{i:06d}",
        "phone": f"07700 9{i:05d}",
        "postcode": f"{POSTCODE_AREA[code]} {1 + i % 9}AB",
        "job_role": job,
        "occupation_code": DEFAULT_OCCUPATION_CODE[job],
        "visa_expiry": today + timedelta(days=20 + 9 * i),
        "cos_reference": f"C{code[-2:]}D{i:07d}",
        "rtw_check_date": today - timedelta(days=90 + i),
        "rtw_followup_due": today + timedelta(days=15 + 9 * i),
        "dbs_status": "clear" if i % 4 else "applied",
        "dbs_barred_list_checked": bool(i % 4),
        "english_level": "entry_3" if i % 2 else "level_1",
        "recruitment_channel": channel,
        "candidate_fees": Decimal("1500.00") if i % 17 == 4 else None,
        "nmc_cbt_passed": job == JobRole.NURSE,
        "osce_attempts": 1 if job == JobRole.NURSE else 0,
    }


def _status_for(provider: Provider, index: int) -> RecruitStatus:
    if provider.licence_status in (LicenceStatus.REVOKED, LicenceStatus.SURRENDERED):
        return RecruitStatus.DISPLACED if index % 3 else RecruitStatus.REMATCHED
    if provider.licence_status == LicenceStatus.SUSPENDED:
        return RecruitStatus.AT_RISK if index % 2 else RecruitStatus.EMPLOYED
    return STATUS_CYCLE[index % len(STATUS_CYCLE)]


def _seed_duty(recruit: Recruit, i: int, today: date) -> None:
    """Every fifth recruit has a duty: overdue, due soon or already reported."""
    if i % 5 or recruit.provider is None:
        return
    kind = [DutyKind.PAY_CUT, DutyKind.UNAUTHORISED_ABSENCE, DutyKind.JOB_CHANGE][i % 3]
    event = today - timedelta(days=[25, 6, 12][i % 3])
    ReportingDuty.objects.get_or_create(
        recruit=recruit,
        kind=kind,
        defaults={
            "region_id": recruit.region_id,
            "provider": recruit.provider,
            "event_date": event,
            "deadline": duty_deadline(kind, event),
            "reported_on": today - timedelta(days=2) if i % 10 == 0 and i % 3 == 2 else None,
            "details": "Demo duty.",
        },
    )
