"""Builders for compliance tests (and the isolation sweep): an event with its case, a step, a worker,
a register alert and an uncertain register match, all in region A of the cast."""

from __future__ import annotations

import datetime as dt

from compliance.models import ComplianceCase, EventKind, RegisterAlert, RegisterCandidate
from compliance.register import register_import
from compliance.services import licence_event_record
from providers.models import LicenceSource, Provider
from tests.factories import ProviderFactory, RecruitFactory

REVOKED_ON = dt.date(2026, 11, 2)
CLASSIC_HEADER = "Organisation Name,Town/City,County,Type & Rating,Route\n"


def revoke(cast, provider: Provider | None = None, *, on: dt.date = REVOKED_ON) -> ComplianceCase:
    """Revoke a provider of region A (a fresh one by default, with two workers) and return its case."""
    if provider is None:
        provider = Provider.objects.get(
            pk=ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Gamma Care Ltd").pk
        )
        RecruitFactory(provider=provider, given_names="Grace", family_name="Gondwe", status="employed")
        RecruitFactory(provider=provider, given_names="Hari", family_name="Hamal", status="employed")
    result = licence_event_record(
        actor=cast.lead_a, provider=provider, kind=EventKind.REVOCATION, event_date=on, source=LicenceSource.UKVI
    )
    assert result.case is not None
    return result.case


def case_in_a(cast) -> ComplianceCase:
    existing = ComplianceCase.objects.filter(region=cast.region_a, provider__name="Gamma Care Ltd").first()
    return existing or revoke(cast)


def step_in_a(cast):
    return case_in_a(cast).steps.first()


def worker_in_a(cast):
    return case_in_a(cast).workers.first()


def entry_in_a(cast):
    return case_in_a(cast).entries.first()


def document_entry_in_a(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from compliance.services import case_add_entry

    upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    return case_add_entry(actor=cast.lead_a, case=case_in_a(cast), kind="document", text="UKVI letter", upload=upload)


def register_csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    """A classic-layout register: (name, town, type & rating, route) per row."""
    lines = [CLASSIC_HEADER] + [f"{name},{town},,{rating},{route}\n" for name, town, rating, route in rows]
    return "".join(lines).encode()


def alert_in_a(cast) -> RegisterAlert:
    existing = RegisterAlert.objects.filter(region=cast.region_a).first()
    if existing:
        return existing
    provider = cast.provider_a
    register_import(source="test", content=register_csv([(provider.name, "", "Worker (A rating)", "Skilled Worker")]))
    register_import(
        source="test", content=register_csv([("Someone Else Ltd", "", "Worker (A rating)", "Skilled Worker")])
    )
    return RegisterAlert.objects.get(provider=provider)


def candidate_in_a(cast) -> RegisterCandidate:
    existing = RegisterCandidate.objects.filter(region=cast.region_a).first()
    if existing:
        return existing
    name = cast.provider_a.name
    register_import(
        source="test",
        content=register_csv(
            [
                (name, "Leeds", "Worker (A rating)", "Skilled Worker"),
                (name, "York", "Worker (A rating)", "Skilled Worker"),
            ]
        ),
    )
    return RegisterCandidate.objects.filter(provider=cast.provider_a).first()  # type: ignore[return-value]


def b_rating_in_a(cast):
    """A B-rating of a provider of region A, its action-plan fee paid (a fresh provider, so the case of
    `case_in_a` is not joined)."""
    from compliance.models import LicenceEvent

    existing = LicenceEvent.objects.filter(region=cast.region_a, provider__name="Delta Care Ltd").first()
    if existing:
        return existing
    provider = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Delta Care Ltd")
    event = licence_event_record(
        actor=cast.lead_a, provider=provider, kind=EventKind.B_RATING, event_date=dt.date(2026, 11, 2)
    ).event
    LicenceEvent.objects.filter(pk=event.pk).update(fee_paid_on=dt.date(2026, 11, 10))
    event.refresh_from_db()
    return event
