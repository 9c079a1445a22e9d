"""Reads for rematch requests, always given the acting user: the triage board and one request.

The board is keyset-paginated on (leave end, id), with requests whose leave end is unknown last,
and runs a fixed number of queries whatever the page size: the band counts (one aggregate), the
cursor row's key on later pages, and the page itself (joined to recruit, provider and owner).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from hubs.access import hubs_visible_to, region_people, scope_for
from hubs.models import Hub
from hubs.roles import Role
from recruits.leave import Clock, clock_for, days_left_text
from recruits.models import Recruit
from rematch.access import rematch_requests_visible_to
from rematch.clock import BANDS, band_of
from rematch.models import OPEN_STATUSES, Door, RematchEvent, RematchRequest, RematchStatus

PAGE_SIZE = 50
BAND_TAGS = {7: "govuk-tag--red", 14: "govuk-tag--orange", 30: "govuk-tag--yellow", 45: "govuk-tag--blue"}
STATUS_TAGS = {
    RematchStatus.NEW: "govuk-tag--light-blue",
    RematchStatus.TRIAGE: "govuk-tag--blue",
    RematchStatus.SEARCHING: "govuk-tag--purple",
    RematchStatus.INTRODUCED: "govuk-tag--turquoise",
    RematchStatus.OFFERED: "govuk-tag--green",
    RematchStatus.PLACED: "govuk-tag--green",
    RematchStatus.CLOSED: "govuk-tag--grey",
}


@dataclass(frozen=True)
class ClockView:
    """The clock as the pages show it."""

    clock: Clock
    days_left: int | None
    band: int | None

    @property
    def text(self) -> str:
        return days_left_text(self.days_left)

    @property
    def band_tag(self) -> str:
        return BAND_TAGS.get(self.band or 0, "govuk-tag--grey")

    @property
    def band_label(self) -> str:
        return f"≤ {self.band} days" if self.band else ("Over 45 days" if self.days_left is not None else "Unknown")

    @property
    def awaiting_letter(self) -> bool:
        return self.clock.letter_date is None


def clock_view(request: RematchRequest, *, today: dt.date | None = None) -> ClockView:
    today = today or timezone.localdate()
    clock = clock_for(letter_date=request.curtailment_letter_date, visa_expiry=request.visa_expiry)
    days = clock.days_left(today)
    return ClockView(clock=clock, days_left=days, band=band_of(days))


def status_tag(status: str) -> str:
    return STATUS_TAGS.get(RematchStatus(status), "govuk-tag--grey")


@dataclass(frozen=True)
class BoardFilters:
    within: int | None = None  # leave ends within N days (one of BANDS)
    status: str = ""
    owner: str = ""  # "me", "none" or ""
    door: str = ""
    pending: bool = False
    search: str = ""

    @property
    def active(self) -> bool:
        return bool(self.within or self.status or self.owner or self.door or self.pending or self.search)


@dataclass(frozen=True)
class BoardRow:
    request: RematchRequest
    clock: ClockView
    status_tag: str


@dataclass
class BoardPage:
    rows: list[BoardRow]
    next_cursor: str | None
    band_counts: dict[str, int] = field(default_factory=dict)
    total: int = 0


def _board_queryset(user: Any, filters: BoardFilters, today: dt.date) -> QuerySet[RematchRequest]:
    requests = rematch_requests_visible_to(user)
    statuses = [filters.status] if filters.status else OPEN_STATUSES
    requests = requests.filter(status__in=statuses)
    requests = requests.filter(pending=filters.pending) if filters.pending else requests
    if filters.within:
        requests = requests.filter(leave_end__lte=today + dt.timedelta(days=filters.within))
    if filters.owner == "me":
        requests = requests.filter(owner_id=scope_for(user).user_id)
    elif filters.owner == "none":
        requests = requests.filter(owner__isnull=True)
    if filters.door:
        requests = requests.filter(door=filters.door)
    for term in filters.search.split()[:5]:
        requests = requests.filter(
            Q(given_names__icontains=term)
            | Q(family_name__icontains=term)
            | Q(recruit__given_names__icontains=term)
            | Q(recruit__family_name__icontains=term)
        )
    return requests


def _band_conditions(today: dt.date) -> dict[str, Q]:
    conditions, lower = {}, None
    for band in BANDS:
        upper = today + dt.timedelta(days=band)
        conditions[f"within_{band}"] = Q(leave_end__lte=upper) & (Q(leave_end__gt=lower) if lower else Q())
        lower = upper
    conditions["later"] = Q(leave_end__gt=lower)
    conditions["unknown"] = Q(leave_end__isnull=True)
    return conditions


def rematch_board(
    *,
    user: Any,
    filters: BoardFilters,
    after: str | None = None,
    page_size: int = PAGE_SIZE,
    today: dt.date | None = None,
) -> BoardPage:
    """Open requests the user may see, the fewest days left first (unknown leave ends last)."""
    from providers.selectors import cursor_row

    today = today or timezone.localdate()
    requests = _board_queryset(user, filters, today)
    counts = requests.aggregate(
        total=Count("id"), **{name: Count("id", filter=cond) for name, cond in _band_conditions(today).items()}
    )
    key = cursor_row(rematch_requests_visible_to(user), after, "leave_end", "id")
    if key is not None and key["leave_end"] is not None:
        requests = requests.filter(
            Q(leave_end__gt=key["leave_end"]) | Q(leave_end=key["leave_end"], id__gt=key["id"]) | Q(leave_end=None)
        )
    elif key is not None:
        requests = requests.filter(leave_end=None, id__gt=key["id"])
    found = list(
        requests.select_related("recruit", "provider", "owner").order_by(F("leave_end").asc(nulls_last=True), "id")[
            : page_size + 1
        ]
    )
    page = found[:page_size]
    rows = [BoardRow(request=r, clock=clock_view(r, today=today), status_tag=status_tag(r.status)) for r in page]
    next_cursor = str(page[-1].public_id) if len(found) > page_size else None
    total = counts.pop("total")
    return BoardPage(rows=rows, next_cursor=next_cursor, band_counts=counts, total=total)


@dataclass(frozen=True)
class ReferralLink:
    hub: Hub
    url: str


def public_referral_links(*, user: Any) -> list[ReferralLink]:
    """The full address of the public self-referral form of each hub in the user's hub regions
    (none for other roles), to put on posters, emails and websites. SITE_URL, not the request's
    host: the address is handed out, so it must be the portal's public name."""
    hubs = hubs_visible_to(user).order_by("region__name", "name")
    return [ReferralLink(hub, public_referral_url(hub)) for hub in hubs]


def public_referral_url(hub: Hub) -> str:
    return settings.SITE_URL + reverse("rematch_public_refer", args=[hub.public_id])


def rematch_timeline(*, request: RematchRequest, include_notes: bool) -> list[RematchEvent]:
    """The request's events, newest first. Outside the hub team (`include_notes` false) only the
    status moves: notes, the door it came in by and the worker's words may be confidential."""
    events = request.timeline.select_related("actor")
    if not include_notes:
        events = events.filter(kind="status")
    return list(events)


def rematch_owner_choices(*, request: RematchRequest) -> QuerySet[User]:
    """Leads and hub staff of the request's region."""
    return region_people(request.region_id, [Role.LEAD, Role.HUB_STAFF])


def open_request_for_recruit(*, user: Any, recruit_id: int) -> RematchRequest | None:
    return (
        rematch_requests_visible_to(user)
        .filter(recruit_id=recruit_id, status__in=OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )


def recruit_record_context(*, recruit: Recruit, user: Any) -> dict[str, Any]:
    """The open request and its clock on the recruit's record and "My details" (registered in
    rematch/apps.py through recruits/hooks.py)."""
    rematch = open_request_for_recruit(user=user, recruit_id=recruit.pk)
    return {"rematch": rematch, "rematch_clock": clock_view(rematch) if rematch else None}


def door_choices() -> list[tuple[str, str]]:
    return list(Door.choices)


def confirm_candidates(*, user: Any, request: RematchRequest, limit: int = 10) -> list[Any]:
    """Records of the region that may be the person behind a public referral: the same family
    name with the same date of birth, email or phone."""
    from recruits.access import recruits_visible_to

    same_person = Q(email__iexact=request.email) if request.email else Q(pk__in=[])
    if request.phone:
        same_person |= Q(phone=request.phone)
    if request.date_of_birth:
        same_person |= Q(date_of_birth=request.date_of_birth)
    recruits = recruits_visible_to(user).filter(region_id=request.region_id)
    if request.family_name:
        recruits = recruits.filter(
            Q(family_name__iexact=request.family_name) & same_person | Q(email__iexact=request.email or "-")
        )
    else:
        recruits = recruits.filter(same_person)
    return list(recruits.select_related("provider").order_by("family_name", "given_names", "id")[:limit])
