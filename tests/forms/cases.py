"""Every form page of the portal, with the records it is opened on and what a change may touch.

`tests/forms/test_census.py` finds the form pages from the URL resolver and fails on one that has
no case here; `tests/e2e/test_round_trip.py` opens each in Chromium and sends it.

- `user`: the cast member who uses the form.
- `build`: makes the records behind the page, every field filled, and returns the URL kwargs
  (default: the isolation sweep's builder, or no kwargs for a page without an id).
- `form`: a field that picks the form on a page with several (default: the first with fields).
- `writes`: tables that sending the form unchanged may write to, for a form whose defaults make a
  valid action (starting a plan on today's date); empty for a form that shows a record: sending
  it unchanged must change no column of any row.
- `change`: for a form that shows a record, one field to edit, its new value (or a function of
  the cast giving it, for an id), and the columns (model label, column) that edit may change;
  only those may differ afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tests.conftest import Cast
from tests.security.test_isolation import CASES as ISOLATION_CASES

Build = Callable[[Cast], dict[str, Any]]


@dataclass(frozen=True)
class Change:
    field: str
    value: Any
    columns: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class FormCase:
    user: str = "lead_a"
    build: Build | None = None
    form: str | None = None
    writes: frozenset[str] = field(default_factory=frozenset)
    change: Change | None = None
    why: str = ""


def change(name: str, value: Any, *columns: str) -> Change:
    """`columns` as "app.Model.column"."""
    pairs = frozenset((c.rsplit(".", 1)[0], c.rsplit(".", 1)[1]) for c in columns)
    return Change(name, value, pairs)


def isolation(name: str) -> Build:
    return ISOLATION_CASES[name][0]


# -- records with every field filled ------------------------------------------------------------


def full_agency(cast: Cast) -> dict[str, Any]:
    """A suspended agency with every detail filled (countries shown back as names)."""
    from hubs.models import Agency

    agency = Agency.objects.create(
        region=cast.region_a,
        name="Horizon Care Staffing",
        kind="msp",
        companies_house_number="SC612345",
        contact_name="Priya Shah",
        contact_email="priya@horizon.test",
        contact_phone="0161 496 0000",
        services="Recruits senior carers.\nArranges their first accommodation.",
        countries=["IN", "PH", "CI"],
        status="suspended",
        status_reason="Two workers were asked for a placement fee",
        status_changed_on=dt.date(2026, 11, 2),
        on_ethical_recruiters_list=True,
        last_checked=dt.date(2026, 10, 1),
    )
    return {"public_id": agency.public_id}


def full_training_partner(cast: Cast) -> dict[str, Any]:
    from hubs.models import PartnerKind, TrainingPartner

    partner = TrainingPartner.objects.create(
        region=cast.region_a,
        name="Walsall College",
        kind=PartnerKind.COLLEGE,
        contact_name="Dev Mistry",
        contact_email="dev.mistry@walsall.test",
    )
    return {"public_id": partner.public_id}


def full_subscription(cast: Cast) -> dict[str, Any]:
    """A subscription with an end date already set (the form shows it back)."""
    from tests.advice.builders import subscription_of

    subscription = subscription_of(cast, ends_on=dt.date(2027, 3, 31), allowance=600)
    return {"public_id": subscription.public_id}


def _application(cast: Cast):
    from tests.campaigns.builders import application_in_a

    return application_in_a(cast)


def full_recruit(cast: Cast):
    from hubs.models import Agency
    from recruits.models import Recruit

    agency = Agency.objects.create(name="Fair Start Recruitment", region=cast.region_a)
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(
        date_of_birth=dt.date(1994, 3, 7),
        nationality="PH",
        passport_number="P1234567",
        phone="07700 900123",
        address="1 High Street, Telford",
        postcode="TF1 1AA",
        job_role="nurse",
        occupation_code="2231",
        visa_expiry=dt.date(2027, 9, 1),
        cos_reference="C2G8X12345",
        evisa_share_code="W12345678",
        curtailment_letter_date=dt.date(2026, 11, 20),
        curtailment_notes="Letter received by post.",
        rtw_check_date=dt.date(2026, 1, 10),
        rtw_followup_due=dt.date(2027, 8, 1),
        dbs_status="clear",
        dbs_date=dt.date(2026, 1, 5),
        dbs_barred_list_checked=True,
        overseas_crc="obtained",
        english_level="level_1",
        english_test="IELTS for UKVI",
        english_test_date=dt.date(2025, 6, 30),
        nmc_cbt_passed=True,
        osce_date=dt.date(2026, 2, 14),
        osce_attempts=1,
        recruitment_channel="approved_agency",
        agency=agency,
        candidate_fees=Decimal("0"),
        visa_application_date=dt.date(2025, 12, 1),
        unsupervised_from=dt.date(2026, 2, 1),
        amber_agreement="UK-Philippines memorandum of understanding (2022)",
        repayment_costs=["travel", "visa_fee"],
        repayment_itemised=True,
        repayment_monthly_plan=True,
    )
    cast.recruit_a.refresh_from_db()
    from recruits.right_to_work import rtw_reminders_sync

    rtw_reminders_sync(recruit=cast.recruit_a)  # as the services leave a record with these dates
    return cast.recruit_a


def _recruit_edit(cast: Cast) -> dict[str, Any]:
    return {"public_id": full_recruit(cast).public_id}


def _my_details(cast: Cast) -> dict[str, Any]:
    full_recruit(cast)
    return {}


def _rematch_dates(cast: Cast) -> dict[str, Any]:
    kwargs = isolation("rematch_dates")(cast)
    from recruits.models import Recruit
    from rematch.models import RematchRequest

    request = RematchRequest.objects.get(public_id=kwargs["public_id"])
    dates = {"curtailment_letter_date": dt.date(2026, 11, 20), "visa_expiry": dt.date(2027, 9, 1)}
    RematchRequest.objects.filter(pk=request.pk).update(**dates)
    Recruit.objects.filter(pk=request.recruit_id).update(**dates)
    return kwargs


def _provider_edit(cast: Cast) -> dict[str, Any]:
    from providers.models import Provider

    kwargs = isolation("provider_edit")(cast)
    Provider.objects.filter(public_id=kwargs["public_id"]).update(
        cqc_provider_id="1-101669871",
        address="2 Mill Lane, Birmingham",
        postcode="B1 1AA",
        local_authority=cast.council_a,
        hub=cast.hub_a,
        licence_number="NW5PC6YD2",
    )
    return kwargs


def _vacancy_edit(cast: Cast) -> dict[str, Any]:
    from rematch.models import Vacancy

    kwargs = isolation("vacancy_edit")(cast)
    Vacancy.objects.filter(public_id=kwargs["public_id"]).update(
        occupation_code="6135", driving_required=True, posts=3, start_date=dt.date(2027, 1, 4)
    )
    return kwargs


def _rematch_preferences(cast: Cast) -> dict[str, Any]:
    from rematch.models import RematchRequest

    kwargs = isolation("rematch_preferences")(cast)
    RematchRequest.objects.filter(public_id=kwargs["public_id"]).update(
        pref_min_hours=20, pref_max_hours=38, can_drive=True, max_travel="area", postcode="B1 1AA"
    )
    return kwargs


def _plan_contacts(cast: Cast) -> dict[str, Any]:
    from pastoral.models import PastoralPlan

    kwargs = isolation("pastoral_plan_contacts")(cast)
    PastoralPlan.objects.filter(recruit__public_id=kwargs["public_id"]).update(
        contact=cast.staff_a, manager_name="Jo Smith", manager_phone="0121 496 0000", manager_email="jo@example.org"
    )
    return kwargs


def _programme_edit(cast: Cast) -> dict[str, Any]:
    from training.models import Programme

    kwargs = isolation("programme_edit")(cast)
    Programme.objects.filter(public_id=kwargs["public_id"]).update(
        hub=cast.hub_a,
        summary="Three days on care words and phrases.",
        modules=["Handover", "Care notes"],
        awarding_body="Highfield Qualifications",
        qualification_title="Level 1 Award in Health and Social Care Values",
        qualification_level="1",
    )
    return kwargs


def _certificate_award(cast: Cast) -> dict[str, Any]:
    from training.models import Certificate

    kwargs = isolation("certificate_award")(cast)
    certificate = Certificate.objects.select_related("programme").get(public_id=kwargs["public_id"])
    type(certificate.programme).objects.filter(pk=certificate.programme_id).update(
        awarding_body="Highfield Qualifications", qualification_title="Level 1 Award", qualification_level="1"
    )
    Certificate.objects.filter(pk=certificate.pk).update(
        awarding_body="Highfield Qualifications",
        awarding_body_number="HQ123456",
        awarding_body_awarded_on=certificate.completed_on,
    )
    return kwargs


def _development_plan_edit(cast: Cast) -> dict[str, Any]:
    from training.models import DevelopmentAction, DevelopmentPlan

    kwargs = isolation("development_plan_edit")(cast)
    plan, _ = DevelopmentPlan.objects.update_or_create(
        recruit=cast.recruit_a,
        defaults={
            "region": cast.region_a,
            "goals": "Lead a shift by spring.",
            "strengths": "Calm with residents.",
            "gaps": "Medication rounds.",
            "next_review": TODAY + dt.timedelta(days=60),
            "agreed_by_recruit_at": dt.datetime(2026, 11, 1, 10, 0, tzinfo=dt.UTC),
        },
    )
    plan.actions.all().delete()
    DevelopmentAction.objects.create(plan=plan, action="Shadow a senior", due=TODAY + dt.timedelta(days=20))
    DevelopmentAction.objects.create(
        plan=plan, action="Medication course", due=TODAY + dt.timedelta(days=40), done=True
    )
    return kwargs


def _care_certificate(cast: Cast) -> dict[str, Any]:
    from training import development
    from training.models import CareCertificateStandard

    kwargs = isolation("care_certificate")(cast)
    answers = {
        pk: ("confident", "I do this every shift.")
        for pk in CareCertificateStandard.objects.values_list("pk", flat=True)
    }
    development.self_assessment_save(actor=cast.recruit_user_a, recruit=cast.recruit_a, answers=answers)
    return kwargs


def _notification_settings(cast: Cast) -> dict[str, Any]:
    from notifications.models import Preference

    Preference.objects.create(user=cast.lead_a, kind="pastoral.appointment", email_mode="digest")
    return {}


def _rematch_owner(cast: Cast) -> dict[str, Any]:
    from rematch.models import RematchRequest

    kwargs = isolation("rematch_owner")(cast)
    RematchRequest.objects.filter(public_id=kwargs["public_id"]).update(owner=cast.staff_a)
    return kwargs


def _osce(cast: Cast) -> dict[str, Any]:
    from training.osce import osce_set_deadline

    kwargs = isolation("osce")(cast)
    nurse = full_recruit(cast)
    osce_set_deadline(actor=cast.staff_a, recruit=nurse, cos_start=dt.date(2026, 9, 1), deadline=dt.date(2027, 3, 1))
    return kwargs


def _hub_settings(cast: Cast) -> dict[str, Any]:
    from pastoral.models import PastoralSettings

    PastoralSettings.objects.update_or_create(
        hub=cast.hub_a, defaults={"region": cast.region_a, "steps": ["2w", "1m", "6m", "12m"]}
    )
    return {"public_id": cast.hub_a.public_id}


TODAY = timezone.localdate()
SOON = dt.datetime.combine(TODAY + dt.timedelta(days=9), dt.time(14, 30), tzinfo=dt.UTC)
RECRUIT = "recruits.Recruit"
REMINDERS = "notifications.Reminder.*"

CASES: dict[str, FormCase] = {
    # -- records edited in place: nothing may change when sent unchanged -------------------------
    "recruit_edit": FormCase(
        build=_recruit_edit,
        change=change("visa_expiry", dt.date(2028, 1, 15), f"{RECRUIT}.visa_expiry", f"{RECRUIT}.flags"),
    ),
    "recruit_my_details": FormCase(
        user="recruit_user_a", build=_my_details, change=change("phone", "07700 900999", f"{RECRUIT}.phone")
    ),
    "campaign_edit": FormCase(
        change=change("title", "Midwives from the Philippines", "campaigns.Campaign.title"),
    ),
    "provider_edit": FormCase(
        build=_provider_edit, change=change("name", "Alpha Care Homes Ltd", "providers.Provider.name")
    ),
    "vacancy_edit": FormCase(
        build=_vacancy_edit,
        change=change("start_date", dt.date(2027, 3, 1), "rematch.Vacancy.start_date"),
    ),
    "rematch_dates": FormCase(
        build=_rematch_dates,
        change=change(
            "visa_expiry",
            dt.date(2027, 10, 1),
            "rematch.RematchRequest.visa_expiry",
            "rematch.RematchRequest.leave_end",
            "rematch.RematchEvent.*",
            "notifications.Reminder.*",
            f"{RECRUIT}.visa_expiry",
            f"{RECRUIT}.flags",
        ),
    ),
    "rematch_preferences": FormCase(
        build=_rematch_preferences,
        change=change("postcode", "WV1 1AA", "rematch.RematchRequest.postcode", "rematch.RematchEvent.*"),
    ),
    "rematch_owner": FormCase(
        build=_rematch_owner,
        change=change(
            "owner",
            lambda cast: cast.lead_a.pk,
            "rematch.RematchRequest.owner_id",
            "rematch.RematchEvent.*",
            REMINDERS,
        ),
    ),
    "programme_edit": FormCase(
        build=_programme_edit, change=change("title", "Care Certificate refresher", "training.Programme.title")
    ),
    "notification_settings": FormCase(
        build=_notification_settings,
        change=change("pastoral.check_in", "immediate", "notifications.Preference.*"),
    ),
    "care_certificate": FormCase(
        build=_care_certificate,
        change=change("rating-3", "some", "training.SelfAssessment.rating", "training.PlanItem.*"),
    ),
    "development_plan_edit": FormCase(
        build=_development_plan_edit,
        change=change(
            "next_review",
            TODAY + dt.timedelta(days=90),
            "training.DevelopmentPlan.next_review",
            "training.DevelopmentPlan.agreed_by_recruit_at",
            "training.DevelopmentAction.*",  # the plan's actions are written again with it
            REMINDERS,
        ),
    ),
    "osce": FormCase(
        build=_osce,
        form="deadline-cos_start_day",
        change=change("deadline-cos_start", dt.date(2026, 10, 1), "training.OsceTracker.*", REMINDERS),
    ),
    "pastoral_plan": FormCase(
        why="a form page only before the plan starts (its start form); contacts: pastoral_plan_contacts"
    ),
    "pastoral_plan_contacts": FormCase(
        build=_plan_contacts,
        change=change("manager_name", "Sam Patel", "pastoral.PastoralPlan.manager_name"),
    ),
    "pastoral_appointment": FormCase(
        change=change("starts_at", SOON, "pastoral.Appointment.starts_at", REMINDERS),
    ),
    "pastoral_hub_settings": FormCase(
        build=_hub_settings,
        form="steps",
        change=change("steps", ["2w", "1m", "3m", "12m"], "pastoral.PastoralSettings.steps"),
    ),
    "pastoral_section_edit": FormCase(
        change=change("heading", "Opening a bank account", "pastoral.BookletSection.heading"),
    ),
    "case_owner": FormCase(
        change=change("priority", "low", "compliance.ComplianceCase.priority", "compliance.CaseEntry.*"),
    ),
    "step_detail": FormCase(
        form="due_on_day",
        change=change("due_on", TODAY + dt.timedelta(days=40), "compliance.CaseStep.due_on", REMINDERS),
    ),
    "practice_edit": FormCase(
        change=change(
            "title",
            "A same-week rematching clinic",
            "practice.Example.title",
            "practice.Example.search",
            "practice.Example.updated_at",
        ),
    ),
    "protocol_edit": FormCase(
        change=change(
            "steps-0-title",
            "Tell the council the same day",
            "compliance.ProtocolStep.*",  # the steps are saved again in their order
            "compliance.ProtocolTemplate.is_default",
            "compliance.ProtocolTemplate.updated_by_id",
        ),
    ),
    # -- pages that create or act: sent unchanged, they refuse with errors and write nothing -----
    "invitation_new": FormCase(),
    "provider_create": FormCase(),
    "duty_mark_reported": FormCase(
        writes=frozenset({"recruits.ReportingDuty", "notifications.Reminder"}),
        why="reported today by default: a valid action",
    ),
    "provider_licence_change": FormCase(),
    "duty_new": FormCase(),
    "vacancy_new": FormCase(),
    "pool_detail": FormCase(),
    "recruit_import": FormCase(),
    "recruit_register": FormCase(),
    "recruit_transition": FormCase(),
    "recruit_document_upload": FormCase(),
    "rights_recruit_erase": FormCase(),
    "rights_learner_erase": FormCase(),
    "rights_candidate_erase": FormCase(),
    "rematch_self_refer": FormCase(user="recruit_user_a"),
    "rematch_new_for_recruit": FormCase(
        writes=frozenset({"rematch.RematchRequest", "rematch.RematchEvent", "notifications.Reminder"}),
        why="the hub opens a request with the default reason",
    ),
    "rematch_detail": FormCase(),
    "rematch_introduce": FormCase(),
    "rematch_place": FormCase(),
    "rematch_transition": FormCase(),
    "rematch_confirm": FormCase(
        writes=frozenset(
            {"recruits.Recruit", "rematch.RematchRequest", "rematch.RematchEvent", "notifications.Reminder"}
        ),
        why="confirming a public referral makes the worker's record",
    ),
    "programme_new": FormCase(),
    "cohort_new": FormCase(),
    "cohort_detail": FormCase(),
    "enrolment_cancel": FormCase(
        writes=frozenset({"training.Enrolment", "notifications.Reminder"}), why="the reason is optional"
    ),
    "evidence_new": FormCase(),
    "assessment_new": FormCase(),
    "evidence_review": FormCase(),
    "certificate_revoke": FormCase(),
    "certificate_award": FormCase(
        build=_certificate_award,
        change=change("number", "HQ654321", "training.Certificate.awarding_body_number"),
    ),
    "literacy_assessment_new": FormCase(),
    "literacy_assessment_edit": FormCase(
        change=change(
            "title",
            "Hub English check",
            "training.LiteracyAssessment.title",
            "training.LiteracyAssessment.updated_at",
            "training.LiteracyAssessment.updated_by_id",
        )
    ),
    "literacy_question_new": FormCase(),
    "literacy_result": FormCase(),
    "resource_new": FormCase(),
    "learner_new": FormCase(),
    "learner_sign_in": FormCase(),
    "placement_offer_new": FormCase(),
    "placement_student_new": FormCase(user="partner_a"),
    "placement_detail": FormCase(),
    "career_page_new": FormCase(),
    "career_page_edit": FormCase(
        change=change(
            "summary",
            "Leads a shift and mentors new carers.",
            "training.CareerPage.summary",
            "training.CareerPage.updated_at",
            "training.CareerPage.updated_by_id",
        )
    ),
    "pastoral_help": FormCase(
        user="recruit_user_a",
        writes=frozenset({"pastoral.Concern", "pastoral.ConcernAction", "notifications.Reminder"}),
        why="the I need help button: pressing it alone asks the hub for help",
    ),
    "pastoral_plan_start": FormCase(),
    "pastoral_appointment_new": FormCase(),
    "pastoral_check_in": FormCase(),
    "pastoral_check_in_reschedule": FormCase(),
    "pastoral_concern": FormCase(),
    "pastoral_booklet_edit": FormCase(
        writes=frozenset({"pastoral.Booklet", "pastoral.BookletVersion", "pastoral.BookletSection"}),
        why="publishing a version; the note is optional",
    ),
    "pastoral_section_new": FormCase(),
    "licence_event_new": FormCase(),
    "agency_check": FormCase(
        user="staff_a",
        change=change("checked_on", dt.date(2026, 11, 20), "hubs.Agency.last_checked", REMINDERS),
    ),
    "agency_new": FormCase(),
    "training_partner_new": FormCase(),
    # Advice (issue 16 items 1, 2, 4; issue 15 item 8): new requests send nothing unchanged (required
    # fields are empty); the thread's reply form is the adviser's first form on the request page.
    "advice_request_new": FormCase(user="provider_admin_a"),
    "sponsor_help_new": FormCase(user="provider_admin_a"),
    "council_support_new": FormCase(user="council_officer_a"),
    "advice_request_detail": FormCase(),
    "subscription_new": FormCase(),
    "service_new": FormCase(),
    "subscription_end": FormCase(
        build=full_subscription,
        change=change("ends_on", dt.date(2027, 6, 30), "advice.Subscription.ends_on"),
    ),
    "training_partner_edit": FormCase(
        build=full_training_partner,
        change=change("contact_name", "Ruth Okafor", "hubs.TrainingPartner.contact_name"),
    ),
    "agency_edit": FormCase(
        build=full_agency,
        change=change("contact_phone", "0161 496 0999", "hubs.Agency.contact_phone"),
    ),
    "agency_status": FormCase(
        build=full_agency,
        change=change("reason", "Fees charged to two workers: under review", "hubs.Agency.status_reason"),
    ),
    "licence_event_date": FormCase(why="a changed date needs its reason too, so there is no one-field edit"),
    "licence_event_fee": FormCase(
        change=change("paid_on", dt.date(2026, 11, 12), "compliance.LicenceEvent.fee_paid_on"),
    ),
    "practice_new": FormCase(),
    "campaign_new": FormCase(),
    "campaign_publish": FormCase(why="publishing needs the no-fee box ticked: unchanged, it is refused"),
    "campaign_close": FormCase(why="closing needs the confirmation box ticked: unchanged, it is refused"),
    "campaign_board": FormCase(
        build=lambda cast: {"public_id": _application(cast).campaign.public_id},
        why="the bulk form: unchanged, no applicant is chosen and no action picked, so nothing moves",
    ),
    "application_detail": FormCase(
        build=lambda cast: {"public_id": _application(cast).public_id},
        why="the screening checklist: unchanged, its items are unanswered, so nothing is recorded",
    ),
    "applicant_sign_in": FormCase(),
    "offer_new": FormCase(
        why="the offer: unchanged, employer, salary, hours and start date are empty, so none is made"
    ),
    "application_checks": FormCase(why="a check: unchanged, no item, date or file is given, so nothing is recorded"),
    "interview_new": FormCase(
        why="booking: unchanged, the date, time, place and panel are empty, so nothing is booked"
    ),
    "first_appointments": FormCase(why="booking: unchanged, the date, time and place are empty, so nothing is booked"),
    "application_arrive": FormCase(
        why="the arrival: unchanged, the arrival day and CoS reference are empty, so nobody arrives"
    ),
    "interview_detail": FormCase(why="the decision: unchanged, none is chosen, so nothing is decided"),
    "interview_score": FormCase(user="staff_a", why="scoring: unchanged, no question is scored, so nothing is sent"),
    "practice_detail": FormCase(form="body", why="the comment form; files are added by the example's lead"),
    "case_detail": FormCase(),
    "case_status": FormCase(),
    "case_entry_new": FormCase(),
    "case_council_note": FormCase(user="council_officer_a"),
    "case_workers_add": FormCase(),
    "alert_detail": FormCase(
        writes=frozenset(
            {
                "compliance.RegisterAlert",
                "compliance.LicenceEvent",
                "compliance.ComplianceCase",
                "compliance.CaseEntry",
                "compliance.CaseStep",
                "compliance.AffectedWorker",
                "compliance.ProtocolTemplate",
                "compliance.ProtocolStep",
                "providers.Provider",
                "providers.LicenceChange",
                "notifications.Reminder",
            }
        ),
        why="recording the alert's event (default kind, import date) opens a case",
    ),
}


def build_for(name: str, case: FormCase) -> Build:
    if case.build:
        return case.build
    if name in ISOLATION_CASES:
        return isolation(name)
    return lambda cast: {}
