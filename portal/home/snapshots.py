"""Figures read every morning, computed at most every few minutes: the national view's table,
each region's figures and charts on the hub team's today page, and the check-in completion rates
of the region's pastoral overview (the last 12 months, by month and by employer).

A Celery beat task (`portal.home.tasks.refresh_figures_task`) recomputes them every
`REFRESH_SECONDS`; a page reads the stored figures while they are younger than `FRESH_FOR`, and
otherwise computes and stores them itself (a fresh install, a stopped beat). The pages say when the
figures were computed ("Figures as of 08:10"). What needs the user today (the work queue) is never
stored: it is read live on every request.

The figures live in the shared cache (Redis, or the database when Redis is down: portal/cache.py),
keyed by what they are about: England, or the set of regions a hub team member works in. Two users
of the same regions see the same figures, since a lead and hub staff of a region see all of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils import timezone

REFRESH_SECONDS = 600.0
FRESH_FOR = dt.timedelta(minutes=15)
VERSION = 1  # bump when the stored shape changes, so old entries are not read


@dataclass(frozen=True)
class Snapshot[T]:
    value: T
    as_of: dt.datetime

    @property
    def fresh(self) -> bool:
        return timezone.now() - self.as_of < FRESH_FOR

    @property
    def label(self) -> str:
        """ "Figures as of 08:10", with the day when it is not today (London time)."""
        local = timezone.localtime(self.as_of)
        day = "" if local.date() == timezone.localdate() else f" on {local.day} {local:%B %Y}"
        return f"Figures as of {local:%H:%M}{day}"


def _stored[T](key: str, compute: Callable[[], T], *, refresh: bool) -> Snapshot[T]:
    if not refresh:
        hit = cache.get(key)
        if isinstance(hit, Snapshot) and hit.fresh:
            return hit
    snapshot = Snapshot(compute(), timezone.now())
    cache.set(key, snapshot, timeout=int(FRESH_FOR.total_seconds() * 2))
    return snapshot


def national_key() -> str:
    return f"figures:v{VERSION}:national"


def _regions(region_ids: Iterable[int]) -> str:
    return "-".join(str(pk) for pk in sorted(region_ids))


def region_key(region_ids: Iterable[int]) -> str:
    return f"figures:v{VERSION}:regions:{_regions(region_ids)}"


def national_figures(*, refresh: bool = False) -> Snapshot[Any]:
    from portal.national import region_table

    return _stored(national_key(), region_table, refresh=refresh)


def region_figures(*, user: Any, region_ids: Iterable[int], refresh: bool = False) -> Snapshot[dict[str, Any]]:
    """The figures and charts of the user's regions (`portal.home.selectors.region_figures`)."""
    from portal.home.selectors import region_figures as compute

    return _stored(region_key(region_ids), lambda: compute(user=user), refresh=refresh)


def pastoral_rates_key(region_ids: Iterable[int]) -> str:
    return f"figures:v{VERSION}:pastoral-rates:{_regions(region_ids)}"


def pastoral_rates(*, user: Any, region_ids: Iterable[int], refresh: bool = False) -> Snapshot[dict[str, Any]]:
    """The pastoral overview's completion rates over all of the user's regions, unfiltered
    (`pastoral.selectors.completion_by_month` and `completion_by_provider`). The overview reads
    them live when it is filtered by employer or hub: a filtered read is small."""
    from pastoral.selectors import Filters, completion_by_month, completion_by_provider

    def compute() -> dict[str, Any]:
        everything = Filters()
        return {
            "by_month": completion_by_month(user=user, filters=everything),
            "by_provider": completion_by_provider(user=user, filters=everything),
        }

    return _stored(pastoral_rates_key(region_ids), compute, refresh=refresh)
