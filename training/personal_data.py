"""The personal data training holds about a recruit (`accesslog.rights`, registered in `TrainingConfig`).

Bookings, evidence and certificates stay (the training figures count them); the names and notes
in them go. A certificate keeps its code, so that its public check answers "not valid" rather
than naming anyone: its holder's name is replaced.
"""

from __future__ import annotations

from accesslog.rights import RECRUIT, PersonalData, register_personal_data
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


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
