"""Rule 3: a B-rated sponsor's action-plan fee is due within 10 working days of the B-rating; the
provider's administrators and the region's lead are reminded, and the pages show it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.b_rating import FEE_KIND, licence_event_fee_paid
from compliance.clocks import action_plan_fee_deadline
from compliance.models import EventKind, LicenceEvent
from compliance.services import licence_event_record
from hubs.roles import Role
from notifications.models import Reminder
from notifications.services import reminder_recipient_users
from tests.rules.conftest import london

B_RATED = dt.date(2026, 11, 2)  # a Monday: 10 working days later is Monday 16 November
FEE_DUE = dt.date(2026, 11, 16)
DAYS = [dt.date(2026, 11, 9), dt.date(2026, 11, 13), FEE_DUE]  # a week and 3 days before, and on the day


def _b_rate(cast, day: dt.date = B_RATED) -> LicenceEvent:
    return licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.B_RATING, event_date=day
    ).event


def _scheduled(event: LicenceEvent):
    return Reminder.objects.filter(kind=FEE_KIND, object_id=str(event.pk), status=Reminder.Status.SCHEDULED)


def test_rule_03_the_fee_is_due_10_working_days_after_the_b_rating() -> None:
    assert action_plan_fee_deadline(B_RATED) == FEE_DUE
    assert action_plan_fee_deadline(dt.date(2026, 12, 17)) == dt.date(2027, 1, 5)  # over Christmas and New Year


@pytest.mark.django_db
def test_rule_03_a_b_rating_reminds_the_providers_admins_and_the_lead(cast, clock) -> None:
    clock(london(B_RATED, 15))
    event = _b_rate(cast)
    assert event.fee_due == FEE_DUE
    reminders = list(_scheduled(event))
    assert sorted({r.due_at for r in reminders}) == [london(day) for day in DAYS]
    assert {r.recipient_role for r in reminders} == {Role.PROVIDER_ADMIN, Role.LEAD} and len(reminders) == 6
    people = set()
    for reminder in reminders:
        people |= set(reminder_recipient_users(reminder))
    assert cast.provider_admin_a in people and cast.lead_a in people
    assert not people & {cast.provider_admin_b, cast.lead_b, cast.staff_a, cast.provider_staff_a}


@pytest.mark.django_db
def test_rule_03_recording_the_payment_stops_the_reminders(cast, clock) -> None:
    clock(london(B_RATED, 15))
    event = _b_rate(cast)
    clock(london(dt.date(2026, 11, 10), 12))
    with pytest.raises(ValidationError, match="Only the region's lead"):
        licence_event_fee_paid(actor=cast.staff_a, event=event, paid_on=dt.date(2026, 11, 10))
    with pytest.raises(ValidationError, match="future"):
        licence_event_fee_paid(actor=cast.lead_a, event=event, paid_on=dt.date(2026, 11, 11))
    licence_event_fee_paid(actor=cast.lead_a, event=event, paid_on=dt.date(2026, 11, 10))
    assert not _scheduled(event).exists()
    event.refresh_from_db()
    assert event.fee_paid_on == dt.date(2026, 11, 10)


@pytest.mark.django_db
def test_rule_03_a_later_licence_event_overtakes_the_fee(cast, clock) -> None:
    clock(london(B_RATED, 15))
    event = _b_rate(cast)
    clock(london(dt.date(2026, 11, 5), 12))
    licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.REVOCATION, event_date=dt.date(2026, 11, 5)
    )
    assert not _scheduled(event).exists()


@pytest.mark.django_db
def test_rule_03_the_provider_page_shows_the_fee_and_the_lead_records_it(cast, clock, client) -> None:
    clock(london(B_RATED, 15))
    event = _b_rate(cast)
    clock(london(dt.date(2026, 11, 17), 12))
    provider_page = reverse("provider_detail", args=[cast.provider_a.public_id])
    client.force_login(cast.provider_admin_a)
    page = client.get(provider_page).content.decode()
    assert 'id="action-plan-fee"' in page and "16 November 2026" in page and "Overdue" in page
    assert reverse("licence_event_fee", args=[event.public_id]) not in page
    client.force_login(cast.lead_a)
    url = reverse("licence_event_fee", args=[event.public_id])
    assert url in client.get(provider_page).content.decode()
    response = client.post(url, {"paid_on": "13/11/2026"})
    assert response.status_code == 302
    assert 'id="action-plan-fee"' not in client.get(provider_page).content.decode()
    assert LicenceEvent.objects.get(pk=event.pk).fee_paid_on == dt.date(2026, 11, 13)


@pytest.mark.django_db
def test_rule_03_the_case_page_shows_a_fee_still_due(cast, clock, client) -> None:
    """Suspended (a case opens), reinstated, then B-rated while the case is still open."""
    clock(london(dt.date(2026, 11, 20), 15))
    case = licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=B_RATED
    ).case
    assert case is not None
    for kind in (EventKind.REINSTATEMENT, EventKind.B_RATING):
        licence_event_record(
            actor=cast.lead_a, provider=cast.provider_a, kind=kind, event_date=dt.date(2026, 11, 20), rating="A"
        )
    for user in (cast.lead_a, cast.council_officer_a):
        client.force_login(user)
        page = client.get(case.get_absolute_url()).content.decode()
        assert 'id="action-plan-fee"' in page and "4 December 2026" in page


def test_rule_03_the_working_days_are_a_dated_policy_figure(add_figure) -> None:
    add_figure("action_plan_fee_working_days,5,working days,2027-01-01,no,test: a future rule change")
    assert action_plan_fee_deadline(dt.date(2026, 12, 31)) == dt.date(2027, 1, 15)
    assert action_plan_fee_deadline(dt.date(2027, 1, 4)) == dt.date(2027, 1, 11)
