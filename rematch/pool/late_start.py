"""The 28-day late-start step for a worker hired from the pool (DOMAIN.md, "Sponsor reporting
duties"): a worker's start is due within 28 days (dated figure `start_due_days`) of the latest of
the CoS start, the visa's valid-from date and the grant date; a worker who has not started by then
must be reported to UKVI within 10 working days ("worker did not start").

The portal records the vacancy's start date (the CoS start) and the day of the hire, not the
visa's dates, so the start is due within the figure's days of the later of those two. When the
day passes without a placement with the hiring provider, its administrators and the region's lead
are reminded that the provider must report it by the duty's deadline. The pool request stays
closed: DOMAIN.md does not reopen it, and its history is evidence (the hub can shortlist the
worker again through a new request).
"""

from __future__ import annotations

import datetime as dt

from hubs.roles import Role
from notifications.ladders import deadline_moment
from notifications.services import reminder_cancel_for, reminder_schedule
from portal.policy import policy_value
from providers.models import Provider
from recruits.duties.models import DutyKind
from recruits.duties.rules import duty_deadline
from rematch.clock import reminder_time
from rematch.models import CandidateOutcome, PoolRequest, PoolStatus, RematchRequest

LATE_START_KIND = "pool.late_start"


def start_due_by(*, cos_start: dt.date, hired_on: dt.date) -> dt.date:
    """The last day the worker can start: the figure's days after the later of the CoS start and the hire."""
    start = max(cos_start, hired_on)
    return start + dt.timedelta(days=policy_value("start_due_days", on=start))


def late_start_schedule(*, pool: PoolRequest, cos_start: dt.date, hired_on: dt.date) -> dt.date:
    """On the day after the start was due: the provider's administrators and the region's lead
    are reminded, with the deadline of the "did not start" report. Returns the day it is due."""
    late_on = start_due_by(cos_start=cos_start, hired_on=hired_on) + dt.timedelta(days=1)
    deadline = deadline_moment(duty_deadline(DutyKind.DID_NOT_START, late_on))
    due_at = reminder_time(late_on)
    provider = Provider.objects.select_related("region").get(pk=pool.provider_id)
    reminder_schedule(
        recipient_role=Role.PROVIDER_ADMIN,
        provider=provider,
        region=provider.region,
        kind=LATE_START_KIND,
        about=pool,
        due_at=due_at,
        deadline=deadline,
    )
    reminder_schedule(
        recipient_role=Role.LEAD, region=pool.region, kind=LATE_START_KIND, about=pool, due_at=due_at, deadline=deadline
    )
    return late_on


def late_start_cancel(*, request: RematchRequest, provider: Provider) -> None:
    """The worker started with the provider that hired them from the pool: nothing to report."""
    pools = PoolRequest.objects.filter(
        provider=provider,
        status=PoolStatus.HIRED,
        candidates__outcome=CandidateOutcome.HIRED,
        candidates__introduction__request=request,
    )
    for pool in pools:
        reminder_cancel_for(about=pool, kind=LATE_START_KIND)
