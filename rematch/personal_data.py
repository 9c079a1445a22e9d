"""The personal data rematching holds about a recruit (`accesslog.rights`, registered in `RematchConfig`).

Requests and hand-overs stay (the rematch figures count them); what the worker told the hub
about themself goes.
"""

from __future__ import annotations

from accesslog.rights import RECRUIT, PersonalData, register_personal_data
from rematch.models import Handover, RematchRequest

SOURCES = (
    PersonalData(
        "Rematch requests",
        RematchRequest,
        "recruit",
        fields=(
            "given_names",
            "family_name",
            "date_of_birth",
            "email",
            "phone",
            "address",
            "postcode",
            "reason_details",
        ),
    ),
    PersonalData("Hand-overs between regions", Handover, "recruit", fields=("note",)),
)


def register() -> None:
    register_personal_data(RECRUIT, *SOURCES)
