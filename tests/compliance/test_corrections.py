"""A lead corrects a licence event's wrongly entered date: its deadlines, reminders and the licence
history move with it, and the correction is kept (who, when, why)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance.b_rating import FEE_KIND
from compliance.corrections import licence_event_correct_date
from compliance.models import CaseEntry, EventDateCorrection, EventKind, LicenceEvent
from compliance.representation import KIND as REPRESENTATION_KIND
from compliance.services import licence_event_record
from notifications.models import Reminder
from providers.models import LicenceChange
from tests.rules.conftest import london

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def _record(cast, kind: str, day: dt.date, **extra) -> LicenceEvent:
    return licence_event_record(actor=cast.lead_a, provider=cast.provider_a, kind=kind, event_date=day, **extra).event


def _scheduled_days(event: LicenceEvent, kind: str) -> list[dt.date]:
    reminders = Reminder.objects.filter(kind=kind, object_id=str(event.pk), status=Reminder.Status.SCHEDULED)
    return sorted({r.due_at.date() for r in reminders})


def test_a_corrected_suspension_moves_its_deadline_reminders_and_history(cast, clock) -> None:
    clock(london(dt.date(2026, 12, 1), 15))
    event = _record(cast, EventKind.SUSPENSION, dt.date(2026, 12, 1))
    licence_event_correct_date(actor=cast.lead_a, event=event, event_date=dt.date(2026, 11, 20), reason="Typo")
    event.refresh_from_db()
    assert event.event_date == dt.date(2026, 11, 20) and event.representation_deadline == dt.date(2026, 12, 18)
    assert _scheduled_days(event, REPRESENTATION_KIND)[-1] == dt.date(2026, 12, 18)
    assert LicenceChange.objects.get(pk=event.licence_change_id).effective_on == dt.date(2026, 11, 20)
    cast.provider_a.refresh_from_db()
    assert cast.provider_a.licence_changed_on == dt.date(2026, 11, 20)
    correction = EventDateCorrection.objects.get(event=event)
    assert (correction.old_date, correction.new_date, correction.corrected_by) == (
        dt.date(2026, 12, 1),
        dt.date(2026, 11, 20),
        cast.lead_a,
    )
    entry = CaseEntry.objects.filter(case__event=event, text__startswith="Date of the licence event").get()
    assert "from 1 December 2026 to 20 November 2026: Typo." in entry.text and entry.shareable
    assert "Representations are due 18 December 2026." in entry.text


def test_a_corrected_b_rating_moves_its_plan_and_fee(cast, clock) -> None:
    clock(london(dt.date(2026, 11, 20), 15))
    event = _record(cast, EventKind.B_RATING, dt.date(2026, 11, 20))
    assert _scheduled_days(event, FEE_KIND) == [dt.date(2026, 11, 27), dt.date(2026, 12, 1), dt.date(2026, 12, 4)]
    licence_event_correct_date(actor=cast.lead_a, event=event, event_date=dt.date(2026, 11, 18), reason="Letter date")
    event.refresh_from_db()
    assert (event.action_plan_ends, event.fee_due) == (dt.date(2027, 2, 18), dt.date(2026, 12, 2))
    assert _scheduled_days(event, FEE_KIND) == [dt.date(2026, 11, 25), dt.date(2026, 11, 29), dt.date(2026, 12, 2)]


def test_a_corrected_revocation_recounts_its_cooling_off(cast, clock) -> None:
    clock(london(dt.date(2026, 11, 20), 15))
    LicenceChange.objects.create(
        provider=cast.provider_a, status="revoked", rating="A", effective_on=dt.date(2025, 6, 1)
    )
    event = _record(cast, EventKind.REVOCATION, dt.date(2026, 11, 2))
    assert event.repeat_revocation
    licence_event_correct_date(actor=cast.lead_a, event=event, event_date=dt.date(2025, 5, 1), reason="Wrong year")
    event.refresh_from_db()
    assert not event.repeat_revocation and event.cooling_off_ends == dt.date(2026, 5, 1)


def test_the_same_date_again_changes_nothing_and_needs_no_reason(cast) -> None:
    event = _record(cast, EventKind.SUSPENSION, dt.date(2026, 11, 2))
    licence_event_correct_date(actor=cast.lead_a, event=event, event_date=dt.date(2026, 11, 2), reason="")
    assert not EventDateCorrection.objects.exists()


@pytest.mark.parametrize(
    ("day", "reason", "message"),
    [
        (dt.date(2026, 11, 3), "", "Say why the date was wrong"),
        (dt.date(2099, 1, 1), "Typo", "cannot be in the future"),
        (
            dt.date(2026, 11, 12),
            "Typo",
            r"cannot be after the event that followed it \(reinstated on 10 November 2026\)",
        ),
    ],
)
def test_a_correction_is_refused_with_the_reason(cast, day, reason, message) -> None:
    event = _record(cast, EventKind.SUSPENSION, dt.date(2026, 11, 2))
    _record(cast, EventKind.REINSTATEMENT, dt.date(2026, 11, 10), rating="A")
    with pytest.raises(ValidationError, match=message):
        licence_event_correct_date(actor=cast.lead_a, event=event, event_date=day, reason=reason)


def test_only_the_lead_corrects(cast) -> None:
    event = _record(cast, EventKind.SUSPENSION, dt.date(2026, 11, 2))
    with pytest.raises(ValidationError, match="Only the region's lead"):
        licence_event_correct_date(actor=cast.staff_a, event=event, event_date=dt.date(2026, 11, 3), reason="x")


def test_the_lead_corrects_on_the_page_and_sees_earlier_corrections(cast, client) -> None:
    event = _record(cast, EventKind.SUSPENSION, dt.date(2026, 11, 2))
    client.force_login(cast.lead_a)
    url = reverse("licence_event_date", args=[event.public_id])
    assert url in client.get(reverse("provider_detail", args=[cast.provider_a.public_id])).content.decode()
    page = client.post(url, {"event_date": "3/11/2026", "reason": ""}).content.decode()
    assert "Say why the date was wrong" in page
    response = client.post(url, {"event_date": "3/11/2026", "reason": "The letter is dated the 3rd."})
    assert response.status_code == 302
    assert "The letter is dated the 3rd." in client.get(url).content.decode()
    client.force_login(cast.staff_a)
    assert client.get(url).status_code == 403
