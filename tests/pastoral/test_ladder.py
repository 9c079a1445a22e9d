"""Check-in and appointment reminders through the notifications engine."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from notifications.models import Notification, Reminder
from notifications.tasks import send_reminder
from pastoral import services
from pastoral.models import CheckIn
from pastoral.schedule import add_months
from tests.conftest import Cast

from .builders import SECRET, appointment_for, plan_for


def _ladder(check_in: CheckIn) -> list[tuple[str, int, str]]:
    rows = Reminder.objects.filter(kind="pastoral.check_in", object_id=str(check_in.pk)).select_related("rung")
    return sorted((r.audience, r.rung.days, r.status) for r in rows)


def test_a_future_check_in_has_the_whole_ladder(cast: Cast) -> None:
    plan = plan_for(cast, start=timezone.localdate())
    check_in = plan.check_ins.get(step="3m")
    assert _ladder(check_in) == [
        ("hub_staff", 7, "scheduled"),
        ("lead", 14, "scheduled"),
        ("provider", 7, "scheduled"),
        ("subject", -7, "scheduled"),
        ("subject", 0, "scheduled"),
    ]
    reminder = Reminder.objects.get(
        kind="pastoral.check_in", object_id=str(check_in.pk), audience="subject", rung__days=0
    )
    assert reminder.recipient == cast.recruit_user_a
    assert timezone.localtime(reminder.due_at).date() == check_in.due_date
    provider_rung = Reminder.objects.get(kind="pastoral.check_in", object_id=str(check_in.pk), audience="provider")
    assert provider_rung.provider == cast.provider_a


def test_a_completed_check_in_stops_its_ladder(cast: Cast) -> None:
    plan = plan_for(cast, start=timezone.localdate())
    check_in = plan.check_ins.get(step="1m")
    services.check_in_record(actor=cast.staff_a, check_in=check_in, method="call")
    assert {status for *_, status in _ladder(check_in)} == {"cancelled"}
    other = plan.check_ins.get(step="3m")
    assert {status for *_, status in _ladder(other)} == {"scheduled"}


def test_moving_a_check_in_moves_its_reminders(cast: Cast) -> None:
    plan = plan_for(cast, start=timezone.localdate())
    check_in = plan.check_ins.get(step="6m")
    new_date = check_in.due_date + dt.timedelta(days=10)
    services.check_in_reschedule(actor=cast.staff_a, check_in=check_in, due_date=new_date)
    live = Reminder.objects.filter(kind="pastoral.check_in", object_id=str(check_in.pk), status="scheduled")
    assert {timezone.localtime(r.deadline).date() for r in live} == {new_date}
    assert live.count() == 5


def test_the_provider_reminder_opens_the_plan_and_carries_nothing_confidential(
    cast: Cast, in_process, mailoutbox
) -> None:
    start = add_months(timezone.localdate(), -1) - dt.timedelta(days=3)
    plan = plan_for(cast, start=start)
    overdue = plan.check_ins.get(step="1m")  # due 3 days ago: the employer is told in 4 days
    reminder = Reminder.objects.get(kind="pastoral.check_in", object_id=str(overdue.pk), audience="provider")
    in_process(send_reminder, reminder.pk)
    notice = Notification.objects.get(reminder=reminder, user=cast.provider_admin_a)
    assert notice.link == f"/training/pastoral/recruits/{cast.recruit_a.public_id}/"
    assert mailoutbox and all(SECRET not in m.body and cast.recruit_a.family_name not in m.body for m in mailoutbox)


def test_an_appointment_reminds_the_recruit_the_day_before(cast: Cast) -> None:
    appointment = appointment_for(cast, purpose="Talk about housing", days=5)
    [reminder] = Reminder.objects.filter(kind="pastoral.appointment", object_id=str(appointment.pk))
    assert reminder.recipient == cast.recruit_user_a
    assert reminder.due_at == appointment.starts_at - dt.timedelta(days=1)
    services.appointment_change(
        actor=cast.staff_a,
        appointment=appointment,
        data={"starts_at": appointment.starts_at + dt.timedelta(days=2), "place": "Hub office"},
    )
    live = Reminder.objects.get(kind="pastoral.appointment", object_id=str(appointment.pk), status="scheduled")
    assert live.due_at == appointment.starts_at - dt.timedelta(days=1)
    services.appointment_close(actor=cast.staff_a, appointment=appointment, status="cancelled")
    assert not Reminder.objects.filter(kind="pastoral.appointment", status="scheduled").exists()
