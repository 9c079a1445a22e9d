"""The personal data pastoral support holds about a recruit (`accesslog.rights`, registered in
`PastoralConfig`). Rows stay (the pastoral figures count check-ins, red flags and concerns by
category); what the recruit and the hub wrote goes, and the cached booklet PDF is deleted."""

from __future__ import annotations

from accesslog.rights import RECRUIT, PersonalData, register_personal_data
from pastoral.models import (
    Appointment,
    BookletRender,
    CheckIn,
    CheckInAnswers,
    Concern,
    ConcernAction,
    PastoralPlan,
)

SOURCES = (
    PersonalData("Pastoral plan", PastoralPlan, "recruit", fields=("manager_name", "manager_phone", "manager_email")),
    PersonalData("Check-ins", CheckIn, "plan__recruit", fields=("employer_note",)),
    PersonalData("Check-in answers", CheckInAnswers, "check_in__plan__recruit", fields=("anything_else", "hub_notes")),
    PersonalData("Concerns", Concern, "recruit", fields=("summary", "outcome", "referral_reference")),
    PersonalData("Concern actions", ConcernAction, "concern__recruit", fields=("text",)),
    PersonalData("Appointments", Appointment, "recruit", fields=("place", "video_link", "purpose", "rearrange_note")),
    PersonalData("Welcome booklet PDF (cached)", BookletRender, "recruit", delete=True),
)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
