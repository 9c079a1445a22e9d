"""Demo recruitment campaigns (issue 15): one published in the West Midlands, one in the North West."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

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
    # Opened a few days ago whenever the demo is loaded, so that its form takes applications.
    today = timezone.localdate() - dt.timedelta(days=4)
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


# -- candidates of the West Midlands campaign, one or more in every stage (issue 15 items 3-4) -----

# given names, family name, role, country (where they live), stage, reason (rejected / withdrawn)
CANDIDATES = [
    ("Anjali", "Nair", "nurse", "IN", "applied", ""),
    ("Maricel", "Santos", "nurse", "PH", "applied", ""),
    ("Chiamaka", "Obi", "nurse", "NG", "applied", ""),  # a direct application from a red-list country
    ("Deepa", "Pillai", "midwife", "IN", "screened", ""),
    ("Jocelyn", "Reyes", "nurse", "PH", "shortlisted", ""),
    ("Suresh", "Menon", "nurse", "IN", "interviewed", ""),
    ("Rowena", "Cruz", "nurse", "PH", "offered", ""),
    ("Lakshmi", "Iyer", "midwife", "IN", "accepted", ""),
    ("Arlene", "Bautista", "nurse", "PH", "checks", ""),
    ("Priya", "Varghese", "nurse", "IN", "cos_assigned", ""),
    ("Kristine", "Villanueva", "nurse", "PH", "pre_arrival", ""),
    ("Meera", "Thomas", "nurse", "IN", "arrived", ""),
    ("Ramon", "Garcia", "nurse", "PH", "rejected", "English scores below the level the role needs (OET C)"),
    ("Neha", "Kurian", "midwife", "IN", "withdrawn", "Accepted a post in Kerala closer to family"),
]
DEMO_CV = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_applications() -> int:
    """The candidates of the West Midlands campaign, each walked through the pipeline to their stage
    with the screening checklist answered, a timeline and a CV; once (by email)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.applicants import applications_directory, is_direct
    from campaigns.models import PIPELINE, Application, ApplicationDocument, ApplicationEvent, ScreeningAnswer
    from campaigns.pipeline import screening_items
    from portal.files import file_store
    from recruits.selectors import country_name

    campaign = Campaign.objects.filter(title=CAMPAIGNS[0][2]).first()
    staff = User.objects.filter(email="staff.wm@demo.irhub.example").first()
    if campaign is None:
        return 0
    created = 0
    start = timezone.now() - dt.timedelta(days=30)
    for index, (given, family, role, country, stage, reason) in enumerate(CANDIDATES):
        email = f"{given}.{family}@candidates.example".lower()
        if Application.objects.filter(campaign=campaign, email=email).exists():
            continue
        applied_at = start + dt.timedelta(hours=7 * index)
        application = Application.objects.create(
            region_id=campaign.region_id,
            campaign=campaign,
            role=role,
            given_names=given,
            family_name=family,
            email=email,
            phone=f"+{63 if country == 'PH' else 91} 900 000 {index:04d}",
            country=country,
            nationality=country,
            passport_number=f"{country}{4410000 + index}",
            experience=f"{3 + index % 6} years as a registered {role.replace('_', ' ')} in {country_name(country)}.",
            direct=is_direct(campaign, country),
            consent_at=applied_at,
            applied_at=applied_at,
            stage_since=applied_at,
        )
        stored = file_store(SimpleUploadedFile("cv.pdf", DEMO_CV), applications_directory())
        ApplicationDocument.objects.create(
            application=application,
            kind="cv",
            original_name=f"CV {given} {family}.pdf",
            stored_name=stored.stored_name,
            content_type=stored.content_type,
            size=stored.size,
        )
        ApplicationEvent.objects.create(application=application, at=applied_at, to_stage="applied", text="Applied")
        ended = stage in ("rejected", "withdrawn")
        # An arrived candidate is walked to pre-arrival here, then arrives through the service.
        reached = "screened" if ended else ("pre_arrival" if stage == "arrived" else stage)
        at = applied_at
        if reached != "applied":
            for item in screening_items(role):
                ScreeningAnswer.objects.create(
                    application=application, item=item.code, met=True, answered_by=staff, answered_at=at
                )
            ApplicationEvent.objects.create(
                application=application, at=at, actor=staff, text="Screening recorded: all items met"
            )
            steps = PIPELINE[1 : PIPELINE.index(reached) + 1]
            previous = "applied"
            for step in steps:
                at += dt.timedelta(days=2)
                ApplicationEvent.objects.create(
                    application=application, at=at, actor=staff, from_stage=previous, to_stage=step
                )
                previous = step
        if ended:
            at += dt.timedelta(days=2)
            ApplicationEvent.objects.create(
                application=application, at=at, actor=staff, from_stage=reached, to_stage=stage, text=reason
            )
        seeded = "pre_arrival" if stage == "arrived" else stage
        Application.objects.filter(pk=application.pk).update(stage=seeded, stage_since=at, end_reason=reason)
        application.refresh_from_db()
        _later_stages(application, stage, staff=staff, lead=User.objects.filter(email=CAMPAIGNS[0][0]).first())
        created += 1
    return created


LATER_STAGES = ["offered", "accepted", "checks", "cos_assigned", "pre_arrival", "arrived"]


def _later_stages(application: Any, stage: str, *, staff: Any, lead: Any) -> None:
    """What a candidate past the interview has: the offer; from checks, the evidenced checks; from
    pre-arrival, ticks, a planned arrival, a self-assessment and a first appointment; an arrived
    candidate arrives through the arrival form's service, so they are a real recruit."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.arrival import Arrival, application_arrive
    from campaigns.models import ComplianceCheck, FirstAppointment, Offer, PreArrivalAnswer, PreArrivalTask
    from campaigns.offers import checks_directory, compliance_items
    from portal.files import file_store
    from training.models import CareCertificateStandard, SelfRating

    if stage not in LATER_STAGES:
        return
    today = timezone.localdate()
    employer = application.campaign.employers.order_by("name").first()
    Offer.objects.create(
        application=application,
        employer=employer,
        salary=Decimal("38000"),
        hours_per_week=Decimal("37.5"),
        starts_on=today if stage == "arrived" else today + dt.timedelta(days=75),
        made_by=lead,
    )
    if stage in ("offered", "accepted"):
        return
    stage_index = LATER_STAGES.index(stage)
    items = compliance_items(application.role)
    recorded = items if stage_index >= LATER_STAGES.index("cos_assigned") else items[:4]
    for item in recorded:
        stored = file_store(SimpleUploadedFile(f"{item.code}.pdf", DEMO_CV), checks_directory())
        ComplianceCheck.objects.create(
            application=application,
            item=item.code,
            checked_on=today - dt.timedelta(days=10),
            expires_on=today + dt.timedelta(days=700) if item.expires else None,
            reference="Demo evidence",
            original_name=f"{item.code.replace('_', '-')}.pdf",
            stored_name=stored.stored_name,
            content_type=stored.content_type,
            recorded_by=staff,
        )
    if stage not in ("pre_arrival", "arrived"):
        return
    PreArrivalTask.objects.bulk_create(
        [
            PreArrivalTask(application=application, item=code, done_on=today - dt.timedelta(days=3))
            for code in ("visa_applied", "tb_test", "visa_granted")
        ]
    )
    standards = list(CareCertificateStandard.objects.order_by("number")[:4])
    ratings = [SelfRating.CONFIDENT, SelfRating.CONFIDENT, SelfRating.SOME, SelfRating.NOT_YET]
    PreArrivalAnswer.objects.bulk_create(
        [
            PreArrivalAnswer(application=application, standard=standard, rating=rating)
            for standard, rating in zip(standards, ratings, strict=False)
        ]
    )
    application.planned_arrival = today if stage == "arrived" else today + dt.timedelta(days=21)
    application.save(update_fields=["planned_arrival"])
    FirstAppointment.objects.create(
        application=application,
        starts_at=timezone.now() + dt.timedelta(days=23 if stage == "pre_arrival" else 2),
        minutes=90,
        purpose="Induction and uniform fitting",
        place=f"{employer.name}, reception",
        booked_by=staff,
    )
    if stage == "arrived":
        application_arrive(
            actor=lead,
            application=application,
            arrival=Arrival(arrived_on=today, first_day=today, cos_reference="C2G8DEMO0001"),
        )
