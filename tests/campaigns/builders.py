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


def open_campaign_in_a(cast: Cast, *, title: str = "Nurses and midwives, open now") -> Campaign:
    """A published campaign of region A taking applications today (opened yesterday)."""
    from django.utils import timezone

    today = timezone.localdate()
    data = {
        "title": title,
        "in_country": False,
        "target_countries": ["IN", "PH"],
        "amber_agreement": "",
        "channels": "",
        "opens_on": today - dt.timedelta(days=1),
        "closes_on": today + dt.timedelta(days=60),
        "advert": "Registered nurses and midwives: no fees, ever.",
    }
    campaign = campaign_create(
        actor=cast.lead_a,
        region=cast.region_a,
        data=data,
        roles={"nurse": 5, "midwife": 2},
        employers=[cast.provider_a],
    )
    return campaign_publish_draft(actor=cast.lead_a, campaign=campaign, no_fee_confirmed=True)


PDF = b"%PDF-1.7\n%%EOF\n"


def applicant_data(**overrides: object) -> dict:
    data = {
        "role": "nurse",
        "given_names": "Asha",
        "family_name": "Menon",
        "email": "asha.menon@example.org",
        "phone": "+91 98765 43210",
        "country": "IN",
        "nationality": "IN",
        "passport_number": "N1234567",
        "experience": "Six years on a cardiac ward in Kochi.",
        "consent": True,
    }
    data.update(overrides)
    return data


def application_in_a(cast: Cast, campaign: Campaign | None = None, **overrides: object):
    """An application (with a CV) to an open campaign of region A; its files go with the cast."""
    import weakref

    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.applicants import application_document_path, application_submit

    campaign = campaign or open_campaign_in_a(cast)
    application = application_submit(
        campaign=campaign,
        data=applicant_data(**overrides),
        cv=SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        certificates=[SimpleUploadedFile("nursing-degree.pdf", PDF, content_type="application/pdf")],
    )
    assert application is not None
    for document in application.documents.all():
        weakref.finalize(cast, application_document_path(document).unlink, missing_ok=True)
    return application


NMC_PIN = "12A3456E"


def shortlisted_in_a(cast: Cast, campaign: Campaign | None = None, **overrides: object):
    """An application screened (every item met) and shortlisted by hub staff."""
    from campaigns.models import Stage
    from campaigns.pipeline import application_move, screening_items, screening_record

    application = application_in_a(cast, campaign, **overrides)
    answers = {item.code: (True, "") for item in screening_items(application.role)}
    screening_record(actor=cast.staff_a, application=application, answers=answers)
    application_move(actor=cast.staff_a, application=application, to_stage=Stage.SCREENED)
    return application_move(actor=cast.staff_a, application=application, to_stage=Stage.SHORTLISTED)


def interview_in_a(cast: Cast, application=None):
    """Tomorrow at 10:00, hub staff A (the clinical lead) and provider admin A on the panel."""
    from django.utils import timezone

    from campaigns.interviews import interview_book

    application = application or shortlisted_in_a(cast)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts_at = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10, 0)))
    return interview_book(
        actor=cast.lead_a,
        application=application,
        starts_at=starts_at,
        minutes=45,
        where="https://meet.example.org/panel-7",
        panel=[cast.staff_a, cast.provider_admin_a],
        clinical_lead=cast.staff_a,
        registration=NMC_PIN,
    )


def interviewed_in_a(cast: Cast, application=None):
    """An application whose interview the panel scored and the lead passed."""
    from campaigns.interviews import competency_questions, interview_decide, interview_score
    from campaigns.models import Decision

    interview = interview_in_a(cast, application)
    scores = {question.code: (3, "") for question in competency_questions(interview.application.role)}
    for member in (cast.staff_a, cast.provider_admin_a):
        interview_score(actor=member, interview=interview, scores=scores)
    interview_decide(actor=cast.lead_a, interview=interview, decision=Decision.PASSED, note="Safe and clear")
    interview.application.refresh_from_db()
    return interview.application


def accepted_in_a(cast: Cast, application=None):
    """An interviewed application with an offer from provider A, accepted."""
    from decimal import Decimal

    from django.utils import timezone

    from campaigns.models import Stage
    from campaigns.offers import offer_make
    from campaigns.pipeline import application_move

    application = interviewed_in_a(cast, application)
    offer_make(
        actor=cast.lead_a,
        application=application,
        employer=cast.provider_a,
        salary=Decimal("31500"),
        hours_per_week=Decimal("37.5"),
        starts_on=timezone.localdate() + dt.timedelta(days=120),
    )
    return application_move(actor=cast.lead_a, application=application, to_stage=Stage.ACCEPTED)


def check_in_a(cast: Cast, application=None, item: str = "identity"):
    import weakref

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from campaigns.offers import check_document_path, check_record

    application = application or accepted_in_a(cast)
    check = check_record(
        actor=cast.staff_a,
        application=application,
        item=item,
        checked_on=timezone.localdate(),
        expires_on=timezone.localdate() + dt.timedelta(days=365),
        reference="",
        upload=SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf"),
    )
    weakref.finalize(cast, check_document_path(check).unlink, missing_ok=True)
    return check


def cos_assigned_in_a(cast: Cast, application=None):
    """An accepted application with every pre-employment check recorded and its CoS assigned."""
    import weakref

    from campaigns.models import Stage
    from campaigns.offers import compliance_items
    from campaigns.pipeline import application_move
    from recruits.documents import documents_directory

    application = application or accepted_in_a(cast)
    application = application_move(actor=cast.lead_a, application=application, to_stage=Stage.CHECKS)
    for item in compliance_items(application.role):
        check = check_in_a(cast, application, item=item.code)
        # On arrival the evidence moves to the recruit's documents, under the same stored name.
        weakref.finalize(cast, (documents_directory() / check.stored_name).unlink, missing_ok=True)
    return application_move(actor=cast.lead_a, application=application, to_stage=Stage.COS_ASSIGNED)


def first_appointment_in_a(cast: Cast, application=None):
    from django.utils import timezone

    from campaigns.prearrival import first_appointment_book

    application = application or cos_assigned_in_a(cast)
    return first_appointment_book(
        actor=cast.staff_a,
        application=application,
        data={
            "starts_at": timezone.now() + dt.timedelta(days=30),
            "minutes": 60,
            "purpose": "Induction at the care home",
            "place": "Oak House, 1 High Street, Walsall",
        },
    )
