"""The personal data campaigns holds about a candidate (`accesslog.rights`, registered in `CampaignsConfig`).

A candidate has no portal account: each application is the subject ("candidate"), and its
region's IR lead handles its rights, as for a recruit (`campaigns.access.get_application_for_user_rights`).
The candidate downloads the same export for their own applications after signing in by emailed code
(`campaigns.application_views.my_application_data`).

On erasure the application row stays as an "Erased person" (the board's and the campaign's counts
by stage, role, country and direct application stay the same); the email and passport number get
a placeholder unique to the row, because one person applies to a campaign once (the unique
constraints), and the reason an application ended stays non-empty (its check constraint). The
documents and the pre-employment check evidence go with their files; what was written about the
candidate (timeline, screening notes, interview notes and scores' notes, repayment evidence) is
emptied. Offers stay (employer, pay, dates: nothing in them names the person once the name goes).

Retention (docs/SECURITY.md, the retention table): an unsuccessful application is erased the same
way once `retention_unsuccessful_application_months` have passed since it ended, or since its
campaign closed when it never reached an offer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from accesslog.rights import (
    RECRUIT,
    PersonalData,
    SubjectKind,
    register_personal_data,
    register_retention_rule,
    register_subject_kind,
    retention_cutoff,
    subject_erase,
)
from campaigns.access import get_application_for_user_rights
from campaigns.applicants import application_document_path
from campaigns.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    CampaignStatus,
    ComplianceCheck,
    FirstAppointment,
    Interview,
    InterviewScore,
    Offer,
    PreArrivalAnswer,
    PreArrivalTask,
    RepaymentItem,
    ScreeningAnswer,
    Stage,
)
from campaigns.offers import checks_directory
from portal.files import stored_path

CANDIDATE = "candidate"

ERASED_DOMAIN = "@erased.invalid"
# A normalised passport number is letters and digits only, so the placeholder never meets a real one.
ERASED_PASSPORT_PREFIX = "ERASED-"
ERASED_REASON = "Erased"

APPLICATION_FIELDS = (
    "given_names",
    "family_name",
    "email",
    "phone",
    "passport_number",
    "experience",
    "end_reason",
    "planned_arrival",
)


def _check_file(check: ComplianceCheck) -> Path:
    """The evidence as the campaign stored it. Once the candidate arrived it is a document of the
    recruit's record (`campaigns.arrival`), which the recruit's own rights cover: the candidate's
    export names it as missing here, and erasing the application never removes the recruit's file."""
    return stored_path(checks_directory(), check.stored_name, owner=f"compliance check {check.pk}")


SOURCES = (
    PersonalData(
        "Application",
        Application,
        "pk",
        fields=APPLICATION_FIELDS,
        erased_values={
            "given_names": "Erased",
            "family_name": "person",
            "email": Concat(Value("erased-"), Cast("id", output_field=CharField()), Value(ERASED_DOMAIN)),
            "passport_number": Concat(Value(ERASED_PASSPORT_PREFIX), Cast("id", output_field=CharField())),
            # Rejected and withdrawn applications must keep a reason (application_ended_with_reason).
            "end_reason": ERASED_REASON,
        },
    ),
    PersonalData(
        "Application documents (CV and certificates)",
        ApplicationDocument,
        "application",
        delete=True,
        file=application_document_path,
        file_name=lambda document: f"{document.public_id.hex[:8]}-{document.original_name}",
    ),
    PersonalData("Application timeline", ApplicationEvent, "application", fields=("text",)),
    PersonalData("Screening checklist", ScreeningAnswer, "application", fields=("note",)),
    PersonalData("Interviews", Interview, "application", fields=("rearrange_reason", "decision_note")),
    PersonalData("Interview scores", InterviewScore, "member__interview__application", fields=("note",)),
    PersonalData("Offers", Offer, "application"),
    PersonalData("Offer repayment clause", RepaymentItem, "offer__application", fields=("evidence",)),
    PersonalData(
        "Pre-employment checks",
        ComplianceCheck,
        "application",
        delete=True,
        file=_check_file,
        file_name=lambda check: f"{check.public_id.hex[:8]}-{check.original_name}",
    ),
    PersonalData("Pre-arrival checklist", PreArrivalTask, "application"),
    PersonalData(
        "Care Certificate self-assessment before arrival", PreArrivalAnswer, "application", fields=("evidence_notes",)
    ),
    PersonalData("First appointments", FirstAppointment, "application", delete=True),
)

SUBJECT = SubjectKind(
    CANDIDATE,
    fetch=get_application_for_user_rights,
    name=lambda application: application.name,
    region_id=lambda application: application.region_id,
    url=lambda application: application.get_absolute_url(),
)


# -- Retention (docs/SECURITY.md, the retention table; run nightly by accesslog.tasks.retention_task) --

UNSUCCESSFUL = (Stage.REJECTED, Stage.WITHDRAWN)
BEFORE_AN_OFFER = (Stage.APPLIED, Stage.SCREENED, Stage.SHORTLISTED, Stage.INTERVIEWED)


def unsuccessful_applications(today: dt.date) -> list[Application]:
    """Applications past the period and not erased yet: rejected or withdrawn on or before the
    cut-off (the day the stage changed), or still short of an offer in a campaign closed on or
    before it and
    not moved since the cut-off either (one the hub is still moving on waits)."""
    cutoff = retention_cutoff("retention_unsuccessful_application_months", today)
    ended = Q(stage__in=UNSUCCESSFUL, stage_since__date__lte=cutoff)
    closed = Q(
        stage__in=BEFORE_AN_OFFER,
        stage_since__date__lte=cutoff,
        campaign__status=CampaignStatus.CLOSED,
        campaign__closed_at__date__lte=cutoff,
    )
    return list(Application.objects.filter(ended | closed).exclude(email__endswith=ERASED_DOMAIN).order_by("pk"))


def unsuccessful_applications_expire(today: dt.date) -> int:
    """Erase each unsuccessful application past the period, as the lead's erasure does (files go
    after the commit). Returns the applications erased."""
    expired = unsuccessful_applications(today)
    for application in expired:
        subject_erase(CANDIDATE, application)
    return len(expired)


# A candidate who arrived is a recruit: the application that made them one is part of what the portal
# holds about the recruit, exported with their record and erased with it (the same fields).
RECRUIT_SOURCES = (
    PersonalData(
        "Campaign application",
        Application,
        "recruit",
        fields=APPLICATION_FIELDS,
        erased_values=SOURCES[0].erased_values,
    ),
)


def register() -> None:
    register_personal_data(CANDIDATE, *SOURCES)
    register_personal_data(RECRUIT, *RECRUIT_SOURCES)
    register_subject_kind(SUBJECT)
    register_retention_rule("unsuccessful_applications", unsuccessful_applications_expire)
