"""Provider risk: each provider of the user's hub regions with its signals and score, in one query.

Every signal is a correlated subquery (a count per provider) built on the owning app's access
queryset, so the same confidentiality and region rules apply as on that app's own pages; the page
shows counts only, never what a concern or check-in says. The rows and the total come back in one
query (the total as a window count), whatever the number of providers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When, Window
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils import timezone

from compliance.access import licence_events_visible_to, register_alerts_visible_to
from compliance.models import AlertStatus, EventKind
from hubs.access import scope_for
from pastoral.access import check_ins_visible_to, concerns_visible_to
from pastoral.models import CheckInStatus, ConcernStatus
from portal.risk.weights import (
    LICENCE_EVENT_WINDOW_DAYS,
    RED_CHECK_IN_WINDOW_DAYS,
    REMATCH_WINDOW_DAYS,
    SIGNALS,
    WEIGHTS,
    Signal,
)
from providers.access import providers_visible_to
from providers.models import LicenceRating, LicenceStatus, Provider
from recruits.access import duties_visible_to
from rematch.access import rematch_requests_visible_to
from rematch.models import Door, RequestReason
from training.models import PlanItem, PlanItemStatus

PAGE_SIZE = 25
NAME = "name"
SCORE = "score"
SORT_KEYS = (SCORE, NAME, *(signal.key for signal in SIGNALS))
DEFAULT_SORT = f"-{SCORE}"


def _count(rows: QuerySet[Any], provider_field: str) -> Combinable:
    """How many of `rows` belong to the outer provider (0 when none)."""
    per_provider = (
        rows.filter(**{provider_field: OuterRef("pk")})
        .order_by()
        .values(provider_field)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(per_provider, output_field=IntegerField()), Value(0))


def _flag(condition: Q) -> Combinable:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def signal_expressions(*, user: Any, today: dt.date) -> dict[str, Combinable]:
    """One expression per signal of weights.SIGNALS, each counting only what `user` may see."""
    now = timezone.now()
    scope = scope_for(user)
    expressions: dict[str, Combinable] = {
        "b_rated": _flag(Q(licence_rating=LicenceRating.B)),
        "licence_lost": _flag(~Q(licence_status=LicenceStatus.ACTIVE)),
        "licence_events": _count(
            licence_events_visible_to(user)
            .filter(event_date__gte=today - dt.timedelta(days=LICENCE_EVENT_WINDOW_DAYS))
            .exclude(kind=EventKind.REINSTATEMENT),
            "provider",
        ),
        "register_alerts": _count(register_alerts_visible_to(user).filter(status=AlertStatus.OPEN), "provider"),
        "red_check_ins": _count(
            check_ins_visible_to(user).filter(
                red=True,
                status=CheckInStatus.DONE,
                done_on__gte=today - dt.timedelta(days=RED_CHECK_IN_WINDOW_DAYS),
                region_id__in=scope.hub_regions,  # `red` is the hub team's alone
            ),
            "provider",
        ),
        "open_concerns": _count(
            concerns_visible_to(user).filter(status__in=[ConcernStatus.OPEN, ConcernStatus.ESCALATED]),
            "recruit__provider",
        ),
        # The worker's own requests: not the employer's (door or on its behalf), nor those a lost
        # licence opened (the licence signals count those already).
        "rematch_requests": _count(
            rematch_requests_visible_to(user)
            .filter(pending=False, created_at__gte=now - dt.timedelta(days=REMATCH_WINDOW_DAYS))
            .exclude(door=Door.PROVIDER)
            .exclude(provider_requested=True)
            .exclude(reason=RequestReason.LICENCE_LOST),
            "provider",
        ),
        "overdue_duties": _count(
            duties_visible_to(user).filter(reported_on__isnull=True, deadline__lt=today), "provider"
        ),
        # Training plan items are the hub team's: the region's own rows (this page is the hub team's).
        "overdue_training": _count(
            PlanItem.objects.filter(
                region_id__in=scope.hub_regions, status=PlanItemStatus.PLANNED, target_date__lt=today
            ),
            "recruit__provider",
        ),
    }
    assert set(expressions) == set(WEIGHTS), "every signal in weights.SIGNALS needs its expression here"
    return expressions


@dataclass(frozen=True)
class RiskRow:
    provider: Provider
    score: int
    cells: list[tuple[Signal, int]]

    @property
    def reasons(self) -> list[tuple[Signal, int, int]]:
        """The signals that make up the score: (signal, value, points), largest first."""
        parts = [(signal, value, value * signal.weight) for signal, value in self.cells if value]
        return sorted(parts, key=lambda part: -part[2])


@dataclass(frozen=True)
class RiskPage:
    items: list[RiskRow]
    number: int
    total: int
    page_size: int
    next_cursor: str | None = None
    previous_cursor: str | None = None
    signals: tuple[Signal, ...] = field(default=SIGNALS)


def parse_sort(value: str | None) -> str:
    key = (value or "").removeprefix("-")
    return value if value and key in SORT_KEYS else DEFAULT_SORT  # type: ignore[return-value]


def provider_risk_page(*, user: Any, sort: str = DEFAULT_SORT, number: int = 1, page_size: int = PAGE_SIZE) -> RiskPage:
    """The providers of the user's hub regions, scored, sorted by `sort` (a key of SORT_KEYS,
    "-" first for descending), page `number` of `page_size`: one query."""
    today = timezone.localdate()
    scope = scope_for(user)
    expressions = signal_expressions(user=user, today=today)
    # Annotated as `risk_<key>`: some keys are also the names of a provider's relations.
    rows = (
        providers_visible_to(user)
        .filter(region_id__in=scope.hub_regions)
        .annotate(**{f"risk_{key}": expression for key, expression in expressions.items()})
    )
    score = sum((expressions[signal.key] * Value(signal.weight) for signal in SIGNALS), Value(0))
    rows = rows.annotate(risk_score=score, risk_total=Window(Count("pk")))
    sort = parse_sort(sort)
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    field = NAME if key == NAME else f"risk_{key}"
    primary = f"-{field}" if descending else field
    order = [primary] if key == NAME else [primary, NAME]
    number = max(1, number)
    start = (number - 1) * page_size
    found = list(rows.select_related("region").order_by(*order, "pk")[start : start + page_size + 1])
    if not found and number > 1:  # past the last page (the list shrank): the first page instead
        return provider_risk_page(user=user, sort=sort, number=1, page_size=page_size)
    total = found[0].risk_total if found else 0
    items = [
        RiskRow(
            provider=p, score=p.risk_score, cells=[(signal, getattr(p, f"risk_{signal.key}")) for signal in SIGNALS]
        )
        for p in found[:page_size]
    ]
    more = len(found) > page_size
    return RiskPage(
        items=items,
        number=number,
        total=total,
        page_size=page_size,
        # The pagination tag's cursors carry the page number (page-number pagination: the sort is on
        # computed scores, so there is no row key to continue from).
        next_cursor=str(number + 1) if more else None,
        previous_cursor=str(number - 1) if number > 1 else None,
    )
