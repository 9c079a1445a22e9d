"""The provider list: who sees which providers, search and filters, keyset pages, fixed queries."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from providers.models import LicenceStatus
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory, council_in

# The hot pages run under the N+1 guard (tests/performance/n_plus_one.py).
pytestmark = pytest.mark.usefixtures("n_plus_one_guard")

URL = "/providers/"


def _names(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/providers/[0-9a-f-]{36}/">([^<]+)</a>', html)


def _next_after(html: str) -> str | None:
    match = re.search(r'href="\?([^"]*)" rel="next"', html)
    if not match:
        return None
    return parse_qs(match.group(1).replace("&amp;", "&"))["after"][0]


def test_the_url_is_providers() -> None:
    assert reverse("provider_list") == URL


def test_the_lead_sees_the_providers_of_their_region_only(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    html = client.get(URL).content.decode()
    assert cast.provider_a.name in html and cast.provider_b.name not in html


def test_hub_staff_see_their_region(cast: Cast, client) -> None:
    client.force_login(cast.staff_b)
    html = client.get(URL).content.decode()
    assert _names(html) == [cast.provider_b.name]


def test_a_council_officer_sees_their_area_read_only(cast: Cast, client) -> None:
    other_council = cast.region_a.local_authorities.exclude(id=cast.council_a.id).first()
    ProviderFactory(region=cast.region_a, local_authority=other_council, name="Elsewhere Care")
    client.force_login(cast.council_officer_a)
    html = client.get(URL).content.decode()
    assert _names(html) == [cast.provider_a.name]
    assert "Add a provider" not in html


@pytest.mark.parametrize("who", ["provider_admin_a", "provider_staff_a", "recruit_user_a", "national"])
def test_other_roles_cannot_open_the_list(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(URL).status_code == 403


def test_it_shows_council_licence_tags_recruit_count_and_hub(cast: Cast, client) -> None:
    cast.provider_a.hub = cast.hub_a
    cast.provider_a.licence_status, cast.provider_a.licence_rating = LicenceStatus.SUSPENDED, "B"
    cast.provider_a.save()
    RecruitFactory.create_batch(4, provider=cast.provider_a)
    client.force_login(cast.lead_a)
    html = client.get(URL).content.decode()
    row = html[html.index(cast.provider_a.name) :].split("</tr>")[0]
    assert cast.council_a.name in row and cast.hub_a.short_name in row
    assert 'govuk-tag govuk-tag--orange">Suspended' in row and 'govuk-tag--yellow">B-rated' in row
    assert re.search(r"govuk-table__cell--numeric\">5<", row), row  # recruit_a plus 4


def test_search_by_name_or_either_cqc_id(cast: Cast, client) -> None:
    ProviderFactory(region=cast.region_a, name="Oakfield House", cqc_provider_id="1-101641287", cqc_location_id="")
    ProviderFactory(region=cast.region_a, name="Riverside", cqc_location_id="1-1000210669")
    client.force_login(cast.lead_a)
    assert _names(client.get(URL, {"q": "oakfield"}).content.decode()) == ["Oakfield House"]
    assert _names(client.get(URL, {"q": "1-101641287"}).content.decode()) == ["Oakfield House"]
    assert _names(client.get(URL, {"q": "1000210669"}).content.decode()) == ["Riverside"]


def test_filters_by_licence_status_and_council(cast: Cast, client) -> None:
    other_council = cast.region_a.local_authorities.exclude(id=cast.council_a.id).first()
    ProviderFactory(region=cast.region_a, name="Revoked Care", licence_status=LicenceStatus.REVOKED)
    ProviderFactory(region=cast.region_a, local_authority=other_council, name="Other Council Care")
    client.force_login(cast.lead_a)
    assert _names(client.get(URL, {"status": "revoked"}).content.decode()) == ["Revoked Care"]
    html = client.get(URL, {"council": str(other_council.public_id)}).content.decode()
    assert _names(html) == ["Other Council Care"]
    # A council of another region is not offered and filters nothing.
    foreign = council_in(cast.region_b)
    html = client.get(URL, {"council": str(foreign.public_id)}).content.decode()
    assert cast.provider_b.name not in html and str(foreign.public_id) not in html


def test_keyset_pages_list_every_provider_exactly_once(cast: Cast, client) -> None:
    # Duplicate names on purpose: the id breaks ties, so none is skipped or repeated.
    for n in range(119):
        ProviderFactory(region=cast.region_a, name=f"Care Home {n % 40:02d}")
    client.force_login(cast.staff_a)
    names: list[str] = []
    ids: list[str] = []
    params: dict[str, str] = {}
    pages = 0
    while True:
        html = client.get(URL, params).content.decode()
        page_names = _names(html)
        assert len(page_names) <= 50
        names += page_names
        ids += re.findall(r'href="/providers/([0-9a-f-]{36})/"', html)
        pages += 1
        after = _next_after(html)
        if after is None:
            break
        params["after"] = after
    assert pages == 3 and len(ids) == 120 and len(set(ids)) == 120
    assert names == sorted(names)  # name order across pages
    assert "120 providers" in html


def test_keyset_pages_give_each_id_once(cast: Cast, client) -> None:
    created = {str(ProviderFactory(region=cast.region_a, name="Same Name").public_id) for _ in range(120)}
    client.force_login(cast.lead_a)
    seen: list[str] = []
    params: dict[str, str] = {"q": "Same Name"}
    while True:
        html = client.get(URL, params).content.decode()
        seen += re.findall(r'href="/providers/([0-9a-f-]{36})/"', html)
        after = _next_after(html)
        if after is None:
            break
        params["after"] = after
    assert len(seen) == 120 and set(seen) == created


def test_the_next_link_keeps_the_filters(cast: Cast, client) -> None:
    ProviderFactory.create_batch(51, region=cast.region_a, licence_status=LicenceStatus.SUSPENDED)
    client.force_login(cast.lead_a)
    html = client.get(URL, {"status": "suspended"}).content.decode()
    query = parse_qs(urlparse(re.search(r'href="(\?[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")).query)
    assert query["status"] == ["suspended"] and "after" in query


def test_the_cursor_is_a_public_id_and_a_foreign_or_bad_one_gives_the_first_page(cast: Cast, client) -> None:
    ProviderFactory.create_batch(50, region=cast.region_a, name="Zeta Care")
    client.force_login(cast.lead_a)
    after = _next_after(client.get(URL).content.decode())
    assert after is not None and re.fullmatch(r"[0-9a-f-]{36}", after)
    for bad in ["not-a-uuid", "1", str(cast.provider_b.public_id)]:  # the last: another region's provider
        html = client.get(URL, {"after": bad}).content.decode()
        assert _names(html)[0] == cast.provider_a.name, bad


def test_the_list_runs_a_fixed_number_of_queries(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    for _ in range(60):
        provider = ProviderFactory(region=cast.region_a, hub=cast.hub_a)
        RecruitFactory.create_batch(2, provider=provider)
    with CaptureQueriesContext(connection) as large:
        html = client.get(URL).content.decode()
    assert len(_names(html)) == 50
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    with CaptureQueriesContext(connection) as next_page:
        assert client.get(URL, {"after": _next_after(html)}).status_code == 200
    assert len(next_page) == len(small) + 1  # the cursor row's sort key
    assert not any("OFFSET" in q["sql"] for q in large.captured_queries + next_page.captured_queries)
