"""The page frame at phone width, keyboard only (issue 23 items 4 and 5): the menu behind its
"Menu" button, the footer's public pages, and registering a recruit with the country type-ahead."""

from __future__ import annotations

import pytest

from recruits.models import Recruit

from .helpers import PHONE, Portal, assert_accessible, assert_fits_a_phone

pytestmark = pytest.mark.e2e


def test_footer_pages_are_accessible_signed_out(portal: Portal, subtests) -> None:
    for path, h1 in [
        ("/about/accessibility/", "Accessibility statement for the IR Hub Portal"),
        ("/about/privacy/", "Privacy notice"),
        ("/about/cookies/", "Cookies"),
        ("/about/contact/", "Contact the IR Hub Portal team"),
        ("/about/hubs/", "Contact a hub"),
    ]:
        portal.goto(path)
        assert portal.h1() == h1
        assert_accessible(portal, subtests, h1)
        assert_fits_a_phone(portal, subtests, h1)


def test_phone_menu_and_registration_by_keyboard(portal: Portal, subtests) -> None:
    portal.log_in("admin.oakfield")
    page = portal.page
    page.set_viewport_size(PHONE)

    # The menu folds behind its button; Enter opens it and the links follow in the tab order.
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Recruits", exact=True).is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Recruits"
    assert page.locator("main").bounding_box()["y"] > 123  # the open menu pushes the page down

    portal.goto("/recruits/new/")
    assert_accessible(portal, subtests, "register a recruit")
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(portal, subtests, "register a recruit")
    page.set_viewport_size(PHONE)

    page.get_by_label("Given names").focus()
    page.keyboard.type("Zuri")
    page.keyboard.press("Tab")
    page.keyboard.type("Layoutson")  # family name
    page.keyboard.press("Tab")
    page.keyboard.type("1")  # day of birth
    page.keyboard.press("Tab")
    page.keyboard.type("11")
    page.keyboard.press("Tab")
    page.keyboard.type("1990")
    page.keyboard.press("Tab")
    country = page.get_by_role("combobox", name="Nationality")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    # Nothing typed: the common countries, India first.
    options = page.get_by_role("listbox", name="Nationality").get_by_role("option")
    assert options.first.inner_text() == "India"
    page.keyboard.type("ghan")
    assert options.all_inner_texts() == ["Ghana", "Afghanistan"]  # names starting with it come first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert country.input_value() == "Ghana"
    assert country.get_attribute("aria-expanded") == "false"
    with page.expect_navigation():
        page.get_by_label("Given names").focus()
        page.keyboard.press("Enter")  # Enter in a text box sends the form
    recruit = Recruit.objects.get(given_names="Zuri", family_name="Layoutson")
    assert recruit.nationality == "GH"
    assert recruit.date_of_birth.isoformat() == "1990-11-01"


def test_a_half_typed_country_is_not_saved(portal: Portal) -> None:
    portal.log_in("admin.oakfield")
    page = portal.page
    portal.goto("/recruits/new/")
    page.get_by_label("Given names").fill("Zuri")
    page.get_by_label("Family name").fill("Layoutson")
    page.get_by_role("combobox", name="Nationality").fill("Ghan")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-error-summary").inner_text().count("Choose the recruit's nationality") == 1
    # The error summary's link leads to the type-ahead.
    page.get_by_role("link", name="Choose the recruit's nationality").click()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    assert not Recruit.objects.filter(family_name="Layoutson").exists()
