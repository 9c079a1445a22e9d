"""The personal data training holds about a recruit (`accesslog.rights`, registered in `TrainingConfig`).

Bookings, evidence and certificates stay (the training figures count them); the names and notes
in them go. A certificate keeps its code, so that its public check answers "not valid" rather
than naming anyone: its holder's name is replaced.
"""

from __future__ import annotations

from accesslog.rights import RECRUIT, PersonalData, SubjectKind, register_personal_data, register_subject_kind
from training.access import get_learner_for_user_rights
from training.models import (
    Certificate,
    DevelopmentAction,
    DevelopmentPlan,
    DevelopmentReview,
    EnglishEvidence,
    Enrolment,
    Learner,
    LiteracyBooking,
    OsceAttempt,
    OsceTracker,
    Placement,
    PlacementAttendance,
    PlanItem,
    ResourceEnquiry,
    SelfAssessment,
)

SOURCES = (
    # A recruit's learner row is the link only (name, role, email stay empty: the record holds them).
    PersonalData("Learner record", Learner, "recruit"),
    PersonalData("Training bookings", Enrolment, "recruit", fields=("cancel_reason",)),
    PersonalData(
        "English evidence", EnglishEvidence, "recruit", fields=("document", "assessment_name", "score", "review_note")
    ),
    PersonalData(
        "Training certificates",
        Certificate,
        "recruit",
        fields=("holder_name", "revoked_reason"),
        erased_values={"holder_name": "Erased person"},
    ),
    PersonalData("Training plan", PlanItem, "recruit", fields=("reason",)),
    # Dates only: exported with the rest, nothing in it names the person.
    PersonalData("OSCE deadline", OsceTracker, "recruit"),
    PersonalData("Care Certificate self-assessment", SelfAssessment, "recruit", fields=("evidence_notes",)),
    PersonalData("Development plan", DevelopmentPlan, "recruit", fields=("goals", "strengths", "gaps")),
    PersonalData("Development actions", DevelopmentAction, "plan__recruit", fields=("action",)),
    PersonalData("Development reviews", DevelopmentReview, "plan__recruit", fields=("notes",)),
    PersonalData("OSCE attempts", OsceAttempt, "recruit"),
    # The answers given and the result: the booking stays (the hub's figures), what was answered goes.
    PersonalData(
        "Literacy assessment", LiteracyBooking, "recruit", fields=("answers", "score"), erased_values={"answers": {}}
    ),
    PersonalData("Enquiries about resources", ResourceEnquiry, "recruit", fields=("message",)),
)


# A nominated learner (care staff who are not recruits) or a student (issue 18): the learner row is the
# person. Bookings, certificates and placements stay for the figures; names, notes and reports go.
LEARNER = "learner"
LEARNER_SOURCES = (
    PersonalData(
        "Learner details",
        Learner,
        "pk",
        fields=("name", "job_role", "email", "course"),
        erased_values={"name": "Erased person"},
    ),
    PersonalData("Training bookings", Enrolment, "learner", fields=("cancel_reason",)),
    PersonalData(
        "Training certificates",
        Certificate,
        "learner",
        fields=("holder_name", "revoked_reason"),
        erased_values={"holder_name": "Erased person"},
    ),
    PersonalData("Student placements", Placement, "learner", fields=("note", "decision_reason", "report")),
    PersonalData("Placement attendance", PlacementAttendance, "placement__learner", fields=("note",)),
    # The literacy assessment of a learner who is not a recruit, and the evidence its pass became.
    PersonalData("English evidence", EnglishEvidence, "learner", fields=("assessment_name", "score")),
    PersonalData(
        "Literacy assessment", LiteracyBooking, "learner", fields=("answers", "score"), erased_values={"answers": {}}
    ),
)
LEARNER_SUBJECT = SubjectKind(
    LEARNER,
    fetch=get_learner_for_user_rights,
    name=lambda learner: learner.name,
    region_id=lambda learner: learner.region_id,
    url=lambda learner: learner.get_absolute_url(),
)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
    register_personal_data(LEARNER, *LEARNER_SOURCES)
    register_subject_kind(LEARNER_SUBJECT)
