"""Escalation ladders: one reminder per rung, stopped when the thing is done, moved with its date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from notifications.ladders import ladder_advance, ladder_reschedule, ladder_start, ladder_stop
from notifications.models import LadderRung, Notification, Reminder
from notifications.tasks import dispatch_due
from recruits.duties.models import DutyKind
from recruits.duties.services import duty_mark_reported, duty_record
from tests.conftest import Cast

LONDON = ZoneInfo("Europe/London")
TODAY = timezone.localdate()


def _check_in_ladder(cast: Cast, deadline: dt.date) -> list[Reminder]:
    return ladder_start(
        kind="pastoral.check_in",
        about=cast.recruit_a,
        deadline=deadline,
        region=cast.region_a,
        subject=cast.recruit_user_a,
        provider=cast.provider_a,
    )


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), LONDON)


def test_the_check_in_ladder_follows_its_data(cast: Cast) -> None:
    deadline = TODAY + dt.timedelta(days=30)
    reminders = _check_in_ladder(cast, deadline)
    rungs = sorted((r.due_at.astimezone(LONDON), r.audience, r.recipient_id, r.recipient_role) for r in reminders)
    assert rungs == [
        (_at(deadline - dt.timedelta(days=7), 8), "subject", cast.recruit_user_a.pk, ""),
        (_at(deadline, 8), "subject", cast.recruit_user_a.pk, ""),
        (_at(deadline + dt.timedelta(days=7), 8), "hub_staff", None, "hub_staff"),
        (_at(deadline + dt.timedelta(days=7), 8), "provider", None, "provider_admin"),
        (_at(deadline + dt.timedelta(days=14), 8), "lead", None, "lead"),
    ]
    assert {r.deadline for r in reminders} == {dt.datetime.combine(deadline, dt.time.min, LONDON)}
    assert len(_check_in_ladder(cast, deadline)) == 5 and Reminder.objects.count() == 5  # repeating is harmless


def test_rungs_already_past_and_missing_people_are_left_out(cast: Cast) -> None:
    deadline = TODAY + dt.timedelta(days=2)  # the "7 days before" rung has passed
    reminders = ladder_start(
        kind="pastoral.check_in", about=cast.recruit_b, deadline=deadline, region=cast.region_b, subject=None
    )
    assert sorted(r.audience for r in reminders) == ["hub_staff", "lead"]  # no account, no provider given


def test_a_changed_ladder_applies_to_new_deadlines_only(cast: Cast) -> None:
    deadline = TODAY + dt.timedelta(days=30)
    _check_in_ladder(cast, deadline)
    LadderRung.objects.create(kind="pastoral.check_in", days=21, audience="lead")
    assert Reminder.objects.count() == 5
    ladder_start(kind="pastoral.check_in", about=cast.recruit_b, deadline=deadline, region=cast.region_b)
    assert Reminder.objects.filter(object_id=str(cast.recruit_b.pk), audience="lead").count() == 2


def test_the_ladder_escalates_until_the_thing_is_done(cast: Cast, in_process, mailoutbox) -> None:
    deadline = TODAY + dt.timedelta(days=10)
    _check_in_ladder(cast, deadline)

    in_process(dispatch_due, now=_at(deadline - dt.timedelta(days=7)))
    assert [m.to for m in mailoutbox] == [["ada@people.test"]]

    in_process(dispatch_due, now=_at(deadline + dt.timedelta(days=7)))  # on the day, then 7 days overdue
    assert sorted(m.to[0] for m in mailoutbox[1:]) == ["ada@people.test", "admin.a@portal.test", "staff.a@portal.test"]

    ladder_stop(about=cast.recruit_a, kind="pastoral.check_in")  # the check-in happened
    in_process(dispatch_due, now=_at(deadline + dt.timedelta(days=30)))
    assert len(mailoutbox) == 4
    assert not Notification.objects.filter(user=cast.lead_a).exists()
    assert Reminder.objects.get(audience="lead").status == "cancelled"


def test_an_unstopped_ladder_reaches_the_lead_in_the_daily_digest(cast: Cast, in_process, mailoutbox) -> None:
    deadline = TODAY + dt.timedelta(days=1)
    _check_in_ladder(cast, deadline)
    in_process(dispatch_due, now=_at(deadline + dt.timedelta(days=15)))
    lead_copy = Notification.objects.get(user=cast.lead_a)
    assert lead_copy.email_mode == "digest" and lead_copy.email_status == "pending"
    assert "lead.a@portal.test" not in [m.to[0] for m in mailoutbox]


def test_advancing_cancels_only_the_rungs_that_state_makes_unnecessary(cast: Cast) -> None:
    leave_end = TODAY + dt.timedelta(days=50)
    ladder_start(kind="rematch.leave_end", about=cast.recruit_a, deadline=leave_end, region=cast.region_a,
                 owner=cast.staff_a)  # fmt: skip
    assert Reminder.objects.filter(status="scheduled").count() == 6
    assert ladder_advance(about=cast.recruit_a, kind="rematch.leave_end", state="offered") == 2
    left = Reminder.objects.filter(status="scheduled")
    assert {(r.audience, r.recipient_id) for r in left} == {("owner", cast.staff_a.pk)}
    assert left.count() == 4


def test_rescheduling_moves_the_rungs_and_keeps_what_was_sent(cast: Cast, in_process) -> None:
    first = TODAY + dt.timedelta(days=10)
    _check_in_ladder(cast, first)
    in_process(dispatch_due, now=_at(first - dt.timedelta(days=7)))  # the first rung went out
    later = first + dt.timedelta(days=21)
    moved = ladder_reschedule(
        kind="pastoral.check_in", about=cast.recruit_a, deadline=later, region=cast.region_a,
        subject=cast.recruit_user_a, provider=cast.provider_a,
    )  # fmt: skip
    assert len(moved) == 5
    by_status = {
        status: sorted(timezone.localdate(r.deadline) for r in Reminder.objects.filter(status=status))
        for status in ("sent", "scheduled", "cancelled")
    }
    assert by_status == {"sent": [first], "scheduled": [later] * 5, "cancelled": [first] * 4}

    # back to the first date: its cancelled rungs come back, the sent one is not sent again
    again = ladder_reschedule(
        kind="pastoral.check_in", about=cast.recruit_a, deadline=first, region=cast.region_a,
        subject=cast.recruit_user_a, provider=cast.provider_a,
    )  # fmt: skip
    assert sorted(r.status for r in again) == ["scheduled"] * 4 + ["sent"]
    assert Reminder.objects.filter(status="scheduled", deadline__date=later).count() == 0


def test_a_new_owner_gets_the_owner_rungs(cast: Cast) -> None:
    leave_end = TODAY + dt.timedelta(days=50)
    ladder_start(kind="rematch.leave_end", about=cast.recruit_a, deadline=leave_end, region=cast.region_a,
                 owner=cast.staff_a)  # fmt: skip
    ladder_reschedule(kind="rematch.leave_end", about=cast.recruit_a, deadline=leave_end, region=cast.region_a,
                      owner=cast.lead_a)  # fmt: skip
    owners = set(Reminder.objects.filter(status="scheduled", audience="owner").values_list("recipient", flat=True))
    assert owners == {cast.lead_a.pk}


@pytest.mark.parametrize("days_before", [30, 3])
def test_a_reporting_duty_reminds_the_provider_until_it_is_reported(cast: Cast, in_process, mailoutbox,
                                                                    days_before: int) -> None:  # fmt: skip
    duty = duty_record(
        actor=cast.provider_admin_a, provider=cast.provider_a, kind=DutyKind.EMPLOYMENT_ENDED,
        event_date=TODAY - dt.timedelta(days=1), recruit=cast.recruit_a,
    )  # fmt: skip
    reminders = Reminder.objects.filter(object_id=str(duty.pk), kind="providers.duty_due")
    assert {r.audience for r in reminders} >= {"provider", "hub_staff", "lead"}
    in_process(dispatch_due, now=_at(duty.deadline))
    assert "admin.a@portal.test" in [m.to[0] for m in mailoutbox]
    assert all(cast.recruit_a.family_name not in m.body for m in mailoutbox)

    duty_mark_reported(actor=cast.provider_admin_a, duty=duty, reported_on=TODAY)
    sent_before = len(mailoutbox)
    in_process(dispatch_due, now=_at(duty.deadline + dt.timedelta(days=days_before)))
    assert len(mailoutbox) == sent_before
    assert not reminders.filter(status="scheduled").exists()
