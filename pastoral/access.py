"""Pastoral support's confidentiality rules (issue 7). Plans and check-in dates are seen by the
region's hub team, the recruit's current employer and the recruit. What the recruit tells the hub
(answers, red flags, concerns) and appointments are the hub team's and the recruit's alone:
NEVER a provider's (DESIGN.md). Visibility follows the recruit's region, so a record handed over
to another region takes its plan along."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hubs.access import Scope, fetch_visible, get_visible_or_404, require_hub_team, scope_for
from pastoral.models import Appointment, Booklet, BookletSection, CheckIn, CheckInAnswers, Concern, PastoralPlan
from recruits.access import get_recruit_for_user
from recruits.models import Recruit


def _pastoral_recruits(scope: Scope, *, providers: bool) -> Q:
    condition = Q(recruit__region_id__in=scope.hub_regions)
    if providers:
        condition |= Q(recruit__provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id)
    return condition


def pastoral_plans_visible_to(user: Any) -> QuerySet[Any]:
    return PastoralPlan.objects.filter(_pastoral_recruits(scope_for(user), providers=True))


def pastoral_plans_editable_by(user: Any) -> QuerySet[Any]:
    return PastoralPlan.objects.filter(recruit__region_id__in=scope_for(user).hub_regions)


def check_ins_visible_to(user: Any) -> QuerySet[Any]:
    """The check-in rows (dates, done or not). Providers get these, never `answers` or `red`:
    views for providers read only the fields in `PROVIDER_CHECK_IN_FIELDS`."""
    plans = PastoralPlan.objects.filter(_pastoral_recruits(scope_for(user), providers=True))
    return CheckIn.objects.filter(plan__in=plans.values("id"))


# What a provider reads of a check-in: dates, done or not, and the employer's own note; never
# `red` or the answers (not even through a template's attribute lookup).
PROVIDER_CHECK_IN_FIELDS = (
    "public_id",
    "step",
    "due_date",
    "status",
    "done_on",
    "method",
    "employer_note",
    "plan_id",
    "provider__name",
    "done_by__name",
)


def may_read_what_recruit_said(user: Any, recruit: Any) -> bool:
    """The hub team of the recruit's region and the recruit: answers, red flags, the help page."""
    scope = scope_for(user)
    return recruit.region_id in scope.hub_regions or recruit.pk == scope.recruit_id


def check_in_answers_visible_to(user: Any) -> QuerySet[Any]:
    """Confidential: the hub team of the recruit's region and the recruit who gave them."""
    scope = scope_for(user)
    condition = Q(check_in__plan__recruit__region_id__in=scope.hub_regions)
    if scope.recruit_id is not None:
        condition |= Q(check_in__plan__recruit_id=scope.recruit_id)
    return CheckInAnswers.objects.filter(condition)


def concerns_visible_to(user: Any) -> QuerySet[Any]:
    """Confidential: the hub team of the recruit's region only."""
    return Concern.objects.filter(recruit__region_id__in=scope_for(user).hub_regions)


def appointments_visible_to(user: Any) -> QuerySet[Any]:
    """The hub team and the recruit (a purpose may be confidential, so never the employer)."""
    return Appointment.objects.filter(_pastoral_recruits(scope_for(user), providers=False))


def booklets_editable_by(user: Any) -> QuerySet[Any]:
    return Booklet.objects.filter(region_id__in=scope_for(user).hub_regions)


# -- One fetch per object kind (404: not visible; 403: visible, not changeable) ----------------


def get_pastoral_recruit_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Recruit:
    """A recruit of the user's hub regions: booklets and appointments are not the employer's, so
    anyone else (the employer included) is answered 404."""
    recruit = get_recruit_for_user(request, public_id, related=related)
    if not scope_for(request.user).is_hub_team(recruit.region_id):
        raise Http404("Not found")
    return recruit


def get_pastoral_plan_for_user(request: Any, recruit: Recruit) -> PastoralPlan:
    return get_visible_or_404(pastoral_plans_visible_to(request.user), recruit=recruit)


def get_check_in_for_user(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> CheckIn:
    return fetch_visible(check_ins_visible_to(request.user), public_id, related=related)


def get_check_in_for_user_rw(request: Any, public_id: Any) -> CheckIn:
    """A check-in the user moves: the hub team of the recruit's region (403 for the employer and recruit)."""
    check_in = get_check_in_for_user(request, public_id, related=["plan__recruit"])
    require_hub_team(request, check_in.plan.recruit.region_id, "Check-ins are moved by the hub team.")
    return check_in


def get_concern_for_user(request: Any, public_id: Any) -> Concern:
    """Confidential: the hub team of the recruit's region only (404 for everyone else)."""
    return fetch_visible(
        concerns_visible_to(request.user), public_id, related=["recruit__provider", "owner", "check_in"]
    )


def get_appointment_for_user(request: Any, public_id: Any) -> Appointment:
    return fetch_visible(appointments_visible_to(request.user), public_id, related=["recruit"])


def get_appointment_for_user_rw(request: Any, public_id: Any, *, refusal: str) -> Appointment:
    """An appointment the user changes or closes: the hub team (403 for the recruit, who sees it)."""
    appointment = get_appointment_for_user(request, public_id)
    require_hub_team(request, appointment.recruit.region_id, refusal)
    return appointment


def get_booklet_for_user_rw(request: Any, public_id: Any, *, related: Iterable[str] = ()) -> Booklet:
    return fetch_visible(booklets_editable_by(request.user), public_id, related=related)


def get_booklet_section_for_user_rw(request: Any, public_id: Any) -> BookletSection:
    """A section of a draft (not a published version) of a booklet the user writes."""
    visible = BookletSection.objects.filter(booklet__in=booklets_editable_by(request.user), version__isnull=True)
    return fetch_visible(visible, public_id, related=["booklet"])
