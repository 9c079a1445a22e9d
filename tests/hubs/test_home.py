"""Each role's home page shows real figures, with a fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    assert _figure(html, "recruits") == 2 and _figure(html, "providers") == 2
    assert cast.recruit_a.family_name not in html and cast.provider_a.name not in html
    assert html.count('<th scope="row"') == 9


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


@pytest.mark.parametrize(
    "who", ["lead_a", "staff_a", "national", "council_officer_a", "provider_admin_a", "recruit_user_a"]
)
def test_home_pages_use_a_fixed_number_of_queries(who: str, cast: Cast, client) -> None:
    user = getattr(cast, who)
    client.force_login(user)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("home")).status_code == 200
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
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("home")).status_code == 200
    assert len(large) == len(small) and len(small) <= 16, [q["sql"] for q in large.captured_queries]
