"""The recruit pages: list with filters and keyset pages, the record's tabs, register, edit, status, My details."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from hubs.models import Agency
from hubs.roles import Role
from hubs.services import role_grant
from recruits.models import Employment, Flag, Recruit, RecruitStatus, StatusChange
from recruits.services import recruit_transition
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory, user_with_role

# The hot pages run under the N+1 guard (tests/performance/n_plus_one.py).
pytestmark = pytest.mark.usefixtures("n_plus_one_guard")

LIST = reverse("recruit_list")
REGISTER = reverse("recruit_register")
MY_DETAILS = reverse("recruit_my_details")


def detail(recruit: Recruit, tab: str = "") -> str:
    url = reverse("recruit_detail", kwargs={"public_id": recruit.public_id})
    return f"{url}?tab={tab}" if tab else url


def edit(recruit: Recruit) -> str:
    return reverse("recruit_edit", kwargs={"public_id": recruit.public_id})


def transition(recruit: Recruit) -> str:
    return reverse("recruit_transition", kwargs={"public_id": recruit.public_id})


def names_on(response) -> list[str]:
    """The recruits' names in the list's table, in order."""
    return re.findall(r'href="/recruits/[0-9a-f-]{36}/">([^<]+)</a>', response.content.decode())


def links(response, rel: str) -> str | None:
    match = re.search(rf'href="\?([^"]*)" rel="{rel}"', response.content.decode())
    return match.group(1).replace("&amp;", "&") if match else None


# -- the list ---------------------------------------------------------------------------------


def test_the_lead_lists_their_region_only(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.get(LIST)
    assert response.status_code == 200
    assert names_on(response) == ["Adeyemi, Ada"]
    assert "Bankole" not in response.content.decode()


def test_a_provider_admin_lists_their_own_providers_recruits(cast: Cast, client) -> None:
    neighbour = ProviderFactory(region=cast.region_a, name="Neighbour Care")
    RecruitFactory(provider=neighbour, given_names="Nia", family_name="Neighbour")
    client.force_login(cast.provider_admin_a)
    own = client.get(LIST)
    assert names_on(own) == ["Adeyemi, Ada"]
    assert ">Provider</th>" not in own.content.decode(), "one provider: no provider column"
    client.force_login(cast.staff_a)
    region = client.get(LIST)
    assert names_on(region) == ["Adeyemi, Ada", "Neighbour, Nia"]
    assert ">Provider</th>" in region.content.decode() and "Neighbour Care" in region.content.decode()


@pytest.mark.parametrize("who", ["national", "council_officer_a"])
def test_national_and_council_officers_get_no_recruit_list(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(LIST).status_code == 404
    assert client.get(REGISTER).status_code == 404


def test_a_recruit_is_sent_to_their_own_details(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    assert client.get(LIST)["Location"] == MY_DETAILS
    assert client.get(detail(cast.recruit_a))["Location"] == MY_DETAILS
    assert client.get(REGISTER).status_code == 404


def test_the_list_shows_country_names_visa_days_and_flags(cast: Cast, client) -> None:
    RecruitFactory(
        provider=cast.provider_a,
        family_name="Okoro",
        nationality="NG",
        visa_expiry=date.today() + timedelta(days=12),
        flags=[Flag.RED_LIST_AGENCY],
    )
    client.force_login(cast.lead_a)
    page = client.get(LIST).content.decode()
    assert "Nigeria" in page and "12 days left" in page
    assert "Code of Practice</strong>" in page
    assert escape(Flag.RED_LIST_AGENCY.label) in page


def _filter(client, **params) -> list[str]:
    return names_on(client.get(LIST, params))


def test_the_filters_narrow_the_list(cast: Cast, client) -> None:
    other = ProviderFactory(region=cast.region_a, name="Other Care")
    today = date.today()
    RecruitFactory(provider=other, family_name="Abara", nationality="NG", status=RecruitStatus.DISPLACED)
    RecruitFactory(provider=cast.provider_a, family_name="Baker", nationality="PH", visa_expiry=today + timedelta(45))
    RecruitFactory(provider=cast.provider_a, family_name="Chen", flags=[Flag.FEES_CHARGED])
    RecruitFactory(provider=cast.provider_a, family_name="Diaz", flags=[Flag.UNLISTED_AGENCY])
    RecruitFactory(provider=cast.provider_a, family_name="Expired", visa_expiry=today - timedelta(days=2))
    client.force_login(cast.lead_a)

    assert [n.split(",")[0] for n in _filter(client, status="displaced")] == ["Abara"]
    assert [n.split(",")[0] for n in _filter(client, provider=str(other.public_id))] == ["Abara"]
    assert [n.split(",")[0] for n in _filter(client, nationality="PH")] == ["Baker"]
    assert [n.split(",")[0] for n in _filter(client, flag="any")] == ["Chen", "Diaz"]
    assert [n.split(",")[0] for n in _filter(client, flag=Flag.FEES_CHARGED)] == ["Chen"]
    assert [n.split(",")[0] for n in _filter(client, visa="30")] == []
    assert [n.split(",")[0] for n in _filter(client, visa="60")] == ["Baker"]
    assert [n.split(",")[0] for n in _filter(client, q="ade")] == ["Adeyemi"]
    assert [n.split(",")[0] for n in _filter(client, q="ada adey")] == ["Adeyemi"]
    # An invalid filter value is ignored, not an error page.
    assert len(_filter(client, status="nonsense", visa="7")) == 6


def test_nationality_choices_are_the_nationalities_present(cast: Cast, client) -> None:
    RecruitFactory(provider=cast.provider_a, nationality="NG")
    RecruitFactory(provider=cast.provider_b, nationality="ZW")
    client.force_login(cast.lead_a)
    page = client.get(LIST).content.decode()
    select = re.search(r'<select[^>]*name="nationality".*?</select>', page, re.S)
    assert select is not None
    assert '<option value="NG">Nigeria</option>' in select.group(0)
    assert "ZW" not in select.group(0), "a nationality only present in another region leaks into the filter"


def _nationalities_offered(client) -> tuple[list[tuple[str, str]], int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.status_code == 200
    return list(response.context["form"].fields["nationality"].choices), len(queries)


def test_the_hub_teams_nationalities_come_from_the_cache_for_five_minutes(cast: Cast, client) -> None:
    RecruitFactory(provider=cast.provider_a, nationality="PH")
    client.force_login(cast.lead_a)
    first, first_queries = _nationalities_offered(client)
    RecruitFactory(provider=cast.provider_a, nationality="ZW")
    second, second_queries = _nationalities_offered(client)
    assert second == first and ("PH", "Philippines") in second
    assert second_queries == first_queries - 1  # no DISTINCT over the region's recruits
    assert ("ZW", "Zimbabwe") not in second, "a nationality new to the region waits for the cache to expire"
    assert "Zimbabwe" in client.get(LIST).content.decode()  # the list itself is live


def test_a_providers_nationalities_stay_live(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    first, first_queries = _nationalities_offered(client)
    RecruitFactory(provider=cast.provider_a, nationality="ZW")
    second, second_queries = _nationalities_offered(client)
    assert second == [*first, ("ZW", "Zimbabwe")] and second_queries == first_queries


def test_a_hub_member_who_also_works_for_a_provider_elsewhere_sees_both_nationalities(cast: Cast, client) -> None:
    RecruitFactory(provider=cast.provider_b, nationality="ZW")
    both = user_with_role(Role.HUB_STAFF, cast.region_a)
    role_grant(user=both, role=Role.PROVIDER_STAFF, scope_object=cast.provider_b)
    client.force_login(cast.lead_a)
    assert ("ZW", "Zimbabwe") not in _nationalities_offered(client)[0]  # the region's menu, now cached
    client.force_login(both)
    assert ("ZW", "Zimbabwe") in _nationalities_offered(client)[0]


def test_providers_filter_is_for_the_hub_team_only(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    page = client.get(LIST).content.decode()
    assert 'name="provider"' not in page
    # A forged provider filter does not widen a provider admin's list.
    neighbour = ProviderFactory(region=cast.region_a)
    RecruitFactory(provider=neighbour, family_name="Hidden")
    assert "Hidden" not in client.get(LIST, {"provider": str(neighbour.public_id)}).content.decode()


def rows_on(response) -> list[tuple[str, str]]:
    """(public id, name) of each row of the list's table, in order."""
    return re.findall(r'href="/recruits/([0-9a-f-]{36})/">([^<]+)</a>', response.content.decode())


def _walk(client, direction: str, start: str = "") -> list[tuple[str, str]]:
    """Follow the "Next" (or "Previous") links from a page to the end, collecting rows in walking order."""
    seen: list[tuple[str, str]] = []
    query: str | None = start
    pages = 0
    while query is not None:
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200
        rows = rows_on(response)
        assert 0 < len(rows) <= 50
        seen.extend(rows if direction == "next" else reversed(rows))
        query = links(response, direction)
        pages += 1
        assert pages < 20
    return seen


def test_keyset_pages_show_every_recruit_exactly_once(cast: Cast, client) -> None:
    # Shared family and given names make the id the tie-breaker on page boundaries.
    for i in range(120):
        RecruitFactory(provider=cast.provider_a, family_name=f"Surname{i % 7}", given_names=f"Given{i % 3}")
    RecruitFactory(provider=cast.provider_b, family_name="Surname0")  # another region: never listed
    expected = [
        str(public_id)
        for public_id in Recruit.objects.filter(region=cast.region_a)
        .order_by("family_name", "given_names", "id")
        .values_list("public_id", flat=True)
    ]
    assert len(expected) == 121
    client.force_login(cast.lead_a)

    forward = [public_id for public_id, _name in _walk(client, "next")]
    assert len(forward) == len(set(forward)) == 121, "a recruit shows twice or is missing"
    assert forward == expected, "pages are not in (family name, given names, id) order"

    # From the last page back to the first through the "Previous" links.
    last_query = links(client.get(LIST), "next")
    while (following := links(client.get(f"{LIST}?{last_query}"), "next")) is not None:
        last_query = following
    backward = [public_id for public_id, _name in _walk(client, "prev", last_query or "")]
    assert list(reversed(backward)) == expected


def test_keyset_pages_keep_the_filters(cast: Cast, client) -> None:
    for i in range(60):
        RecruitFactory(provider=cast.provider_a, family_name=f"Filtered{i:02d}", status=RecruitStatus.AT_RISK)
    RecruitFactory(provider=cast.provider_a, family_name="Filtered99", status=RecruitStatus.EMPLOYED)
    client.force_login(cast.lead_a)
    seen = [name for _id, name in _walk(client, "next", "status=at_risk")]
    assert len(seen) == 60 and not any(name.startswith("Filtered99") for name in seen)


def _list_queries(client, params: str = "") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{LIST}?{params}")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["lead_a", "provider_admin_a"])
def test_the_list_runs_a_fixed_number_of_queries(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    _list_queries(client)  # the hub team's first request fills the cache of nationalities
    small = _list_queries(client)
    small_filtered = _list_queries(client, "flag=any&status=employed")
    providers = [ProviderFactory(region=cast.region_a) for _ in range(3)]
    for i in range(60):
        RecruitFactory(
            provider=cast.provider_a if i % 2 else providers[i % 3],
            nationality=["NG", "PH", "IN"][i % 3],
            flags=[Flag.FEES_CHARGED] if i % 4 == 0 else [],
            status=RecruitStatus.EMPLOYED,
            visa_expiry=date.today() + timedelta(days=i),
        )
    assert _list_queries(client) == small
    assert _list_queries(client, "flag=any&status=employed") == small_filtered
    cursor = Recruit.objects.filter(provider=cast.provider_a).order_by("family_name").first()
    assert cursor is not None
    assert _list_queries(client, f"after={cursor.public_id}") == small + 1  # the cursor's key, once


# -- the record -------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["profile", "immigration", "employment", "documents", "history"])
@pytest.mark.parametrize("who", ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a"])
def test_every_tab_renders_for_the_people_who_may_see_it(tab: str, who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    response = client.get(detail(cast.recruit_a, tab))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        'aria-current="page">'
        + dict(
            profile="Profile",
            immigration="Immigration and checks",
            employment="Employment",
            documents="Documents",
            history="History",
        )[tab]
        in page
    )


@pytest.mark.parametrize("who", ["national", "council_officer_a", "provider_admin_b", "lead_b", "recruit_user_b"])
def test_people_outside_the_record_get_404(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    for tab in ("profile", "immigration", "history"):
        assert client.get(detail(cast.recruit_a, tab)).status_code == 404


def test_another_provider_of_the_same_region_gets_404(cast: Cast, client) -> None:
    neighbour = ProviderFactory(region=cast.region_a)
    admin = user_with_role(Role.PROVIDER_ADMIN, neighbour)
    client.force_login(admin)
    assert client.get(detail(cast.recruit_a)).status_code == 404
    assert client.get(edit(cast.recruit_a)).status_code == 404
    assert client.post(transition(cast.recruit_a), {"to_status": "left", "reason": "x"}).status_code == 404


SENSITIVE = {"passport_number": "PZ9876543", "cos_reference": "C4X9Q2W7E1", "dbs_date": date(2025, 2, 3)}


def _with_sensitive_details(recruit: Recruit) -> Recruit:
    Recruit.objects.filter(pk=recruit.pk).update(**SENSITIVE, dbs_status="clear", dbs_barred_list_checked=True)
    recruit.refresh_from_db()
    return recruit


def test_the_record_shows_sensitive_details_to_those_who_may_see_them(cast: Cast, client) -> None:
    _with_sensitive_details(cast.recruit_a)
    client.force_login(cast.provider_staff_a)
    profile = client.get(detail(cast.recruit_a, "profile")).content.decode()
    immigration = client.get(detail(cast.recruit_a, "immigration")).content.decode()
    assert "PZ9876543" in profile
    assert "C4X9Q2W7E1" in immigration and "3 February 2025" in immigration and "Checked" in immigration


@pytest.mark.parametrize("tab", ["_tab_profile", "_tab_immigration"])
def test_the_tabs_leave_out_sensitive_details_for_anyone_else(tab: str, cast: Cast) -> None:
    """Today everyone who can open a record may also see its sensitive details (`can_see_sensitive`
    and `recruits_visible_to` agree); the templates are still checked on their own, so that a
    future reader of the record (a former employer, say) cannot see them by accident."""
    recruit = _with_sensitive_details(cast.recruit_a)
    html = render_to_string(f"recruits/{tab}.html", {"recruit": recruit, "sensitive": False})
    for value in ("PZ9876543", "C4X9Q2W7E1", "3 February 2025", "Clear"):
        assert value not in html
    assert "Only the hub team, the current employer and the recruit see this" in html
    shown = render_to_string(f"recruits/{tab}.html", {"recruit": recruit, "sensitive": True})
    assert ("PZ9876543" in shown) or ("C4X9Q2W7E1" in shown)


def test_the_header_shows_the_code_of_practice_flags(cast: Cast, client) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(flags=[Flag.RED_LIST_AGENCY, Flag.FEES_CHARGED])
    client.force_login(cast.staff_a)
    page = client.get(detail(cast.recruit_a, "history")).content.decode()
    assert 'id="code-of-practice-flags"' in page
    assert escape(Flag.RED_LIST_AGENCY.label) in page and escape(Flag.FEES_CHARGED.label) in page


def test_the_nmc_section_is_for_nurses(cast: Cast, client) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(
        job_role="nurse", nmc_pin="12A3456E", nmc_cbt_passed=True, osce_attempts=2, osce_date=date(2026, 3, 4)
    )
    client.force_login(cast.lead_a)
    page = client.get(detail(cast.recruit_a, "immigration")).content.decode()
    assert "Nursing registration (NMC)" in page and "2 of 3" in page and "4 March 2026" in page
    assert "NMC PIN" in page and "12A3456E" in page
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(job_role="care_worker")
    assert "Nursing registration (NMC)" not in client.get(detail(cast.recruit_a, "immigration")).content.decode()


def test_the_employment_tab_lists_employers_and_status_changes(cast: Cast, client) -> None:
    Employment.objects.create(recruit=cast.recruit_a, provider=cast.provider_a, start_date=date(2025, 1, 6))
    recruit_transition(actor=cast.staff_a, recruit=cast.recruit_a, to_status="employed", reason="Started on the rota")
    client.force_login(cast.provider_admin_a)
    page = client.get(detail(cast.recruit_a, "employment")).content.decode()
    assert "Alpha Care Ltd" in page and "6 Jan 2025" in page
    assert "Arriving to Employed" in page and "Started on the rota" in page
    assert cast.staff_a.name in page


def test_the_history_tab_names_changed_fields_and_who_without_old_values(cast: Cast, client) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(passport_number="OLD111222", nationality="GH")
    client.force_login(cast.lead_a)
    data = _form_data(cast.recruit_a, passport_number="NEW333444", phone="07700 900123")
    response = client.post(edit(cast.recruit_a), data)
    assert response.status_code == 302, _errors(response)
    page = client.get(detail(cast.recruit_a, "history")).content.decode()
    history = page[page.index('id="history"') :]
    assert "Passport number" in history and "Phone" in history
    assert cast.lead_a.name in history
    assert "OLD111222" not in page and "NEW333444" not in history


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("tab", ["profile", "immigration", "employment", "documents", "history"])
def test_each_tab_runs_a_fixed_number_of_queries(tab: str, cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    assert client.post(edit(cast.recruit_a), _form_data(cast.recruit_a, phone="07700 900000")).status_code == 302
    before = _count(client, detail(cast.recruit_a, tab))
    other = ProviderFactory(region=cast.region_a)
    for year in range(2015, 2022):
        Employment.objects.create(
            recruit=cast.recruit_a, provider=other, start_date=date(year, 1, 1), end_date=date(year, 12, 1)
        )
    for i, step in enumerate(["employed", "at_risk", "displaced", "rematched"]):
        actor = [cast.lead_a, cast.staff_a, cast.provider_admin_a, cast.provider_staff_a][i]
        recruit_transition(actor=actor, recruit=cast.recruit_a, to_status=step, reason=step)
    # History events by several people (each edit through a page carries its author).
    for i, editor in enumerate([cast.staff_a, cast.provider_admin_a, cast.provider_staff_a, cast.lead_a]):
        client.force_login(editor)
        response = client.post(edit(cast.recruit_a), _form_data(cast.recruit_a, phone=f"07700 90000{i + 1}"))
        assert response.status_code == 302
    assert _count(client, detail(cast.recruit_a, tab)) == before


# -- register and edit ------------------------------------------------------------------------


def _form_data(recruit: Recruit | None = None, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "given_names": "Chidi",
        "family_name": "Okafor",
        "nationality": "IN",
        "job_role": "care_worker",
        "visa_route": "health_and_care",
        "dbs_status": "not_started",
        "overseas_crc": "not_obtained",
        "recruitment_channel": "direct",
        "osce_attempts": "0",
    }
    if recruit is not None:
        recruit.refresh_from_db()
        data.update(
            given_names=recruit.given_names,
            family_name=recruit.family_name,
            nationality=recruit.nationality or "IN",
            passport_number=recruit.passport_number,
            email=recruit.email,
        )
    data.update(overrides)
    return data


def _errors(response) -> list[str]:
    return re.findall(r'class="govuk-error-message"><span[^>]*>Error:</span> ([^<]+)<', response.content.decode())


def test_a_provider_admin_registers_a_recruit_for_their_provider(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    form_page = client.get(REGISTER).content.decode()
    assert 'name="employer"' not in form_page and "Alpha Care Ltd" in form_page
    response = client.post(REGISTER, _form_data(passport_number="p 123 456", date_of_birth="1995-04-03"))
    assert response.status_code == 302, _errors(response)
    recruit = Recruit.objects.get(family_name="Okafor")
    assert response["Location"] == detail(recruit)
    assert recruit.provider == cast.provider_a and recruit.region == cast.region_a
    assert recruit.passport_number == "P123456" and recruit.date_of_birth == date(1995, 4, 3)
    assert "Okafor, Chidi" in names_on(client.get(LIST))


def test_a_red_list_nationality_through_an_agency_is_saved_with_a_flag(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    data = _form_data(nationality="NG", recruitment_channel="other_agency", agency_name_other="Fast Visas Ltd")
    response = client.post(REGISTER, data, follow=True)
    assert response.status_code == 200
    recruit = Recruit.objects.get(family_name="Okafor")
    assert Flag.RED_LIST_AGENCY in recruit.flags and Flag.UNLISTED_AGENCY in recruit.flags
    page = response.content.decode()
    assert "Code of Practice</strong>" in page
    assert escape(Flag.RED_LIST_AGENCY.label) in page and escape(Flag.UNLISTED_AGENCY.label) in page


def test_the_hub_team_chooses_a_provider_of_their_region(cast: Cast, client) -> None:
    ProviderFactory(region=cast.region_a, name="Gamma Care Ltd")
    client.force_login(cast.staff_a)
    page = client.get(REGISTER).content.decode()
    assert 'name="employer"' in page and "Alpha Care Ltd" in page and "Beta Care Ltd" not in page
    refused = client.post(REGISTER, _form_data(employer=str(cast.provider_b.public_id)))
    assert refused.status_code == 200 and not Recruit.objects.filter(family_name="Okafor").exists()
    assert "Choose one of the providers in the list" in _errors(refused)
    response = client.post(REGISTER, _form_data(employer=str(cast.provider_a.public_id)))
    assert response.status_code == 302
    assert Recruit.objects.get(family_name="Okafor").provider == cast.provider_a


def test_a_start_date_employs_the_recruit(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    start = date.today() - timedelta(days=2)
    client.post(REGISTER, _form_data(start_date=start.isoformat()))
    recruit = Recruit.objects.get(family_name="Okafor")
    assert recruit.status == RecruitStatus.EMPLOYED
    assert Employment.objects.get(recruit=recruit).start_date == start


def test_an_empty_form_says_what_to_fill_in(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = client.post(REGISTER, {})
    errors = _errors(response)
    assert "Enter the given names as written in the passport" in errors
    assert "Enter the family name as written in the passport" in errors
    assert "Choose the recruit&#x27;s nationality" in errors
    assert "Choose how they were recruited" in errors
    assert not [error for error in errors if "This field" in error], errors
    assert "There is a problem" in response.content.decode()
    assert not Recruit.objects.filter(provider=cast.provider_a).exclude(pk=cast.recruit_a.pk).exists()


def test_the_agency_list_is_the_regions_own(cast: Cast, client) -> None:
    ours = Agency.objects.create(region=cast.region_a, name="Midlands Ethical Staffing")
    theirs = Agency.objects.create(region=cast.region_b, name="Northern Agency")
    client.force_login(cast.provider_admin_a)
    page = client.get(REGISTER).content.decode()
    assert ours.name in page and theirs.name not in page
    forged = client.post(REGISTER, _form_data(recruitment_channel="approved_agency", agency=theirs.pk))
    assert forged.status_code == 200 and not Recruit.objects.filter(agency=theirs).exists()
    response = client.post(REGISTER, _form_data(recruitment_channel="approved_agency", agency=ours.pk))
    assert response.status_code == 302
    assert Recruit.objects.get(family_name="Okafor").flags == []


def test_editing_saves_the_record_and_recomputes_flags(cast: Cast, client) -> None:
    client.force_login(cast.provider_staff_a)
    form_page = client.get(edit(cast.recruit_a)).content.decode()
    assert 'value="Ada"' in form_page
    response = client.post(
        edit(cast.recruit_a), _form_data(cast.recruit_a, candidate_fees="450", visa_expiry="2027-05-31")
    )
    assert response.status_code == 302, _errors(response)
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.flags == [Flag.FEES_CHARGED] and cast.recruit_a.visa_expiry == date(2027, 5, 31)
    # The saved date comes back in the form's day, month and year boxes.
    page = client.get(edit(cast.recruit_a)).content.decode()
    for box, value in (("day", "31"), ("month", "5"), ("year", "2027")):
        assert f'name="visa_expiry_{box}" type="text" inputmode="numeric" value="{value}"' in page


def test_a_recruit_may_read_but_not_write_their_record(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    for url in (edit(cast.recruit_a), transition(cast.recruit_a)):
        assert client.get(url).status_code == 403
        assert client.post(url, _form_data(cast.recruit_a, to_status="left", reason="x")).status_code == 403
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.status == RecruitStatus.ARRIVING


# -- status changes ---------------------------------------------------------------------------


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S)
    assert select is not None
    return [v for v in re.findall(r'<option value="([^"]*)"', select.group(0)) if v]


def test_only_the_allowed_moves_are_offered(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    page = client.get(transition(cast.recruit_a)).content.decode()
    assert _options(page, "to_status") == ["employed", "left"]
    assert 'name="new_provider"' not in page


def test_a_forged_illegal_move_shows_the_state_machines_reason(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    response = client.post(transition(cast.recruit_a), {"to_status": "displaced", "reason": "Forged"})
    assert response.status_code == 200
    errors = _errors(response)
    assert any("can only move to" in error and "Displaced" in error for error in errors), errors
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.status == RecruitStatus.ARRIVING and not StatusChange.objects.exists()
    garbage = client.post(transition(cast.recruit_a), {"to_status": "on_the_moon", "reason": "x"})
    assert garbage.status_code == 200 and not StatusChange.objects.exists()


def test_a_status_change_is_recorded_with_who_and_why(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = client.post(transition(cast.recruit_a), {"to_status": "employed", "reason": "First shift done"})
    assert response.status_code == 302
    assert response["Location"] == detail(cast.recruit_a, "employment")
    change = StatusChange.objects.get(recruit=cast.recruit_a)
    assert (change.from_status, change.to_status, change.actor) == ("arriving", "employed", cast.provider_admin_a)
    page = client.get(transition(cast.recruit_a)).content.decode()
    assert "First shift done" in page and cast.provider_admin_a.name in page
    assert _options(page, "to_status") == ["at_risk", "left"]


def test_the_nmc_pin_is_added_and_edited_on_the_form(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    assert 'name="nmc_pin"' in client.get(REGISTER).content.decode()
    refused = client.post(REGISTER, _form_data(nmc_pin="12A3456E"))
    assert "Only nurses have an NMC PIN" in " ".join(_errors(refused))
    response = client.post(REGISTER, _form_data(job_role="nurse", nmc_pin="12a3456e"))
    assert response.status_code == 302, _errors(response)
    nurse = Recruit.objects.get(family_name="Okafor")
    assert nurse.nmc_pin == "12A3456E"
    response = client.post(edit(nurse), _form_data(nurse, job_role="nurse", nmc_pin="98L7654O"))
    assert response.status_code == 302, _errors(response)
    nurse.refresh_from_db()
    assert nurse.nmc_pin == "98L7654O"
    assert nurse.events.order_by("pgh_id").last().nmc_pin == "98L7654O", "the PIN is in the audit history"


def test_a_rematched_recruit_starts_with_a_new_employer(cast: Cast, client) -> None:
    for step in ("employed", "at_risk", "displaced", "rematched"):
        recruit_transition(actor=cast.lead_a, recruit=cast.recruit_a, to_status=step)
    new_home = ProviderFactory(region=cast.region_a, name="New Home Care")
    client.force_login(cast.staff_a)
    page = client.get(transition(cast.recruit_a)).content.decode()
    assert str(new_home.public_id) in page and str(cast.provider_b.public_id) not in page
    missing = client.post(transition(cast.recruit_a), {"to_status": "employed", "reason": "Placed"})
    assert "Choose the new employer the recruit starts with" in _errors(missing)
    response = client.post(
        transition(cast.recruit_a),
        {"to_status": "employed", "reason": "Placed", "new_provider": str(new_home.public_id)},
    )
    assert response.status_code == 302
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.provider == new_home and cast.recruit_a.status == RecruitStatus.EMPLOYED
    assert Employment.objects.get(recruit=cast.recruit_a, end_date__isnull=True).provider == new_home


def test_a_record_that_has_left_offers_no_move(cast: Cast, client) -> None:
    recruit_transition(actor=cast.lead_a, recruit=cast.recruit_a, to_status="left", reason="Went home")
    client.force_login(cast.lead_a)
    page = client.get(transition(cast.recruit_a)).content.decode()
    assert "cannot change status" in page and 'name="to_status"' not in page
    forged = client.post(transition(cast.recruit_a), {"to_status": "employed", "reason": "x"})
    assert "has left; a record that has left cannot change status" in forged.content.decode()
    assert StatusChange.objects.filter(recruit=cast.recruit_a).count() == 1


# -- My details -------------------------------------------------------------------------------


def test_a_recruit_sees_their_own_record_with_their_passport(cast: Cast, client) -> None:
    _with_sensitive_details(cast.recruit_a)
    client.force_login(cast.recruit_user_a)
    response = client.get(MY_DETAILS)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Adeyemi" in page and "PZ9876543" in page and "C4X9Q2W7E1" in page
    assert 'name="email"' in page and 'name="family_name"' not in page


@pytest.mark.parametrize("who", ["lead_a", "provider_admin_a", "national"])
def test_my_details_is_for_recruits_only(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(MY_DETAILS).status_code == 404


def test_a_recruit_changes_their_contact_details_and_it_is_audited(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    response = client.post(
        MY_DETAILS,
        {
            "email": "ada.new@people.test",
            "phone": "07700 900456",
            "address": "1 New Street\nBirmingham",
            "postcode": "b1  1aa",
            "family_name": "Forged",
            "given_names": "Forged",
            "status": "left",
            "passport_number": "FORGED1",
            "provider": str(cast.provider_b.pk),
        },
    )
    assert response.status_code == 302
    recruit = Recruit.objects.get(pk=cast.recruit_a.pk)
    assert (recruit.email, recruit.phone, recruit.postcode) == ("ada.new@people.test", "07700 900456", "B1 1AA")
    assert (recruit.given_names, recruit.family_name, recruit.status) == ("Ada", "Adeyemi", RecruitStatus.ARRIVING)
    assert recruit.passport_number == "" and recruit.provider == cast.provider_a
    event = Recruit.pgh_event_model.objects.filter(pgh_obj=recruit).order_by("-pgh_id").first()  # type: ignore[attr-defined]
    assert event.email == "ada.new@people.test"
    assert event.pgh_context.metadata["user"] == cast.recruit_user_a.pk


def test_a_bad_email_is_explained(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    response = client.post(MY_DETAILS, {"email": "not-an-email"})
    assert "Enter an email address in the correct format, like name@example.org" in _errors(response)
