"""Rule 1: a suspended sponsor has 20 working days from the letter to make representations; the
provider's administrators and the region's lead are reminded before the deadline and on the day."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.models import EventKind, LicenceEvent
from compliance.representation import KIND, reminder_days, representation_reminders_sync
from compliance.services import licence_event_record
from hubs.roles import Role
from notifications.models import Reminder
from notifications.services import reminder_recipient_users
from tests.rules.conftest import london

pytestmark = pytest.mark.django_db

LETTER = dt.date(2026, 12, 1)  # Tue; 20 working days over Christmas end on Thu 31 Dec 2026
DEADLINE = dt.date(2026, 12, 31)
DAYS = [dt.date(2026, 12, 15), dt.date(2026, 12, 22), dt.date(2026, 12, 29), DEADLINE]  # 10, 5, 2, 0 before


def _suspend(cast, day: dt.date = LETTER) -> LicenceEvent:
    return licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=day
    ).event


def _scheduled(event: LicenceEvent):
    return Reminder.objects.filter(kind=KIND, object_id=str(event.pk), status=Reminder.Status.SCHEDULED)


def test_rule_01_a_suspension_reminds_before_the_20_working_day_deadline_and_on_the_day(cast, clock) -> None:
    clock(london(LETTER, 15))
    event = _suspend(cast)
    assert event.representation_deadline == DEADLINE
    reminders = list(_scheduled(event).order_by("due_at", "recipient_role"))
    assert sorted({r.due_at for r in reminders}) == [london(day) for day in DAYS]
    assert {(r.recipient_role, r.provider_id) for r in reminders} == {
        (Role.PROVIDER_ADMIN, cast.provider_a.pk),
        (Role.LEAD, None),
    }
    assert all(r.deadline == london(DEADLINE, 0) and r.region_id == cast.region_a.pk for r in reminders)
    assert len(reminders) == 8


def test_rule_01_reminders_go_to_the_providers_admins_and_the_regions_lead_only(cast, clock) -> None:
    clock(london(LETTER, 15))
    event = _suspend(cast)
    people = set()
    for reminder in _scheduled(event):
        people |= set(reminder_recipient_users(reminder))
    assert cast.provider_admin_a in people and cast.lead_a in people
    assert not people & {cast.provider_admin_b, cast.lead_b, cast.provider_staff_a, cast.staff_a, cast.recruit_user_a}


@pytest.mark.parametrize("ending", [EventKind.REINSTATEMENT, EventKind.REVOCATION, EventKind.SURRENDER])
def test_rule_01_the_end_of_the_suspension_cancels_the_reminders(cast, clock, ending) -> None:
    clock(london(LETTER, 15))
    event = _suspend(cast)
    clock(london(dt.date(2026, 12, 10), 12))
    licence_event_record(
        actor=cast.lead_a, provider=cast.provider_a, kind=ending, event_date=dt.date(2026, 12, 10), rating="A"
    )
    assert not _scheduled(event).exists()
    assert Reminder.objects.filter(kind=KIND, status=Reminder.Status.CANCELLED).count() == 8
    representation_reminders_sync(event=event)  # a later sync of an ended suspension schedules nothing
    assert not _scheduled(event).exists()


def test_rule_01_scheduling_twice_is_harmless(cast, clock) -> None:
    clock(london(LETTER, 15))
    event = _suspend(cast)
    first = sorted(r.pk for r in _scheduled(event))
    again = sorted(r.pk for r in representation_reminders_sync(event=event))
    assert again == first
    assert Reminder.objects.filter(kind=KIND).count() == 8


def test_rule_01_a_corrected_letter_date_moves_the_reminders(cast, clock) -> None:
    clock(london(LETTER, 15))
    event = _suspend(cast)
    event.event_date = dt.date(2026, 11, 20)  # the letter was earlier: the deadline is Fri 18 Dec
    event.representation_deadline = dt.date(2026, 12, 18)
    event.save()
    representation_reminders_sync(event=event)
    days = sorted({r.due_at for r in _scheduled(event)})
    assert days == [london(day) for day in (dt.date(2026, 12, 4), dt.date(2026, 12, 11), dt.date(2026, 12, 16))] + [
        london(dt.date(2026, 12, 18))
    ]
    assert Reminder.objects.filter(kind=KIND, status=Reminder.Status.CANCELLED).count() == 8


def test_rule_01_reminders_whose_day_has_passed_are_not_scheduled(cast, clock) -> None:
    clock(london(dt.date(2026, 12, 23), 12))
    event = _suspend(cast)
    assert sorted({r.due_at for r in _scheduled(event)}) == [london(dt.date(2026, 12, 29)), london(DEADLINE)]


def test_rule_01_the_reminder_offsets_are_dated_policy_figures(add_figure) -> None:
    add_figure("representation_reminder_first_working_days,15,working days before the deadline,2027-01-01,no,test")
    before = LicenceEvent(kind=EventKind.SUSPENSION, event_date=LETTER, representation_deadline=DEADLINE)
    assert reminder_days(before)[0] == dt.date(2026, 12, 15)  # 10 working days before: the figure of 1 Dec 2026
    after = LicenceEvent(
        kind=EventKind.SUSPENSION, event_date=dt.date(2027, 1, 4), representation_deadline=dt.date(2027, 2, 1)
    )
    assert reminder_days(after)[0] == dt.date(2027, 1, 11)  # 15 working days before Mon 1 Feb 2027
