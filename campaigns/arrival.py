"""Arrival (issue 15 item 7): the candidate becomes a recruit of the employer, one record carried
over, nothing retyped.

`application_arrive` registers the recruit with the employer of the accepted offer (the portal's
own `recruit_register`, so every rule of a recruit's record is checked), and carries over:
- the person: names, nationality, passport, email and phone as the candidate gave them;
- the job: the role and its occupation code, the CoS reference, the visa dates;
- the compliance file: each pre-employment check sets its field of the record (right-to-work
  check date, enhanced DBS with the barred list, overseas criminal record certificate, English,
  NMC computer-based test), and its evidence file becomes a document of the record (the file is
  moved, not copied: the check points at the document from then on);
- the Code of Practice: recruited by the hub directly (or in-country), no fee charged, and the
  offer's repayment clause (its itemised costs and monthly plan);
- the pastoral plan, starting on the arrival day (not on the first working day);
- the Care Certificate self-assessment, which becomes the recruit's and suggests training for its
  gaps in the training plan;
- the first appointments still to come, which become pastoral appointments.

The recruit is employed from the first working day (today or earlier: employed now; later:
arriving until then).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns.models import Application, ApplicationEvent, ComplianceCheck, Offer, Stage
from campaigns.offers import check_document_path, compliance_items
from campaigns.pipeline import stage_change
from campaigns.roles import job_roles
from pastoral.services import appointment_book, pastoral_plan_start
from recruits.documents import document_path
from recruits.models import (
    CRCStatus,
    DBSStatus,
    Document,
    DocumentKind,
    JobRole,
    Recruit,
    RecruitmentChannel,
    VisaRoute,
)
from recruits.services import recruit_employment_begin, recruit_register
from training.development import self_assessment_save

# The kind of document each pre-employment check's evidence becomes on the recruit's record.
CHECK_DOCUMENT_KIND = {
    "identity": DocumentKind.PASSPORT,
    "right_to_work": DocumentKind.BRP_EVISA,
    "dbs": DocumentKind.DBS,
    "overseas_criminal_record": DocumentKind.OVERSEAS_CRC,
    "english": DocumentKind.ENGLISH_TEST,
    "nmc": DocumentKind.QUALIFICATION,
    "hcpc": DocumentKind.QUALIFICATION,
}
# Campaign roles the recruit record has no role for are "other", with their own occupation code.
RECRUIT_ROLE = {
    "care_worker": JobRole.CARE_WORKER,
    "senior_care_worker": JobRole.SENIOR_CARE_WORKER,
    "nurse": JobRole.NURSE,
}


@dataclass(frozen=True)
class Arrival:
    arrived_on: dt.date
    first_day: dt.date
    cos_reference: str
    visa_application_date: dt.date | None = None
    visa_expiry: dt.date | None = None


def accepted_offer(application: Application) -> Offer | None:
    return application.offers.select_related("employer").prefetch_related("repayment_items").first()


def _record_from_checks(checks: dict[str, ComplianceCheck]) -> dict[str, Any]:
    """The record's check fields, from the checks recorded before the CoS was assigned."""
    data: dict[str, Any] = {}
    if check := checks.get("right_to_work"):
        data["rtw_check_date"] = check.checked_on
    if check := checks.get("dbs"):
        # Recorded as done before the CoS: the employer judged it clear, with the barred list.
        data.update(dbs_status=DBSStatus.CLEAR, dbs_date=check.checked_on, dbs_barred_list_checked=True)
    if "overseas_criminal_record" in checks:
        data["overseas_crc"] = CRCStatus.OBTAINED
    if check := checks.get("english"):
        data.update(english_test=(check.reference or "English evidence")[:100], english_test_date=check.checked_on)
    if "nmc" in checks:
        data["nmc_cbt_passed"] = True
    return data


def _recruit_data(application: Application, offer: Offer, arrival: Arrival) -> dict[str, Any]:
    role = job_roles().get(application.role)
    costs = [item.cost for item in offer.repayment_items.all()]
    data: dict[str, Any] = {
        "given_names": application.given_names,
        "family_name": application.family_name,
        "nationality": application.nationality,
        "passport_number": application.passport_number,
        "email": application.email,
        "phone": application.phone[:30],
        "job_role": RECRUIT_ROLE.get(application.role, JobRole.OTHER),
        "occupation_code": role.soc_code if role else "",
        "visa_route": VisaRoute.HEALTH_AND_CARE,
        "cos_reference": arrival.cos_reference,
        "visa_application_date": arrival.visa_application_date,
        "visa_expiry": arrival.visa_expiry,
        "recruitment_channel": (
            RecruitmentChannel.IN_COUNTRY if application.campaign.in_country else RecruitmentChannel.DIRECT
        ),
        # The campaign recorded that candidates are never charged.
        "candidate_fees": Decimal("0"),
        "amber_agreement": application.campaign.amber_agreement,
        "repayment_costs": costs,
        "repayment_itemised": bool(costs),
        "repayment_monthly_plan": bool(costs) and bool(offer.repayment_months),
    }
    data.update(_record_from_checks({check.item: check for check in application.checks.all()}))
    return data


def _check_arrival(application: Application, arrival: Arrival, offer: Offer | None) -> None:
    if application.stage not in (Stage.COS_ASSIGNED, Stage.PRE_ARRIVAL):
        raise ValidationError(
            f"The application is {application.get_stage_display().lower()}: a candidate arrives after the "
            "certificate of sponsorship (CoS) is assigned."
        )
    if offer is None:
        raise ValidationError("The application has no offer: the recruit needs the employer that offered the job.")
    errors: dict[str, str] = {}
    if arrival.arrived_on > timezone.localdate():
        errors["arrived_on"] = "The arrival day is in the future: record the arrival on the day, or after it"
    if arrival.first_day < arrival.arrived_on:
        errors["first_day"] = "The first working day comes on or after the arrival day"
    if not arrival.cos_reference.strip():
        errors["cos_reference"] = "Enter the certificate of sponsorship (CoS) reference"
    if errors:
        raise ValidationError(errors)


def _file_moves(application: Application, recruit: Recruit, actor: Any) -> list[tuple[Path, str]]:
    """Each check's evidence becomes a document of the record: the file is linked under the
    documents folder now, and its old name removed once the transaction commits."""
    moves = []
    labels = {item.code: item.label for item in compliance_items(application.role)}
    for check in application.checks.all():
        source = check_document_path(check)
        if not source.exists():
            continue
        title = f"{labels.get(check.item, check.item)} (checked {check.checked_on:%-d %B %Y})"
        document = Document.objects.create(
            recruit=recruit,
            kind=CHECK_DOCUMENT_KIND.get(check.item, DocumentKind.EVIDENCE),
            title=title[:200],
            original_name=check.original_name,
            stored_name=check.stored_name,
            content_type=check.content_type,
            size=source.stat().st_size,
            uploaded_by=check.recorded_by or actor,
        )
        target = document_path(document)
        target.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
        os.link(source, target)
        check.document = document
        check.save(update_fields=["document"])
        moves.append((source, target.name))
    return moves


@transaction.atomic
def application_arrive(*, actor: Any, application: Application, arrival: Arrival) -> Recruit:
    """Record the candidate's arrival: one recruit, with everything carried over (module docstring)."""
    application = Application.objects.select_for_update().select_related("campaign").get(pk=application.pk)
    offer = accepted_offer(application)
    _check_arrival(application, arrival, offer)
    assert offer is not None
    recruit = recruit_register(actor=actor, provider=offer.employer, data=_recruit_data(application, offer, arrival))
    pastoral_plan_start(actor=actor, recruit=recruit, start_date=arrival.arrived_on)
    answers = {a.standard_id: (a.rating, a.evidence_notes) for a in application.pre_arrival_answers.all()}
    if answers:
        self_assessment_save(actor=actor, recruit=recruit, answers=answers)
    for appointment in application.first_appointments.filter(starts_at__gt=timezone.now()):
        appointment_book(
            actor=actor,
            recruit=recruit,
            data={
                "starts_at": appointment.starts_at,
                "minutes": appointment.minutes,
                "purpose": appointment.purpose,
                "place": appointment.place,
            },
        )
    moves = _file_moves(application, recruit, actor)
    recruit_employment_begin(actor=actor, recruit=recruit, start_date=arrival.first_day)
    if application.stage == Stage.COS_ASSIGNED:
        stage_change(application, actor=actor, to_stage=Stage.PRE_ARRIVAL, reason="Arrived without pre-arrival steps")
    stage_change(application, actor=actor, to_stage=Stage.ARRIVED, reason="", arrived=True)
    application.arrived_on, application.recruit = arrival.arrived_on, recruit
    application.save(update_fields=["arrived_on", "recruit"])
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        text=f"Arrived on {arrival.arrived_on:%-d %B %Y}: now a recruit of {offer.employer}",
    )
    transaction.on_commit(lambda: _unlink_sources(moves))
    return recruit


def _unlink_sources(moves: list[tuple[Path, str]]) -> None:
    for source, _target in moves:
        os.unlink(source)
