"""The frame of every page (issue 23 items 4 and 5): the menu of each role, its current item, the
footer's public pages, and the recruit registration form in sections with common countries first."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from recruits.models import Recruit
from tests.conftest import Cast
from tests.forms.values import form_values

MENU = re.compile(
    r'<li class="govuk-service-navigation__item[^"]*"><a class="govuk-service-navigation__link" href="([^"]+)"'
    r"([^>]*)>(?:<strong[^>]*>)?([^<]+)"
)
ROLES = [
    "national",
    "lead_a",
    "staff_a",
    "council_officer_a",
    "adass_a",
    "provider_admin_a",
    "provider_staff_a",
    "recruit_user_a",
]


def menu(html: str) -> list[tuple[str, str, str]]:
    """(address, label, aria-current or "") of each menu link."""
    found = []
    for url, attrs, label in MENU.findall(html):
        current = re.search(r'aria-current="([^"]+)"', attrs)
        found.append((url, label, current.group(1) if current else ""))
    return found


@pytest.mark.parametrize("who", ROLES)
def test_every_menu_link_opens_for_the_role(who: str, cast: Cast, client: Client) -> None:
    client.force_login(getattr(cast, who))
    items = menu(client.get(reverse("home")).content.decode())
    assert items and items[0][1] == "Home"
    for url, label, _current in items:
        response = client.get(url, follow=True)  # "My training" redirects to the recruit's own plan
        assert response.status_code == 200, f"{who}: {label} ({url}) answered {response.status_code}"


def test_the_national_menu_reaches_every_figures_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.national)
    labels = [label for _url, label, _ in menu(client.get(reverse("home")).content.decode())]
    assert labels == [
        "Home",
        "Trends",
        "Hubs",
        "Rematching figures",
        "Training figures",
        "Good practice",
        "Monitoring returns",
    ]


@pytest.mark.parametrize(
    ("who", "url", "expected"),
    [
        ("staff_a", "/training/recruits/{recruit}/plan/", "Recruits"),
        ("lead_a", "/training/recruits/{recruit}/development-plan/", "Recruits"),
        ("staff_a", "/training/", "Training"),
        ("staff_a", "/training/pastoral/", "Pastoral"),
        ("provider_admin_a", "/recruits/import/", "Import"),
        ("provider_admin_a", "/recruits/{recruit}/", "Recruits"),
        ("recruit_user_a", "/training/plan/", "My training"),
        ("recruit_user_a", "/training/recruits/{recruit}/plan/", "My training"),
        ("national", "/practice/", "Good practice"),
        ("national", "/rematch/report/", "Rematching figures"),
        ("national", "/returns/glossary/", "Monitoring returns"),
        ("lead_a", "/returns/", "Monitoring returns"),
    ],
)
def test_the_current_item_is_the_section_of_the_page(
    who: str, url: str, expected: str, cast: Cast, client: Client
) -> None:
    client.force_login(getattr(cast, who))
    response = client.get(url.format(recruit=cast.recruit_a.public_id), follow=True)
    assert response.status_code == 200
    current = [(label, how) for _url, label, how in menu(response.content.decode()) if how]
    assert [label for label, _ in current] == [expected]


def test_the_menu_is_a_service_navigation_with_a_menu_button(cast: Cast, client: Client) -> None:
    client.force_login(cast.staff_a)
    html = client.get(reverse("home")).content.decode()
    assert 'data-module="govuk-service-navigation"' in html
    # Without JavaScript the button stays hidden and the list shows; GOV.UK's script shows the button.
    assert re.search(r'<button type="button" class="govuk-service-navigation__toggle[^"]*"[^>]* hidden', html)
    assert 'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Home</strong>' in html


# -- the footer's pages ------------------------------------------------------------------------

PAGES = {
    "about_accessibility": ["Compliance status", "Enforcement procedure", "Reporting accessibility problems"],
    "about_privacy": ["Special category", "lawful basis", "The access log", "How long we keep it", "Your rights"],
    "about_cookies": ["Essential cookies", "sessionid", "csrftoken"],
    "about_contact": ["Help with the portal", "Modern Slavery"],
}


@pytest.mark.parametrize("name", PAGES)
def test_the_footer_pages_are_public_and_say_what_they_must(name: str, client: Client, db: None) -> None:
    home = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse(name)}"' in home, "the footer links the page"
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.content.decode()
    for words in PAGES[name]:
        assert words in page, words
    assert settings.PORTAL_CONTACT_EMAIL in page or name == "about_cookies"


def test_the_contact_details_come_from_settings(client: Client, settings, db: None) -> None:
    settings.PORTAL_OPERATOR = "The Test Partnership"
    settings.PORTAL_CONTACT_EMAIL = "help@partnership.test"
    settings.PORTAL_CONTACT_PHONE = "0121 000 0000"
    page = client.get(reverse("about_contact")).content.decode()
    assert "help@partnership.test" in page and "0121 000 0000" in page and "The Test Partnership" in page


def test_the_cookies_page_names_every_cookie_the_portal_sets(cast: Cast, client: Client) -> None:
    """Sign in, register a recruit (a form, so CSRF, and a confirmation message): every cookie set
    on the way is on the cookies page."""
    set_cookies: set[str] = set()
    login = client.get(reverse("account_login"))
    set_cookies |= set(login.cookies)
    response = client.post(
        reverse("account_login"), {"login": cast.provider_admin_a.email, "password": "wrong password"}
    )
    set_cookies |= set(response.cookies)
    client.force_login(cast.provider_admin_a)
    set_cookies |= set(client.cookies)
    page = client.get(reverse("recruit_register"))
    values = form_values(page.content.decode(), having="nationality")
    values.update(given_names="Grace", family_name="Mensah", nationality="GH")
    response = client.post(reverse("recruit_register"), values)
    assert response.status_code == 302
    set_cookies |= set(response.cookies)
    listed = client.get(reverse("about_cookies")).content.decode()
    assert set_cookies, "the walk set no cookie at all"
    for name in set_cookies:
        assert f"<code>{name}</code>" in listed, name


def test_the_mfa_wall_lets_anyone_read_the_footer_pages(client: Client, db: None) -> None:
    from hubs.roles import Role
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.NATIONAL, None, mfa=False))
    assert client.get(reverse("about_privacy")).status_code == 200


# -- the registration form ---------------------------------------------------------------------

SECTIONS = ["Personal details", "Contact details", "Job", "Immigration", "Right to work and checks"]


@pytest.mark.parametrize("who", ["provider_admin_a", "staff_a"])
def test_registration_round_trip_with_common_countries_first(who: str, cast: Cast, client: Client) -> None:
    client.force_login(getattr(cast, who))
    page = client.get(reverse("recruit_register")).content.decode()
    for title in SECTIONS:
        assert f'<h2 class="govuk-fieldset__heading">{title}</h2>' in page
    select = page[page.index('name="nationality"') : page.index("</select>", page.index('name="nationality"'))]
    assert 'data-module="portal-country-autocomplete"' in select
    common = select[select.index('<optgroup label="Common">') : select.index("</optgroup>")]
    assert re.findall(r'value="([A-Z]{2})"', common)[:6] == ["IN", "NG", "ZW", "PH", "GH", "KE"]
    assert select.count('value="IN"') == 1, "each country once"
    assert '<optgroup label="All countries">' in select and 'value="FR"' in select
    # Dates are GOV.UK day, month and year boxes, never a browser date picker.
    assert 'type="date"' not in page
    assert 'name="date_of_birth_day"' in page and 'name="visa_expiry_year"' in page

    values = form_values(page, having="nationality")
    values.update(
        given_names="Grace",
        family_name="Mensah",
        nationality="GH",
        date_of_birth_day="1",
        date_of_birth_month="11",
        date_of_birth_year="1990",
    )
    if "employer" in values:
        values["employer"] = str(cast.provider_a.pk)
    response = client.post(reverse("recruit_register"), values)
    assert response.status_code == 302, response.content.decode()[:3000]
    recruit = Recruit.objects.get(given_names="Grace", family_name="Mensah")
    assert recruit.nationality == "GH"
    assert recruit.date_of_birth.isoformat() == "1990-11-01"


def test_registration_without_a_nationality_asks_for_one(cast: Cast, client: Client) -> None:
    client.force_login(cast.provider_admin_a)
    values = form_values(client.get(reverse("recruit_register")).content.decode(), having="nationality")
    values.update(given_names="Grace", family_name="Mensah")
    response = client.post(reverse("recruit_register"), values)
    assert response.status_code == 200
    assert "Choose the recruit&#x27;s nationality" in response.content.decode()
    assert not Recruit.objects.filter(family_name="Mensah").exists()


def test_a_page_under_more_marks_more_without_opening_it_over_the_page(cast: Cast, client: Client) -> None:
    """Opened, the "More" list would cover the first lines of the page: it stays closed and is
    marked as the current section instead."""
    client.force_login(cast.lead_a)
    html = client.get(reverse("agency_list")).content.decode()
    assert re.search(r'portal-nav__more govuk-service-navigation__item--active">\s*(\{#.*?#\}\s*)?<details', html, re.S)
    assert '<details class="portal-nav__details">' in html
    home = client.get(reverse("home")).content.decode()
    assert "portal-nav__more govuk-service-navigation__item--active" not in home
