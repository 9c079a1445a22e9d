"""The Hubs page: a national user sees every region's hubs; a lead those of their region (issue 23)."""

from __future__ import annotations

from django.urls import reverse


def test_a_national_user_sees_every_hub_by_region_without_links_to_regional_pages(cast, client) -> None:
    client.force_login(cast.national)
    page = client.get(reverse("hub_list")).content.decode()
    assert "Hubs by region" in page and "No hubs are set up" not in page
    for hub in (cast.hub_a, cast.hub_b):
        assert hub.name in page and hub.region.name in page
        assert reverse("hub_detail", args=[hub.public_id]) not in page


def test_a_lead_sees_the_hubs_of_their_region_with_links(cast, client) -> None:
    client.force_login(cast.lead_a)
    page = client.get(reverse("hub_list")).content.decode()
    assert reverse("hub_detail", args=[cast.hub_a.public_id]) in page
    assert cast.hub_b.name not in page
