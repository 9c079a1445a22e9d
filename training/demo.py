"""Demo training: "Translating Care" and the hub curriculum in each demo region, with cohorts.

Called once from `demo.seed.demo_seed`; running it again changes nothing. Cohort dates are set
relative to the day the demo is loaded, so a fresh demo always has dates to book.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.models import Hub, Region, TrainingPartner
from portal.workdays import is_working_day
from providers.models import Provider
from recruits.models import EnglishLevel, Recruit
from training.learners import learner_for_recruit
from training.models import (
    Attendance,
    Audience,
    Certificate,
    CertificateStatus,
    Cohort,
    Delivery,
    EligibilityRule,
    Enrolment,
    EnrolmentStatus,
    EvidenceKind,
    Learner,
    LearnerKind,
    Programme,
    ProgrammeKind,
    Resource,
    ResourceKind,
    RuleKind,
    SessionDay,
    WhoMayJoin,
)
from training.placements_demo import seed_career_pages, seed_placement
from training.services import enrolment_book

# The completed cohort of Translating Care in the West Midlands: its certificates have fixed codes,
# so the README can name one that the public verification page finds.
COMPLETED_REGION = "E12000005"
DEMO_CERTIFICATE_CODE = "TCWM-HQTC-2345"
COMPLETED_CODES = [DEMO_CERTIFICATE_CODE, "TCWM-HQTC-2346", "TCWM-HQTC-2347", "TCWM-HQTC-2348"]
REVOKED_CODE = "TCWM-HQTC-2347"
AWARDING_BODY = "Highfield Qualifications"
QUALIFICATION = {
    "awarding_body": AWARDING_BODY,
    "qualification_title": "Level 1 Award in Health and Social Care Values",
    "qualification_level": "1",
}
DEMO_REGIONS = {"E12000005": "staff.wm", "E12000002": "staff.nw", "E12000007": None}
TRANSLATING_CARE = "Translating Care"
TRANSLATING_CARE_MODULES = [
    "Health and social care values",
    "Equality and diversity",
    "Safeguarding and protection",
    "Prejudice and discrimination",
    "Employability",
]
CURRICULUM = [
    ("Catheter care", Audience.ALL_CARE_STAFF),
    ("Wound care", Audience.ALL_CARE_STAFF),
    ("Behaviours that challenge", Audience.ALL_CARE_STAFF),
    ("End of life care", Audience.ALL_CARE_STAFF),
    ("Compassionate communication", Audience.ALL_CARE_STAFF),
    ("Deprivation of Liberty Safeguards (DoLS)", Audience.ALL_CARE_STAFF),
    ("Mental Capacity Act", Audience.ALL_CARE_STAFF),
    ("Multi-agency safeguarding", Audience.ALL_CARE_STAFF),
    ("UK culture", Audience.INTERNATIONAL_RECRUITS),
    ("Diversity and inclusion", Audience.ALL_CARE_STAFF),
    ("Person-centred care", Audience.ALL_CARE_STAFF),
]

RESOURCES = [
    (ResourceKind.LINK, "The Care Certificate standards", "Care Certificate", "https://www.skillsforcare.org.uk/"),
    (ResourceKind.CAREER, "Careers in health and care", "Careers", "https://www.healthcareers.nhs.uk/"),
    (ResourceKind.E_LEARNING, "Safeguarding adults e-learning", "Safeguarding", "https://www.e-lfh.org.uk/"),
]
OTHER_OFFERS = [
    ("OSCE preparation", ProgrammeKind.OSCE, Audience.NURSES, 2),
    ("Face-to-face induction with employers", ProgrammeKind.INDUCTION, Audience.INTERNATIONAL_RECRUITS, 1),
]


def _working_days_from(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _cohort(programme: Programme, *, first: date, capacity: int, trainer: User | None, venue: str) -> None:
    if programme.cohorts.exists():
        return
    days = _working_days_from(first, programme.duration_days)
    cohort = Cohort.objects.create(
        region=programme.region,
        programme=programme,
        venue=venue,
        trainer=trainer,
        trainer_name="" if trainer else "Hub training team",
        capacity=capacity,
        booking_deadline=days[0] - timedelta(days=7),
    )
    SessionDay.objects.bulk_create(
        [SessionDay(cohort=cohort, date=day, starts_at=time(9, 30), ends_at=time(16, 0)) for day in days]
    )


def _book_demo_recruits(region: Region, *, actor: User) -> None:
    """The demo recruits (those with an account) have a place on the employers' induction."""
    cohort = Cohort.objects.filter(programme__region=region, programme__kind=ProgrammeKind.INDUCTION).first()
    if cohort is None:
        return
    for recruit in Recruit.objects.filter(region=region, user__isnull=False).exclude(enrolments__cohort=cohort):
        enrolment_book(actor=actor, cohort=cohort, recruit=recruit)


def _completed_cohort(programme: Programme, *, trainer: User | None, venue: str) -> None:
    """A cohort that finished six weeks ago: every learner present, certificates issued, one of them
    revoked, and the awarding body's numbers recorded on two."""
    if Certificate.objects.filter(code=DEMO_CERTIFICATE_CODE).exists():
        return
    recruits = list(
        Recruit.objects.filter(region=programme.region, user__isnull=True).order_by("id")[: len(COMPLETED_CODES)]
    )
    if not recruits:
        return
    days = _working_days_from(timezone.localdate() - timedelta(days=42), programme.duration_days)
    cohort = Cohort.objects.create(
        region=programme.region,
        programme=programme,
        venue=venue,
        trainer=trainer,
        trainer_name="" if trainer else "Hub training team",
        capacity=12,
        booking_deadline=days[0] - timedelta(days=7),
    )
    session_days = SessionDay.objects.bulk_create(
        [SessionDay(cohort=cohort, date=day, starts_at=time(9, 30), ends_at=time(16, 0)) for day in days]
    )
    for number, (recruit, code) in enumerate(zip(recruits, COMPLETED_CODES, strict=False)):
        learner = learner_for_recruit(recruit)
        enrolment = Enrolment.objects.create(
            region=programme.region,
            cohort=cohort,
            learner=learner,
            recruit=recruit,
            provider=recruit.provider,
            status=EnrolmentStatus.COMPLETED,
            booked_by=trainer,
        )
        Attendance.objects.bulk_create(
            [Attendance(enrolment=enrolment, day=day, present=True, marked_by=trainer) for day in session_days]
        )
        revoked = code == REVOKED_CODE
        awarded = number < 2
        Certificate.objects.create(
            region=programme.region,
            learner=learner,
            recruit=recruit,
            enrolment=enrolment,
            programme=programme,
            holder_name=recruit.full_name,
            programme_title=programme.title,
            certification=programme.certification,
            completed_on=days[-1],
            code=code,
            status=CertificateStatus.REVOKED if revoked else CertificateStatus.VALID,
            revoked_reason="Issued in error: the register was corrected" if revoked else "",
            revoked_at=timezone.now() if revoked else None,
            awarding_body=AWARDING_BODY if awarded else "",
            awarding_body_number=f"HQ{7310452 + number}" if awarded else "",
            awarding_body_awarded_on=days[-1] + timedelta(days=21) if awarded else None,
        )


# A care worker of Oakfield Care Homes (West Midlands) who is not a recruit, nominated by the
# provider's admin and booked on the region's first curriculum module; she signs in by code with
# this address (the demo's emails go to the console).
NOMINATED_EMAIL = "grace.thompson@learners.demo.test"
NOMINATED = {"name": "Grace Thompson", "job_role": "Senior care assistant"}
NOMINATING_PROVIDER = "Oakfield Care Homes Ltd"
NOMINATING_ADMIN = "admin.oakfield@"


def _nominated_learner(region: Region) -> None:
    """Nominated by the provider's admin and booked by them (as the pages would), once."""
    provider = Provider.objects.filter(region=region, name=NOMINATING_PROVIDER).first()
    admin = User.objects.filter(email__startswith=NOMINATING_ADMIN).first()
    cohort = Cohort.objects.filter(programme__region=region, programme__title=CURRICULUM[0][0]).order_by("id").first()
    if provider is None or admin is None or cohort is None:
        return
    learner, _ = Learner.objects.get_or_create(
        employer=provider,
        email=NOMINATED_EMAIL,
        defaults={**NOMINATED, "region": region, "kind": LearnerKind.STAFF, "nominated_by": admin},
    )
    if not learner.enrolments.filter(cohort=cohort).exists():
        enrolment_book(actor=admin, cohort=cohort, learner=learner)


@transaction.atomic
def _delivery_partner(region: Region) -> None:
    """The region's first training partner (the demo college, where there is one) delivers the first
    cohort of the curriculum's first module: its partner account sees the cohort and takes the register."""
    partner = TrainingPartner.objects.filter(region=region).order_by("id").first()
    if partner is None or Cohort.objects.filter(delivery_partner=partner).exists():
        return
    cohort = Cohort.objects.filter(programme__region=region, programme__title=CURRICULUM[0][0]).order_by("id").first()
    if cohort is not None:
        Cohort.objects.filter(pk=cohort.pk).update(delivery_partner=partner, venue=f"{partner.name}, main campus")


def seed_training() -> int:
    """Programmes and cohorts in every demo region; returns how many programmes were created."""
    created = 0
    today = timezone.localdate()
    for code, trainer_login in DEMO_REGIONS.items():
        region = Region.objects.get(code=code)
        hub = Hub.objects.filter(region=region).order_by("name").first()
        trainer = User.objects.filter(email__startswith=f"{trainer_login}@").first() if trainer_login else None
        venue = f"{hub.short_name if hub else region.name} training centre"
        programme, new = Programme.objects.get_or_create(
            region=region,
            title=TRANSLATING_CARE,
            defaults={
                "hub": hub,
                "kind": ProgrammeKind.COURSE,
                "summary": "Three full days for international recruits new to care in England.",
                "modules": TRANSLATING_CARE_MODULES,
                "duration_days": 3,
                "delivery": Delivery.IN_PERSON,
                "certification": "Level 1 in safeguarding and protection; level 1 in prejudice and discrimination",
                "audience": Audience.INTERNATIONAL_RECRUITS,
            },
        )
        if not programme.awarding_body:
            Programme.objects.filter(pk=programme.pk).update(**QUALIFICATION)
            programme.refresh_from_db()
        if new:
            created += 1
            EligibilityRule.objects.create(
                programme=programme,
                english_minimum=EnglishLevel.ENTRY_3,
                accepted_evidence=[EvidenceKind.CERTIFICATE, EvidenceKind.ASSESSMENT],
            )
        _cohort(programme, first=today + timedelta(days=28), capacity=12, trainer=trainer, venue=venue)
        if code == COMPLETED_REGION:
            _completed_cohort(programme, trainer=trainer, venue=venue)
        for number, (title, audience) in enumerate(CURRICULUM):
            module, new = Programme.objects.get_or_create(
                region=region,
                title=title,
                defaults={"hub": hub, "kind": ProgrammeKind.MODULE, "duration_days": 1, "audience": audience},
            )
            created += new
            if audience == Audience.ALL_CARE_STAFF:
                # Funded for the staff who care for the area's residents (rules as data).
                EligibilityRule.objects.get_or_create(
                    programme=module, kind=RuleKind.LEARNERS, defaults={"learners": WhoMayJoin.AREA_CARE_STAFF}
                )
            if number < 3:
                _cohort(
                    module, first=today + timedelta(days=14 + 7 * number), capacity=16, trainer=trainer, venue=venue
                )
        for title, kind, audience, days in OTHER_OFFERS:
            offer, new = Programme.objects.get_or_create(
                region=region,
                title=title,
                defaults={"hub": hub, "kind": kind, "duration_days": days, "audience": audience},
            )
            created += new
            _cohort(offer, first=today + timedelta(days=35), capacity=20, trainer=trainer, venue=venue)
        _delivery_partner(region)
        seed_career_pages(region, trainer)
        if trainer is not None:
            _book_demo_recruits(region, actor=trainer)
        if code == COMPLETED_REGION:
            _nominated_learner(region)
            seed_placement(region)
        for resource_kind, resource_title, topic, url in RESOURCES:
            Resource.objects.get_or_create(
                region=region,
                title=resource_title,
                defaults={"hub": hub, "kind": resource_kind, "topic": topic, "url": url},
            )
    return created
