"""The personal data recruits holds about a recruit (`accesslog.rights`, registered in `RecruitsConfig`).

The recruit row is kept as an "Erased person" placeholder (compliance cases and rematch requests
point at it, and the figures count it by region, status, job, nationality and employer); every
field that identifies the person is emptied. Documents go with their files.
"""

from __future__ import annotations

from accesslog.rights import RECRUIT, PersonalData, SubjectKind, register_personal_data, register_subject_kind
from recruits.access import get_recruit_for_user_rights
from recruits.documents import document_path
from recruits.duties.models import ReportingDuty
from recruits.models import Document, Employment, Recruit, StatusChange

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
)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
    register_subject_kind(SUBJECT)
