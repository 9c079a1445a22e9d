"""Placements and hand-overs: the worker starts with a new sponsor, maybe in another region."""

from __future__ import annotations

import datetime as dt
from collections import deque

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.roles import Role
from notifications.services import reminder_schedule
from providers.access import provider_admins
from providers.eligibility import sponsor_eligibility
from providers.models import Provider
from recruits.duplicates import recruit_merge_duplicate
from recruits.english import english_check
from recruits.models import Recruit, RecruitStatus
from recruits.services import TRANSITIONS as RECRUIT_TRANSITIONS
from recruits.services import recruit_move_region, recruit_transition
from rematch.application import start_date_error
from rematch.models import (
    OPEN_STATUSES,
    EventKind,
    Handover,
    HandoverStatus,
    Introduction,
    IntroductionStatus,
    Outcome,
    RematchEvent,
    RematchRequest,
    RematchStatus,
    Vacancy,
)
from rematch.pool.late_start import late_start_cancel
from rematch.vacancies.services import vacancy_record_placement

PLACED_KIND = "rematch.placed"
HANDOVER_KIND = "rematch.handover"


def _path_to_rematched(status: str) -> list[str]:
    """The recruit machine's shortest path from `status` to rematched (employed, at risk, displaced, rematched)."""
    queue: deque[list[str]] = deque([[status]])
    seen = {status}
    while queue:
        path = queue.popleft()
        if path[-1] == RecruitStatus.REMATCHED:
            return path[1:]
        for step in sorted(RECRUIT_TRANSITIONS[RecruitStatus(path[-1])]):
            if step not in seen and step != RecruitStatus.LEFT:
                seen.add(step)
                queue.append([*path, step])
    raise ValidationError("This recruit's record cannot move to “Rematched”.")


def _notify(*, request: RematchRequest, recruit: Recruit, provider: Provider, region_ids: set[int]) -> None:
    """The leads of the regions concerned, the new employer's administrators and the worker hear
    of the placement through the reminder engine (due now; emails name nobody)."""
    from hubs.models import Region

    now = timezone.now()
    for region in Region.objects.filter(pk__in=region_ids):
        reminder_schedule(recipient_role=Role.LEAD, region=region, kind=PLACED_KIND, about=request, due_at=now)
    for admin in provider_admins(provider):
        reminder_schedule(recipient=admin, region=provider.region, kind=PLACED_KIND, about=request, due_at=now)
    if recruit.user_id is not None:
        reminder_schedule(recipient=recruit.user, region=provider.region, kind=PLACED_KIND, about=request, due_at=now)


@transaction.atomic
def placement_record(
    *,
    actor: User,
    request: RematchRequest,
    provider: Provider,
    start_date: dt.date,
    vacancy: Vacancy | None = None,
    note: str = "",
    application: tuple[dt.date | None, dt.date | None] | None = None,
) -> RematchRequest:
    """Record that the worker starts with `provider`: the old employment ends, the new one starts,
    the record moves to rematched then employed (and to the provider's region, with a hand-over
    note both leads see), the request is placed, and the people concerned are told.

    `application` is (the date the new sponsor assigned the CoS, the date the worker applied) from
    the placement form: a date given is recorded first, with the dates page's checks (rule 8: an
    application after leave ends is refused), and rolls back with the placement if it is refused; a
    date left empty keeps what is recorded (the dates page corrects or removes one).

    Refused, with the reason, when the provider cannot sponsor now. Pastoral plans, training and
    documents stay attached to the recruit, so they travel with them.
    """
    from rematch.services import rematch_transition, rematch_update_dates

    if application is not None:
        cos_assigned_on, visa_applied_on = application
        rematch_update_dates(
            actor=actor,
            request=request,
            letter_date=request.curtailment_letter_date,
            visa_expiry=request.visa_expiry,
            cos_assigned_on=cos_assigned_on or request.cos_assigned_on,
            visa_applied_on=visa_applied_on or request.visa_applied_on,
        )
    request = RematchRequest.objects.select_for_update().get(pk=request.pk)
    if request.recruit_id is None or request.pending:
        raise ValidationError("Confirm the referral before recording a placement.")
    if request.status not in (RematchStatus.INTRODUCED, RematchStatus.OFFERED):
        raise ValidationError(
            f"The request is “{request.get_status_display()}”: introduce the worker to the employer before "
            "recording a placement."
        )
    late = start_date_error(leave_end=request.leave_end, start_date=start_date)
    if late:
        raise ValidationError({"start_date": late})
    eligibility = sponsor_eligibility(provider=provider, on=start_date)
    if not eligibility.eligible:
        raise ValidationError(eligibility.summary)
    if provider.pk == request.provider_id:
        raise ValidationError("Choose the new employer, not the one the worker is leaving.")
    recruit = Recruit.objects.select_for_update().get(pk=request.recruit_id)
    english = english_check(recruit, on=start_date)
    if english is not None and english.refused:
        raise ValidationError(english.message)
    old_region_id = recruit.region_id
    if provider.region_id != old_region_id:
        Handover.objects.create(
            recruit=recruit,
            from_region_id=old_region_id,
            to_region_id=provider.region_id,
            status=HandoverStatus.DONE,
            note=note.strip() or f"Placed with {provider.name} from {start_date:%-d %B %Y}.",
            requested_by=actor,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        recruit_move_region(actor=actor, recruit=recruit, region_id=provider.region_id)
    for step in _path_to_rematched(recruit.status):
        recruit_transition(actor=actor, recruit=recruit, to_status=step, reason="Rematch placement")
        recruit.refresh_from_db()
    recruit_transition(
        actor=actor,
        recruit=recruit,
        to_status=RecruitStatus.EMPLOYED,
        reason=f"Placed by the hub with {provider.name}",
        new_provider=provider,
        on=start_date,
    )
    if request.status == RematchStatus.INTRODUCED:
        rematch_transition(actor=actor, request=request, to_status=RematchStatus.OFFERED, note="Offer accepted")
    rematch_transition(actor=actor, request=request, to_status=RematchStatus.PLACED, note=note)
    RematchRequest.objects.filter(pk=request.pk).update(placed_at=start_date)
    RematchEvent.objects.create(
        request=request,
        actor=actor,
        kind=EventKind.PLACED,
        text=f"With {provider.name} from {start_date:%-d %B %Y}."
        + (" The record moved to the new employer's region." if provider.region_id != old_region_id else "")
        + (f" English: {english.message}" if english is not None else ""),
    )
    late_start_cancel(request=request, provider=provider)
    if vacancy is not None:
        Introduction.objects.filter(request=request, vacancy=vacancy).update(status=IntroductionStatus.PLACED)
        vacancy_record_placement(actor=actor, vacancy=vacancy)
    _notify(request=request, recruit=recruit, provider=provider, region_ids={old_region_id, provider.region_id})
    request.refresh_from_db()
    return request


# -- hand-overs asked for by another region (duplicates across regions) ---------------------------


@transaction.atomic
def handover_request(
    *, actor: User, recruit: Recruit, to_region_id: int, asking_request: RematchRequest | None, note: str = ""
) -> Handover:
    """Another region's hub asks for the record of a worker it also supports."""
    if recruit.region_id == to_region_id:
        raise ValidationError("This record is already in your region.")
    if Handover.objects.filter(recruit=recruit, to_region_id=to_region_id, status=HandoverStatus.REQUESTED).exists():
        raise ValidationError("A hand-over of this person to your region is already waiting for an answer.")
    handover = Handover.objects.create(
        recruit=recruit,
        from_region_id=recruit.region_id,
        to_region_id=to_region_id,
        asking_request=asking_request,
        note=note.strip(),
        requested_by=actor,
    )
    reminder_schedule(
        recipient_role=Role.LEAD, region=recruit.region, kind=HANDOVER_KIND, about=handover, due_at=timezone.now()
    )
    return handover


@transaction.atomic
def handover_decide(*, actor: User, handover: Handover, accept: bool) -> Handover:
    """The lead of the region holding the record accepts (the record moves) or declines."""
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandoverStatus.REQUESTED:
        raise ValidationError("This hand-over is already decided.")
    handover.status = HandoverStatus.ACCEPTED if accept else HandoverStatus.DECLINED
    handover.decided_by, handover.decided_at = actor, timezone.now()
    handover.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        _move_record(actor=actor, handover=handover)
    return handover


def _move_record(*, actor: User, handover: Handover) -> None:
    from rematch.services import rematch_confirm, rematch_transition

    recruit = Recruit.objects.select_for_update().get(pk=handover.recruit_id)
    for request in RematchRequest.objects.filter(
        recruit=recruit, region_id=handover.from_region_id, status__in=OPEN_STATUSES
    ):
        if request.pending:
            continue
        rematch_transition(
            actor=actor,
            request=request,
            to_status=RematchStatus.CLOSED,
            outcome=Outcome.MOVED_REGION,
            note="Handed over to another region's hub.",
        )
    recruit_move_region(actor=actor, recruit=recruit, region_id=handover.to_region_id)
    asking = handover.asking_request
    if asking is not None:
        RematchEvent.objects.create(
            request=asking, actor=actor, kind=EventKind.HANDOVER, text="The other hub handed the record over."
        )
        if asking.pending:
            rematch_confirm(actor=actor, request=asking, recruit=recruit)
        elif asking.recruit_id is not None and asking.recruit_id != recruit.pk:
            _fold_duplicate(actor=actor, asking=asking, into=recruit)


def _fold_duplicate(*, actor: User, asking: RematchRequest, into: Recruit) -> None:
    """The asking region's own record of the person folds into the record handed over
    (`recruit_merge_duplicate`; its rematch requests move across through `requests_follow_merge`),
    and the asking request says whether it was removed or kept for the hub to review."""
    kept_by = recruit_merge_duplicate(actor=actor, duplicate_id=int(asking.recruit_id or 0), into=into)
    if not kept_by:
        text = "Your region's earlier record of this person was merged into the record handed over."
    else:
        text = (
            "Your region's earlier record of this person still holds "
            f"{', '.join(kept_by)}; it is kept for you to review and remove by hand."
        )
    RematchEvent.objects.create(request=asking, actor=actor, kind=EventKind.HANDOVER, text=text)


def requests_follow_merge(*, duplicate: Recruit, into: Recruit) -> None:
    """A duplicate record folds into another (`recruits.hooks.register_duplicate_merging`): its
    rematch requests go with it."""
    RematchRequest.objects.filter(recruit=duplicate).update(recruit=into)
