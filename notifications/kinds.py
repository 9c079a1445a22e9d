"""The kinds of reminder the portal sends: what each is called in emails, the inbox and settings.

A kind's code is `<app>.<thing>`. Its escalation ladder is data (`LadderRung` rows: the defaults
come from migration 0003, a superuser edits them in the admin); its wording is here, because it
is part of the product's text.
Wording never names a person or carries document numbers: an email says what is due and links
to the portal, where access is checked (DESIGN.md, "Sensitive data").
"""

from __future__ import annotations

from dataclasses import dataclass

from hubs.roles import Role


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # a noun phrase: "A pastoral check-in"
    short: str  # for lists and settings: "Pastoral check-ins"
    roles: frozenset[Role]  # who may receive it (the settings page lists these kinds only)


_HUB_TEAM = frozenset({Role.LEAD, Role.HUB_STAFF})
_PROVIDERS = frozenset({Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF})

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in [
        Kind("pastoral.check_in", "A pastoral check-in", "Pastoral check-ins", _HUB_TEAM | _PROVIDERS | {Role.RECRUIT}),
        Kind("pastoral.appointment", "An appointment with the hub", "Appointments", _HUB_TEAM | {Role.RECRUIT}),
        Kind("rematch.leave_end", "A displaced worker's leave end", "Displaced workers' leave ends", _HUB_TEAM),
        Kind("compliance.step_due", "A step of a compliance case", "Compliance case steps", _HUB_TEAM),
        Kind(
            "compliance.case_opened",
            "A new licence-compliance case",
            "New compliance cases",
            _HUB_TEAM | {Role.COUNCIL},
        ),
        Kind("training.evidence_due", "Evidence for a training place", "Training evidence", _HUB_TEAM | {Role.RECRUIT}),
        Kind("training.session", "A training session", "Training sessions", _HUB_TEAM | _PROVIDERS | {Role.RECRUIT}),
        Kind(
            "providers.duty_due", "A report to UKVI (sponsor duty)", "Sponsor reporting duties", _HUB_TEAM | _PROVIDERS
        ),
    ]
}


def kind_for(code: str) -> Kind:
    """The kind's wording; an unregistered code still reads sensibly."""
    return KINDS.get(code) or Kind(code, code.split(".")[-1].replace("_", " ").capitalize(), code, frozenset())


def kinds_for_roles(roles: list[Role]) -> list[Kind]:
    held = set(roles)
    return [kind for kind in KINDS.values() if kind.roles & held]
