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
    news: bool = False  # something that happened ("a worker was placed"), not something due


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
            "compliance.representation_due",
            "A suspended licence's response to UKVI",
            "Suspension responses",
            frozenset({Role.LEAD, Role.PROVIDER_ADMIN}),
        ),
        Kind(
            "compliance.action_plan_fee",
            "A B-rated licence's action-plan fee",
            "Action-plan fees",
            frozenset({Role.LEAD, Role.PROVIDER_ADMIN}),
        ),
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
        Kind(
            "pool.late_start",
            "A worker hired from the pool who has not started",
            "Pool hires not started",
            frozenset({Role.LEAD, Role.PROVIDER_ADMIN}),
        ),
        Kind("recruits.rtw_followup", "A follow-up right-to-work check", "Right-to-work follow-ups",
             _HUB_TEAM | {Role.PROVIDER_ADMIN}),
        Kind("recruits.agency_recheck", "A re-check of an agency on the hub's framework", "Agency re-checks",
             _HUB_TEAM),
        Kind("training.osce_deadline", "An OSCE deadline", "OSCE deadlines", _HUB_TEAM | {Role.RECRUIT}),
        Kind(
            "training.development_plan_review",
            "A personal development plan review",
            "Development plan reviews",
            _HUB_TEAM | _PROVIDERS | {Role.RECRUIT},
        ),
        # News: something happened that someone should act on or know about.
        Kind("rematch.placed", "A placement with a new employer", "Placements", _HUB_TEAM | _PROVIDERS | {Role.RECRUIT},
             news=True),
        Kind("rematch.handover", "A request to hand over a worker's record", "Hand-over requests", _HUB_TEAM,
             news=True),
        Kind("rematch.introduced", "A worker introduced to your vacancy", "Introductions to vacancies",
             _PROVIDERS, news=True),
        Kind("pool.request", "A provider's request for displaced workers", "Pool requests", _HUB_TEAM, news=True),
        Kind("training.place_offered", "A training place for you", "Training places", _HUB_TEAM | _PROVIDERS
             | {Role.RECRUIT}, news=True),
        Kind("training.evidence_to_check", "Training evidence to check", "Training evidence to check", _HUB_TEAM,
             news=True),
        Kind("training.booking_cancelled", "A cancelled training booking", "Cancelled training bookings",
             _HUB_TEAM | _PROVIDERS | {Role.RECRUIT}, news=True),
        Kind("training.resource_enquiry", "A question about a resource or placement", "Resource questions",
             _HUB_TEAM | _PROVIDERS, news=True),
        Kind("compliance.register_alert", "A change on the public sponsor register", "Sponsor register alerts",
             frozenset({Role.LEAD}), news=True),
        Kind("compliance.council_note", "A council's note on a compliance case", "Councils' notes on cases",
             _HUB_TEAM, news=True),
        Kind("advice.request", "A new request for the hub's advice", "New advice requests", _HUB_TEAM, news=True),
        Kind("advice.waiting", "An advice request waiting past its target", "Advice requests waiting", _HUB_TEAM),
        Kind("advice.over_allowance", "Advice time recorded beyond a subscription's allowance",
             "Advice time over the allowance", frozenset({Role.LEAD}), news=True),
        Kind("advice.answered", "A reply from the hub to your request", "Replies to your requests",
             _PROVIDERS | {Role.COUNCIL}, news=True),
        Kind("pastoral.concern_opened", "A new pastoral concern", "Pastoral concerns", _HUB_TEAM, news=True),
        Kind("pastoral.concern_escalated", "A pastoral concern escalated to you", "Escalated pastoral concerns",
             _HUB_TEAM, news=True),
        Kind("campaigns.rearrange", "A candidate's request to rearrange an interview", "Interview changes",
             _HUB_TEAM, news=True),
        Kind("pastoral.rearrange_requested", "A request to rearrange an appointment", "Appointment changes",
             _HUB_TEAM, news=True),
    ]
}  # fmt: skip


def kind_for(code: str) -> Kind:
    """The kind's wording. A code below a registered one (`rematch.leave_end.lead.7d`) takes its
    family's; an unregistered code still reads sensibly."""
    parts = code.split(".")
    for end in range(len(parts), 0, -1):
        family = KINDS.get(".".join(parts[:end]))
        if family is not None:
            return family
    return Kind(code, parts[-1].replace("_", " ").capitalize(), code, frozenset())


def kinds_for_roles(roles: list[Role]) -> list[Kind]:
    held = set(roles)
    return [kind for kind in KINDS.values() if kind.roles & held]
