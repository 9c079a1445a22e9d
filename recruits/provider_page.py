"""What recruits/ adds to the provider pages (providers/panels.py, registered in `RecruitsConfig`):
the recruits on record by status, the button to record a reporting duty and the open duties,
and the list's count of recruits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from hubs.access import scope_for
from providers.models import Provider
from providers.panels import Column, Panel
from recruits.duties.selectors import provider_open_duties
from recruits.models import Recruit, RecruitStatus


def recruit_count() -> Coalesce:
    # A correlated subquery rather than JOIN + GROUP BY: PostgreSQL evaluates it for the rows
    # of the page only, after ORDER BY and LIMIT.
    counts = (
        Recruit.objects.filter(provider_id=OuterRef("pk"))
        .order_by()
        .values("provider_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


RECRUIT_COUNT = Column(name="recruit_count", header="Recruits", expression=recruit_count, numeric=True)


def provider_recruit_counts(*, provider: Provider) -> dict[str, int]:
    counts = {status.value: 0 for status in RecruitStatus}
    for row in Recruit.objects.filter(provider=provider).values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def provider_page_panels(user: Any, provider: Provider) -> Iterator[Panel]:
    counts = provider_recruit_counts(provider=provider)
    yield Panel(
        "sections",
        10,
        "recruits/provider_page/_recruits.html",
        {
            "recruit_counts": [(status.label, counts[status.value]) for status in RecruitStatus],
            "recruit_total": sum(counts.values()),
        },
    )
    # Duties name workers: the region's hub team and the provider's own people (duties_visible_to).
    scope = scope_for(user)
    if scope.is_hub_team(provider.region_id) or scope.is_provider_user(provider.pk):
        yield Panel("actions", 20, "recruits/duties/_provider_action.html")
        yield Panel(
            "sections", 20, "recruits/duties/_provider_duties.html", {"duties": provider_open_duties(provider=provider)}
        )
