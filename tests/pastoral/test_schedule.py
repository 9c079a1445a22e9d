"""The 12-month plan: generation from the hub's schedule, the start with employment, moving a
check-in, schedule changes that leave plans under way alone unless the lead asks, a rematch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pastoral import services
from pastoral.models import CheckInStatus, PastoralPlan, PastoralSettings
from pastoral.schedule import add_months, parse_steps
from recruits.models import RecruitStatus
from recruits.services import recruit_transition
from tests.conftest import Cast
from tests.factories import ProviderFactory

from .builders import plan_for


def test_the_default_schedule_is_week_1_and_months_1_3_6_9_12(cast: Cast) -> None:
    plan = plan_for(cast, start=dt.date(2026, 1, 31))
    dates = [(c.step, c.due_date) for c in plan.check_ins.order_by("due_date")]
    assert dates == [
        ("1w", dt.date(2026, 2, 7)),
        ("1m", dt.date(2026, 2, 28)),  # the 31st becomes the month's last day
        ("3m", dt.date(2026, 4, 30)),
        ("6m", dt.date(2026, 7, 31)),
        ("9m", dt.date(2026, 10, 31)),
        ("12m", dt.date(2027, 1, 31)),
    ]
    assert plan.end_date == dt.date(2027, 1, 31)
    assert plan.hub == cast.hub_a


def test_a_hub_schedule_is_used_for_new_plans(cast: Cast) -> None:
    PastoralSettings.objects.create(region=cast.region_a, hub=cast.hub_a, steps=["2w", "2m", "12m"])
    plan = plan_for(cast, start=dt.date(2026, 3, 1))
    assert [c.label for c in plan.check_ins.order_by("due_date")] == ["Week 2", "Month 2", "Month 12"]


def test_steps_are_checked_and_sorted() -> None:
    assert parse_steps("3m, 1w,1m") == ["1w", "1m", "3m"]
    with pytest.raises(ValidationError, match="outside the 12 months"):
        parse_steps("1m, 13m")
    with pytest.raises(ValidationError, match="not a check-in step"):
        parse_steps("monthly")
    with pytest.raises(ValidationError, match="same day"):
        parse_steps("4w, 28w, 4w")
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_a_plan_starts_when_the_recruit_starts_work(cast: Cast) -> None:
    recruit = cast.recruit_a
    assert recruit.status == RecruitStatus.ARRIVING
    recruit_transition(actor=cast.lead_a, recruit=recruit, to_status=RecruitStatus.EMPLOYED, reason="Started")
    plan = PastoralPlan.objects.get(recruit=recruit)
    assert plan.start_date == timezone.localdate()
    assert plan.check_ins.count() == 6


def test_a_second_plan_is_refused(cast: Cast) -> None:
    plan_for(cast)
    with pytest.raises(ValidationError, match="already has a pastoral plan"):
        plan_for(cast)


def test_changing_the_schedule_leaves_plans_under_way_alone(cast: Cast) -> None:
    plan = plan_for(cast)
    before = list(plan.check_ins.values_list("step", "due_date"))
    changed = services.pastoral_schedule_update(actor=cast.staff_a, hub=cast.hub_a, steps=["2w", "4m"])
    assert changed == 0
    assert list(plan.check_ins.values_list("step", "due_date")) == before


def test_only_the_lead_moves_plans_under_way_and_done_check_ins_stay(cast: Cast) -> None:
    plan = plan_for(cast)
    first = plan.check_ins.get(step="1w")
    services.check_in_record(actor=cast.staff_a, check_in=first, method="call", done_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.pastoral_schedule_update(actor=cast.staff_a, hub=cast.hub_a, steps=["2w", "4m"], apply_to_plans=True)
    assert (
        services.pastoral_schedule_update(actor=cast.lead_a, hub=cast.hub_a, steps=["2w", "4m"], apply_to_plans=True)
        == 1
    )
    rows = {c.step: c.status for c in plan.check_ins.all()}
    assert rows["1w"] == CheckInStatus.DONE  # done: kept
    assert rows["2w"] == rows["4m"] == CheckInStatus.DUE
    assert rows["1m"] == rows["12m"] == CheckInStatus.CANCELLED


def test_a_check_in_moves_within_the_plan(cast: Cast) -> None:
    plan = plan_for(cast)
    check_in = plan.check_ins.get(step="3m")
    new_date = check_in.due_date + dt.timedelta(days=5)
    services.check_in_reschedule(actor=cast.staff_a, check_in=check_in, due_date=new_date)
    check_in.refresh_from_db()
    assert check_in.due_date == new_date
    with pytest.raises(ValidationError, match="within the plan"):
        services.check_in_reschedule(
            actor=cast.staff_a, check_in=check_in, due_date=plan.end_date + dt.timedelta(days=1)
        )
    with pytest.raises(PermissionDenied):
        services.check_in_reschedule(actor=cast.provider_admin_a, check_in=check_in, due_date=new_date)


def test_the_plan_survives_a_rematch_and_open_check_ins_follow_the_new_employer(cast: Cast) -> None:
    recruit = cast.recruit_a
    recruit_transition(actor=cast.lead_a, recruit=recruit, to_status=RecruitStatus.EMPLOYED)
    plan = PastoralPlan.objects.get(recruit=recruit)
    first = plan.check_ins.get(step="1w")
    services.check_in_record(actor=cast.staff_a, check_in=first, method="visit")
    new_provider = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Gamma Care")
    for step in (RecruitStatus.AT_RISK, RecruitStatus.DISPLACED, RecruitStatus.REMATCHED):
        recruit_transition(actor=cast.lead_a, recruit=recruit, to_status=step)
    on = timezone.localdate() + dt.timedelta(days=1)
    recruit_transition(
        actor=cast.lead_a, recruit=recruit, to_status=RecruitStatus.EMPLOYED, new_provider=new_provider, on=on
    )
    assert PastoralPlan.objects.filter(recruit=recruit).count() == 1
    providers = dict(plan.check_ins.values_list("step", "provider__name"))
    assert providers["1w"] == "Alpha Care Ltd"  # done with the old employer
    assert providers["1m"] == providers["12m"] == "Gamma Care"


def test_the_default_schedule_sent_back_writes_no_settings(cast: Cast) -> None:
    services.pastoral_schedule_update(actor=cast.staff_a, hub=cast.hub_a, steps=list(services.DEFAULT_STEPS))
    assert not PastoralSettings.objects.exists()
    services.pastoral_schedule_update(actor=cast.staff_a, hub=cast.hub_a, steps=["2w", "12m"])
    assert PastoralSettings.objects.get().steps == ["2w", "12m"]
