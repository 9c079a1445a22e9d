"""Demo compliance data: an open case in each demo region, each in the area of a demo council
officer (Shropshire, Lancashire, Lewisham), with steps (some done), workers (some contacted), a note
shared with the council and a note from the council officer, and a public register import whose
alert says a provider disappeared.

Called once from `demo.seed.demo_seed` (after the accounts exist); running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from compliance.clocks import cooling_off_end, representation_deadline
from compliance.models import (
    CaseStatus,
    ComplianceCase,
    EntryKind,
    EventKind,
    LicenceEvent,
    RegisterImport,
    WorkerStatus,
)
from compliance.register import register_import
from compliance.services import case_add_council_note, case_add_entry, case_open, case_transition, step_complete
from compliance.workers import worker_set_status
from providers.models import LicenceChange, LicenceStatus, Provider

DEMO_DOMAIN = "demo.irhub.example"
# provider: the lead who opens its case (Severn Valley Home Care, suspended in Shropshire, is left
# without a case: the browser journey records its revocation).
CASES = {
    "Shropshire Hills Support Services": "lead.wm",
    "Morecambe Bay Home Support": "lead.nw",
    "Lewisham Homecare Co-operative": "lead.london",
}
# provider: the council officer of its area who adds a note for the hub (issue 16 item 4).
COUNCIL_NOTES = {
    "Shropshire Hills Support Services": "council.wm",
    "Morecambe Bay Home Support": "council.nw",
    "Lewisham Homecare Co-operative": "council.london",
}
COUNCIL_NOTE = (
    "Commissioning has moved two home-care packages to another provider for now; "
    "we can take more if the provider's rounds stop."
)
DISAPPEARS = "Malvern Hills Nursing"
DEMO_SOURCE = "demo: synthetic register"


@transaction.atomic
def seed_compliance() -> dict[str, int]:
    created = 0
    for provider_name, login in CASES.items():
        lead = User.objects.filter(email=f"{login}@{DEMO_DOMAIN}").first()
        provider = Provider.objects.filter(name=provider_name).first()
        if lead is None or provider is None or ComplianceCase.objects.filter(provider=provider).exists():
            continue
        created += _seed_case(lead, provider)
    for provider_name, login in COUNCIL_NOTES.items():
        _seed_council_note(provider_name, login)
    if not RegisterImport.objects.filter(source__startswith=DEMO_SOURCE).exists():
        _seed_register()
    return {"compliance_cases_created": created}


def _seed_case(lead: User, provider: Provider) -> int:
    change = LicenceChange.objects.filter(
        provider=provider, status__in=[LicenceStatus.REVOKED, LicenceStatus.SUSPENDED]
    ).first()
    if change is None:
        return 0
    revoked = change.status == LicenceStatus.REVOKED
    event = LicenceEvent.objects.create(
        region_id=provider.region_id,
        provider=provider,
        kind=EventKind.REVOCATION if revoked else EventKind.SUSPENSION,
        event_date=change.effective_on,
        rating=change.rating,
        cooling_off_ends=cooling_off_end(change.effective_on, revoked_before=False) if revoked else None,
        representation_deadline=None if revoked else representation_deadline(change.effective_on),
        source=change.source,
        note="Demo: UKVI revoked the licence." if revoked else "Demo: UKVI suspended the licence.",
        licence_change=change,
        recorded_by=lead,
    )
    case = case_open(actor=lead, event=event)
    case_transition(actor=lead, case=case, to_status="active")
    for step, note in zip(
        case.steps.all()[:3],
        ["Emailed the DASS and the commissioning team.", "Spoke to the registered manager.", "List received."],
        strict=False,
    ):
        step_complete(actor=lead, step=step, note=note)
    case_add_entry(
        actor=lead,
        case=case,
        kind="note",
        text="The council's commissioning team is arranging cover for the provider's home-care rounds.",
        shareable=True,
    )
    case_add_entry(actor=lead, case=case, kind="call", text="Call with the provider: it will not appeal.")
    for worker, status in zip(
        case.workers.order_by("id")[:3],
        [WorkerStatus.CONTACTED, WorkerStatus.SUPPORTED, WorkerStatus.NO_RESPONSE],
        strict=False,
    ):
        worker_set_status(actor=lead, worker=worker, status=status)
    return 1


def _seed_council_note(provider_name: str, login: str) -> None:
    officer = User.objects.filter(email=f"{login}@{DEMO_DOMAIN}").first()
    case = ComplianceCase.objects.filter(provider__name=provider_name).exclude(status=CaseStatus.CLOSED).first()
    if officer is None or case is None or case.entries.filter(kind=EntryKind.COUNCIL).exists():
        return
    case_add_council_note(actor=officer, case=case, text=COUNCIL_NOTE)


def _register_rows(skip: str = "") -> bytes:
    lines = ["Organisation Name,Town/City,County,Type & Rating,Route"]
    for provider in Provider.objects.filter(licence_status__in=["active", "suspended"]).order_by("name"):
        if provider.name != skip:
            lines.append(f'"{provider.name}",,,Worker ({provider.licence_rating} rating),Skilled Worker')
    lines.append("Specimen Fruit Farms Ltd,Hereford,Herefordshire,Temporary Worker (A rating),Seasonal Worker")
    return ("\n".join(lines) + "\n").encode()


def _seed_register() -> None:
    register_import(source=f"{DEMO_SOURCE} (yesterday)", content=_register_rows())
    register_import(source=f"{DEMO_SOURCE} (today)", content=_register_rows(skip=DISAPPEARS))
    RegisterImport.objects.filter(source=f"{DEMO_SOURCE} (yesterday)").update(
        started_at=timezone.now() - dt.timedelta(days=1)
    )
