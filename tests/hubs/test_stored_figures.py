"""The today page's and the national view's figures are stored for a few minutes and say when they
were computed; the work queue is always live; a region's figures never reach another region."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.home import snapshots
from portal.home.tasks import refresh_figures_task
from recruits.models import RecruitStatus
from tests.conftest import Cast
from tests.factories import RecruitFactory


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def _displaced(html: str) -> str:
    """The number on the 'displaced' tile of the hub home."""
    import re

    found = re.search(r"(\d+)</span>\s*<span[^>]*>\s*displaced: need a new sponsor", html)
    assert found, "no displaced tile"
    return found.group(1)


def test_the_figures_are_read_from_the_store_until_they_are_stale(cast: Cast, client, monkeypatch) -> None:
    before = _displaced(_home(client, cast.lead_a))
    RecruitFactory.create_batch(2, provider=cast.provider_a, status=RecruitStatus.DISPLACED)
    assert _displaced(_home(client, cast.lead_a)) == before  # stored: as of the first visit
    later = timezone.now() + snapshots.FRESH_FOR + dt.timedelta(seconds=1)
    monkeypatch.setattr(snapshots.timezone, "now", lambda: later)
    assert int(_displaced(_home(client, cast.lead_a))) == int(before) + 2  # stale: computed again


def test_the_page_says_when_the_figures_were_computed(cast: Cast, client) -> None:
    html = _home(client, cast.lead_a)
    now = timezone.localtime()
    assert f"Figures as of {now:%H:%M}" in html or f"Figures as of {now - dt.timedelta(minutes=1):%H:%M}" in html
    assert "Figures as of" in _home(client, cast.national)


def test_an_older_snapshot_names_its_day() -> None:
    as_of = timezone.make_aware(dt.datetime(2026, 12, 3, 8, 10))
    assert snapshots.Snapshot(value=None, as_of=as_of).label == "Figures as of 08:10 on 3 December 2026"


def test_the_work_queue_is_live_while_the_figures_are_stored(cast: Cast, client) -> None:
    from pastoral.services import concern_open

    _home(client, cast.lead_a)
    recruit = RecruitFactory(provider=cast.provider_a, given_names="Zainab")
    concern_open(actor=cast.staff_a, recruit=recruit, source="hub", categories=["pay"], summary="Unpaid hours")
    assert "Zainab" in _home(client, cast.lead_a)  # an open concern without an owner, at once


def test_a_regions_stored_figures_never_reach_another_region(cast: Cast, client) -> None:
    RecruitFactory.create_batch(7, provider=cast.provider_a, status=RecruitStatus.DISPLACED)
    in_a = _displaced(_home(client, cast.lead_a))
    in_b = _displaced(_home(client, cast.lead_b))
    assert int(in_a) >= 7 and in_b != in_a
    assert snapshots.region_key([cast.region_a.pk]) != snapshots.region_key([cast.region_b.pk])


@pytest.mark.django_db
def test_the_task_stores_englands_table_and_each_region_with_a_hub_team(cast: Cast) -> None:
    from django.core.cache import cache

    written = refresh_figures_task()
    assert written == {"national": 1, "regions": 2}  # the cast has a hub team in regions A and B
    for key in (
        snapshots.national_key(),
        snapshots.region_key([cast.region_a.pk]),
        snapshots.region_key([cast.region_b.pk]),
        snapshots.pastoral_rates_key([cast.region_a.pk]),
        snapshots.pastoral_rates_key([cast.region_b.pk]),
    ):
        assert isinstance(cache.get(key), snapshots.Snapshot)
    stored = cache.get(snapshots.national_key()).value
    assert all(
        not isinstance(value, int) or value == 0 or value >= 5  # small counts stay suppressed in the store
        for row in stored.table.rows.values()
        for value in row.values()
    )
