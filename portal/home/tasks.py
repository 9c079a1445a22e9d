"""Recompute the stored figures (portal/home/snapshots.py) before anyone waits for them."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from hubs.access import region_people, scope_for
from hubs.models import Region
from hubs.roles import Role
from portal.home import snapshots


def _reader_of(region: Region) -> Any:
    """A lead or hub officer of this region and of no other, whose scope the figures are read with
    (the figures are keyed by the reader's regions, so a reader of several would store the wrong set)."""
    for user in region_people(region.pk, [Role.LEAD, Role.HUB_STAFF]).iterator():
        if scope_for(user).hub_regions == frozenset({region.pk}):
            return user
    return None


@shared_task(name="portal.home.tasks.refresh_figures_task")
def refresh_figures_task() -> dict[str, int]:
    """England's table, then each region's figures and pastoral rates (regions without a lead or hub
    staff are skipped: nobody reads them). Returns how many regions were written."""
    snapshots.national_figures(refresh=True)
    written = 0
    for region in Region.objects.order_by("code"):
        reader = _reader_of(region)
        if reader is not None:
            snapshots.region_figures(user=reader, region_ids=[region.pk], refresh=True)
            snapshots.pastoral_rates(user=reader, region_ids=[region.pk], refresh=True)
            written += 1
    return {"national": 1, "regions": written}
