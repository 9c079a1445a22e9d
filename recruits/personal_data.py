"""The personal data recruits holds about a recruit (`accesslog.rights`, registered in `RecruitsConfig`).

The recruit row is kept as an "Erased person" placeholder (compliance cases and rematch requests
point at it, and the figures count it by region, status, job, nationality and employer); every
field that identifies the person is emptied. Documents go with their files.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce, TruncDate

from accesslog.rights import (
    RECRUIT,
    PersonalData,
    SubjectKind,
    register_personal_data,
    register_retention_rule,
    register_subject_kind,
    retention_cutoff,
    rows_clear,
    rows_delete,
)
from recruits.access import get_recruit_for_user_rights
from recruits.documents import document_path
from recruits.duties.models import ReportingDuty
from recruits.models import Document, DocumentKind, Employment, Recruit, StatusChange

ERASED_GIVEN_NAMES = "Erased"
ERASED_FAMILY_NAME = "person"

RECRUIT_FIELDS = (
    "user",
    "given_names",
    "family_name",
    "date_of_birth",
    "passport_number",
    "email",
    "phone",
    "address",
    "postcode",
    "cos_reference",
    "evisa_share_code",
    "curtailment_notes",
    "english_test",
    "nmc_pin",
    "agency_name_other",
    "amber_agreement",
)

SOURCES = (
    PersonalData(
        "Recruit record",
        Recruit,
        "pk",
        fields=RECRUIT_FIELDS,
        erased_values={"given_names": ERASED_GIVEN_NAMES, "family_name": ERASED_FAMILY_NAME},
    ),
    PersonalData("Employments", Employment, "recruit", fields=("end_reason",)),
    PersonalData("Status changes", StatusChange, "recruit", fields=("reason",)),
    # The duty stays (the provider's record of what it reported to UKVI, and the figures); what
    # was written about the worker goes.
    PersonalData("Reporting duties", ReportingDuty, "recruit", fields=("details",)),
    PersonalData(
        "Documents",
        Document,
        "recruit",
        delete=True,
        file=document_path,
        file_name=lambda document: f"{document.public_id.hex[:8]}-{document.original_name}",
    ),
)


SUBJECT = SubjectKind(
    RECRUIT,
    fetch=get_recruit_for_user_rights,
    name=lambda recruit: recruit.full_name,
    region_id=lambda recruit: recruit.region_id,
    url=lambda recruit: recruit.get_absolute_url(),
    account_id=lambda recruit: recruit.user_id,
)


# -- Retention (docs/SECURITY.md, the retention table; run nightly by accesslog.tasks.retention_task) --

RIGHT_TO_WORK_KINDS = (DocumentKind.PASSPORT, DocumentKind.BRP_EVISA)
CRIMINAL_RECORD_KINDS = (DocumentKind.DBS, DocumentKind.OVERSEAS_CRC)


def right_to_work_evidence_expire(today: dt.date) -> int:
    """Right-to-work evidence goes 2 years after the employment ends: the passport and share-code
    copies, and the share code on the record, of recruits with no open employment whose last one
    ended on or before the cut-off. The record of the check (its date) stays."""
    cutoff = retention_cutoff("retention_right_to_work_months", today)
    open_employment = Employment.objects.filter(recruit=OuterRef("pk"), end_date__isnull=True)
    recruits = (
        Recruit.objects.annotate(last_end=Max("employments__end_date"))
        .filter(last_end__lte=cutoff)
        .exclude(Exists(open_employment))
    )
    documents = Document.objects.filter(recruit__in=recruits.values("pk"), kind__in=RIGHT_TO_WORK_KINDS)
    removed = rows_delete(documents, file=document_path)
    return removed + rows_clear(Recruit.objects.filter(pk__in=recruits.values("pk")), {"evisa_share_code": ""})


def criminal_record_certificates_expire(today: dt.date) -> int:
    """Copies of DBS and overseas criminal record certificates go 6 months after the recruitment
    decision: the DBS certificate date recorded on the record (when the hub recorded the check's
    result), or the upload date of the copy when no date is recorded. The record of the check
    (status, date, barred list) stays."""
    cutoff = retention_cutoff("retention_dbs_certificate_months", today)
    documents = Document.objects.filter(kind__in=CRIMINAL_RECORD_KINDS).annotate(
        decided_on=Coalesce("recruit__dbs_date", TruncDate("uploaded_at"))
    )
    return rows_delete(documents.filter(decided_on__lte=cutoff), file=document_path)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
    register_subject_kind(SUBJECT)
    register_retention_rule("right_to_work_evidence", right_to_work_evidence_expire)
    register_retention_rule("criminal_record_certificates", criminal_record_certificates_expire)
