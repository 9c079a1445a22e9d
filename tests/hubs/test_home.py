"""Each role's home page shows real figures, with a fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from providers.models import LicenceStatus
from recruits.duties.services import duty_record
from recruits.models import RecruitStatus
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory


def _figure(html: str, label: str) -> int:
    match = re.search(
        r'portal-figure__number">(\d+)</span><span class="portal-figure__label">' + re.escape(label), html
    )
    assert match, f"no figure labelled {label!r}"
    return int(match.group(1))


def test_the_lead_home_counts_the_region(cast: Cast, client) -> None:
    RecruitFactory.create_batch(3, provider=cast.provider_a, status=RecruitStatus.DISPLACED)
    ProviderFactory(region=cast.region_a, licence_status=LicenceStatus.SUSPENDED)
    RecruitFactory.create_batch(4, provider=cast.provider_b)  # another region: not counted
    client.force_login(cast.lead_a)
    html = client.get(reverse("home")).content.decode()
    assert _figure(html, "recruits on record") == 4
    assert _figure(html, "displaced: need a new sponsor") == 3
    assert _figure(html, "providers") == 2
    assert _figure(html, "suspended licence") == 1
    assert cast.hub_a.name in html and cast.hub_b.name not in html


def test_the_national_home_counts_every_region_without_names(cast: Cast, client) -> None:
    client.force_login(cast.national)
    html = client.get(reverse("home")).content.decode()
    # One recruit and one provider in each of two regions: every count is small, so none is shown
    # (portal/suppression.py; the crafted fixtures are in tests/portal/test_national.py).
    for label in ("recruits", "providers"):
        assert f'portal-figure__number">fewer than 5</span><span class="portal-figure__label">{label}<' in html
    assert cast.recruit_a.family_name not in html and cast.provider_a.name not in html
    # Nine regions and (issue 23) England's total.
    assert html.count('<th scope="row"') == 10
    england = html[html.index(">England<") :].split("</tr>")[0]
    assert england.split("numeric")[2].split("<")[0].endswith(">fewer than 5")  # recruits, all regions


def test_the_council_home_lists_providers_whose_licence_is_not_active(cast: Cast, client) -> None:
    ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Fallen Care", licence_status="revoked")
    client.force_login(cast.council_officer_a)
    html = client.get(reverse("home")).content.decode()
    assert _figure(html, "care providers on record") == 2
    assert "Fallen Care" in html and cast.recruit_a.family_name not in html


def test_the_provider_home_counts_its_own_workers(cast: Cast, client) -> None:
    RecruitFactory.create_batch(2, provider=cast.provider_a, status=RecruitStatus.EMPLOYED)
    client.force_login(cast.provider_admin_a)
    html = client.get(reverse("home")).content.decode()
    assert _figure(html, "recruits registered") == 3
    assert "2 people in your team use the portal" in html
    assert cast.provider_b.name not in html


def test_the_recruit_home_shows_their_employer_and_hub(cast: Cast, client) -> None:
    cast.provider_a.hub = cast.hub_a
    cast.provider_a.save()
    client.force_login(cast.recruit_user_a)
    html = client.get(reverse("home")).content.decode()
    assert "Hello Ada" in html and cast.provider_a.name in html and cast.hub_a.mailbox in html


def _queue_rows(cast: Cast) -> None:
    """Rows for every section of every queue: requests near their leave end, an overdue case with
    steps assigned, concerns with and without owners, a failed reminder."""
    from notifications.models import Reminder
    from notifications.services import reminder_schedule
    from pastoral.services import concern_open
    from rematch.services import rematch_open
    from tests.compliance.builders import revoke

    for n in range(7):
        recruit = RecruitFactory(provider=cast.provider_a, visa_expiry=timezone.localdate() + timedelta(days=20 + n))
        recruit.curtailment_letter_date = timezone.localdate() - timedelta(days=50)
        recruit.save()
        request = rematch_open(actor=cast.staff_a, recruit=recruit, door="provider")
        request.owner = cast.staff_a
        request.save(update_fields=["owner"])
        concern = concern_open(actor=cast.staff_a, recruit=recruit, source="hub", categories=["pay"], summary="x")
        if n % 2:
            concern.owner = cast.staff_a
            concern.save(update_fields=["owner"])
    case = revoke(cast)
    case.steps.update(assignee=cast.staff_a)
    for n in range(3):
        failed = reminder_schedule(recipient_role="council", local_authority=cast.council_a, region=cast.region_a,
                                   kind="pastoral.check_in", about=cast.recruit_a, key=f"fail-{n}",
                                   due_at=timezone.now() - timedelta(hours=n + 1))  # fmt: skip
        Reminder.objects.filter(pk=failed.pk).update(status="failed", last_error="No active recipient")


# The hub homes carry the work queue: one query per section (its first lines with its size). The
# hub team's and the national team's figures are stored for a few minutes (portal/home/snapshots.py):
# (queries when they are computed, queries when they are read from the store).
QUERIES = {
    "lead_a": (22, 14),  # computing: the figures, and four for the region's charts (portal/home/charts.py)
    "staff_a": (21, 13),
    "national": (8, 5),
    "council_officer_a": (11, 11),
    "provider_admin_a": (14, 14),
    "recruit_user_a": (10, 10),
}


def _forget_figures(user) -> None:
    from django.core.cache import cache

    from hubs.access import scope_for
    from portal.home.snapshots import national_key, region_key

    cache.delete_many([national_key(), region_key(scope_for(user).hub_regions)])


@pytest.mark.parametrize("who", list(QUERIES))
def test_home_pages_use_a_fixed_number_of_queries(who: str, cast: Cast, client, django_assert_num_queries) -> None:
    user = getattr(cast, who)
    computed, stored = QUERIES[who]
    client.force_login(user)
    with django_assert_num_queries(computed):
        assert client.get(reverse("home")).status_code == 200
    _queue_rows(cast)
    for region, provider in ((cast.region_a, cast.provider_a), (cast.region_b, cast.provider_b)):
        for _ in range(3):
            ProviderFactory(region=region)
        recruits = RecruitFactory.create_batch(10, provider=provider, flags=["fees_charged"])
        for recruit, days_ago in zip(recruits, (40, 20, 2), strict=False):  # duties on the hub and provider homes
            duty_record(
                actor=None,
                provider=provider,
                kind="employment_ended",
                recruit=recruit,
                event_date=timezone.localdate() - timedelta(days=days_ago),
            )
    with django_assert_num_queries(stored):  # the figures come from the store: the queue is read live
        assert client.get(reverse("home")).status_code == 200
    _forget_figures(user)
    with django_assert_num_queries(computed):  # computed again with more rows: the same number
        assert client.get(reverse("home")).status_code == 200
