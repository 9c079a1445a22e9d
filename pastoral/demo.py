"""Demo pastoral support: a published welcome booklet for every demo hub, and pastoral plans with
done, due and overdue check-ins, one red check-in with its concern, and an appointment for the
demo recruit. Called once from `demo.seed.demo_seed`; running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from hubs.models import Hub
from pastoral import booklet as booklets
from pastoral import services
from pastoral.models import CheckInStatus, PastoralPlan
from pastoral.views import hub_team
from recruits.models import Employment, Recruit, RecruitStatus
from recruits.services import recruit_set_leave_dates

PLANS_PER_REGION = 10
CALM = {
    "feeling": "good",
    "pay_as_promised": "yes",
    "deductions": "no",
    "hours_cut": "no",
    "housing_tied": "no",
    "documents_kept": "no",
    "feel_safe": "yes",
    "anything_else": "",
    "wants_call": False,
}
RED = {
    **CALM,
    "feeling": "not_good",
    "deductions": "yes",
    "documents_kept": "yes",
    "anything_else": "My manager keeps my passport and takes £200 a month for the visa.",
    "wants_call": True,
}


@transaction.atomic
def seed_pastoral() -> int:
    """Returns the number of plans created."""
    created = 0
    for hub in Hub.objects.order_by("region_id", "name"):
        actor = hub_team(hub.region_id).first()
        if actor is None:
            continue
        booklet = booklets.booklet_create(actor=actor, hub=hub)
        if not booklet.versions.exists():
            booklets.booklet_publish(actor=actor, booklet=booklet, note="First edition")
    regions = Hub.objects.values_list("region_id", flat=True).distinct()
    for region_id in regions:
        actor = hub_team(region_id).first()
        if actor is None:
            continue
        created += _plans_in(region_id, actor)
    return created


def _plans_in(region_id: int, actor: Any) -> int:
    today = timezone.localdate()
    employed = (
        Recruit.objects.filter(region_id=region_id, status=RecruitStatus.EMPLOYED, pastoral_plan__isnull=True)
        .select_related("provider", "user")
        .order_by("user_id", "family_name", "id")
    )
    created = 0
    for n, recruit in enumerate(employed[:PLANS_PER_REGION]):
        start = (
            Employment.objects.filter(recruit=recruit)
            .order_by("start_date")
            .values_list("start_date", flat=True)
            .first()
        )
        if recruit.user_id is not None or start is None:
            start = today - dt.timedelta(days=35)  # the demo recruit: week 1 done, month 1 overdue
        if recruit.user_id is not None and recruit.visa_expiry is None:
            recruit_set_leave_dates(
                actor=actor,
                recruit_id=recruit.pk,
                letter_date=recruit.curtailment_letter_date,
                visa_expiry=today + dt.timedelta(days=900),
            )
        plan = services.pastoral_plan_start(actor=actor, recruit=recruit, start_date=start, contact=actor)
        created += 1
        _check_ins_done(plan, actor, red=(n == 1), leave_overdue=(n % 3 == 0))
        if recruit.user_id is not None:
            services.appointment_book(
                actor=actor,
                recruit=recruit,
                data={
                    "starts_at": timezone.make_aware(
                        dt.datetime.combine(today + dt.timedelta(days=6), dt.time(10, 30))
                    ),
                    "minutes": 30,
                    "purpose": "Getting to know your hub",
                    "place": "",
                    "video_link": "https://meet.example.org/irhub-welcome",
                },
            )
    return created


def _check_ins_done(plan: PastoralPlan, actor: Any, *, red: bool, leave_overdue: bool) -> None:
    today = timezone.localdate()
    due = list(plan.check_ins.filter(status=CheckInStatus.DUE, due_date__lte=today).order_by("due_date"))
    if leave_overdue and due:
        due = due[:-1]  # the latest one stays overdue
    for k, check_in in enumerate(due):
        answers = RED if red and k == len(due) - 1 else CALM
        done_on = min(check_in.due_date + dt.timedelta(days=2), today)
        services.check_in_record(actor=actor, check_in=check_in, method="call", done_on=done_on, answers=dict(answers))
