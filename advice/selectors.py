"""Reads of the advice app, always given the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from advice.access import (
    advice_requests_visible_to,
    subscriptions_visible_to,
)
from advice.models import AdviceMessage, AdviceRequest, RequestKind, RequestStatus, Subscription
from hubs.models import Region
from portal.pagination import Page, cursor_row, page_of

PAGE_SIZE = 50


def with_use(subscriptions: QuerySet[Subscription]) -> QuerySet[Subscription]:
    """Each subscription with `used_minutes` (the minutes the hub recorded on its requests), one query."""
    used = (
        AdviceMessage.objects.filter(request__subscription=OuterRef("pk"))
        .order_by()
        .values("request__subscription")
        .annotate(n=Sum("minutes"))
        .values("n")
    )
    return subscriptions.annotate(used_minutes=Coalesce(Subquery(used, output_field=IntegerField()), Value(0)))


@dataclass(frozen=True)
class Balance:
    subscription: Subscription
    used: int

    @property
    def left(self) -> int:
        return max(self.subscription.allowance_minutes - self.used, 0)

    @property
    def over(self) -> int:
        return max(self.used - self.subscription.allowance_minutes, 0)

    @property
    def active(self) -> bool:
        return self.subscription.active_on(timezone.localdate())


def subscription_balances(*, user: Any) -> list[Balance]:
    """The user's subscriptions (all of the region for the hub team) with their use: one query."""
    rows = (
        with_use(subscriptions_visible_to(user))
        .select_related("service", "provider", "local_authority")
        .order_by("-starts_on", "id")[:200]
    )
    return [Balance(row, row.used_minutes) for row in rows]  # type: ignore[attr-defined]


def requests_page(*, user: Any, show: str = "", after: str | None = None) -> Page[AdviceRequest]:
    """The requests the user sees, newest first: `show` "open" (not closed) or "closed"."""
    visible = advice_requests_visible_to(user)
    rows = visible
    if show == "open":
        rows = rows.exclude(status=RequestStatus.CLOSED)
    elif show == "closed":
        rows = rows.filter(status=RequestStatus.CLOSED)
    key = cursor_row(visible, after, "id")
    every = rows
    if key is not None:
        rows = rows.filter(id__lt=key["id"])
    items = list(
        rows.select_related("provider", "local_authority", "about_provider", "subscription__service").order_by("-id")[
            : PAGE_SIZE + 1
        ]
    )
    return page_of(items, PAGE_SIZE, lambda row: row.public_id, count_all=every)


def thread_of(request_row: AdviceRequest) -> list[AdviceMessage]:
    return list(request_row.messages.select_related("author").order_by("at", "id"))


COUNCIL_REQUESTS_LISTED = 50


@dataclass(frozen=True)
class CouncilRequestFigures:
    """The councils' requests of a region in counts (ADASS regional): no names, no content."""

    by_status: list[tuple[str, int]]
    total: int
    latest: list[AdviceRequest]


def council_request_figures(*, region: Region) -> CouncilRequestFigures:
    """One grouped query. The caller has checked that the user reads the region's figures."""
    counts = dict(
        AdviceRequest.objects.filter(region=region, kind=RequestKind.COUNCIL_SUPPORT)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    by_status = [(label, counts.get(value, 0)) for value, label in RequestStatus.choices]
    # The latest requests, each read only for the council that raised it, its urgency, state and
    # dates: never its subject, question, provider or people.
    latest = list(
        AdviceRequest.objects.filter(region=region, kind=RequestKind.COUNCIL_SUPPORT)
        .select_related("local_authority")
        .only("id", "urgency", "status", "raised_at", "first_answer_at", "closed_at", "local_authority__council_name")
        .order_by("-raised_at", "-id")[:COUNCIL_REQUESTS_LISTED]
    )
    return CouncilRequestFigures(by_status=by_status, total=sum(counts.values()), latest=latest)
