"""Each role's daily task, keyboard only, on a 360 px phone and a 1280 px desktop (issue 23 item 6).

After signing in (the shared helper fills the sign-in form), a journey uses only the keyboard: Tab
and Shift+Tab to move, Enter and Space to follow links, press buttons and tick radios, and typing
into the focused box. No clicks and no `page.goto`: every page is reached from the home page the
way a keyboard user reaches it. On every page reached axe must find nothing, and every element the
journey lands on must show the focus style (GOV.UK's yellow) and be on screen.

The step-by-step versions of these journeys, for people, are the user guides in docs/guides/.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from .helpers import AXE, DESKTOP, PHONE, Portal, axe_report

pytestmark = pytest.mark.e2e

WIDTHS = [pytest.param(PHONE, id="360px"), pytest.param(DESKTOP, id="1280px")]
MAX_TABS = 120

# What the focused element looks like: its name, whether the focus style shows, whether it is on screen.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const YELLOW = 'rgb(255, 221, 0)';
    // GOV.UK radios and checkboxes hide the real input (opacity 0) and draw the control, and its
    // focus ring, as the label's ::before: that is what a sighted keyboard user sees.
    const drawn = (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels.length;
    const style = drawn ? getComputedStyle(el.labels[0], '::before') : getComputedStyle(el);
    const rect = (drawn ? el.labels[0] : el).getBoundingClientRect();
    const ring = style.boxShadow.includes(YELLOW) && !/(^|, )0px 0px 0px 0px/.test(style.boxShadow);
    const yellow = style.backgroundColor === YELLOW || style.outlineColor === YELLOW || (drawn && ring);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
    return {
        tag: el.tagName.toLowerCase(),
        type: el.getAttribute('type') || '',
        name: (el.getAttribute('aria-label') || el.textContent || label || el.name || '').replace(/\\s+/g, ' ').trim(),
        label: label.replace(/\\s+/g, ' ').trim(),
        styled: yellow && (outline || shadow),
        onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight
            && rect.right > 0 && rect.left < window.innerWidth,
    };
}"""


class Keyboard:
    """Moves through a page with the keys a keyboard user has, checking focus and axe on the way."""

    def __init__(self, portal: Portal, subtests: Any, width: str) -> None:
        self.portal = portal
        self.page = portal.page
        self.subtests = subtests
        self.width = width

    def focused(self) -> dict[str, Any] | None:
        return self.page.evaluate(FOCUSED)

    def assert_focus_visible(self) -> dict[str, Any]:
        focused = self.focused()
        assert focused is not None, f"nothing has focus on {self.portal.path}"
        assert focused["styled"], f"no visible focus style on {focused} at {self.portal.path}"
        assert focused["onScreen"], f"the focused element is off screen: {focused} at {self.portal.path}"
        return focused

    def tab_to(self, pattern: str, *, back: bool = False, tag: str | None = None) -> dict[str, Any]:
        """Press Tab (or Shift+Tab) until the focused element's name matches `pattern` (a regex,
        case-insensitive); every stop on the way must show its focus."""
        wanted = re.compile(pattern, re.IGNORECASE)
        key = "Shift+Tab" if back else "Tab"
        seen: list[str] = []
        for _ in range(MAX_TABS):
            self.page.keyboard.press(key)
            focused = self.focused()
            if focused is None:
                continue
            seen.append(focused["name"][:40])
            if focused["tag"] != "input" or focused["type"] != "hidden":
                self.assert_focus_visible()
            if wanted.search(focused["name"]) and (tag is None or focused["tag"] == tag):
                return focused
        raise AssertionError(f"{pattern!r} not reached with {key} on {self.portal.path}; passed {seen}")

    def tab_to_field(self, label: str) -> None:
        """Tab to the form field labelled `label`."""
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            focused = self.assert_focus_visible()
            if focused["label"].casefold().startswith(label.casefold()):
                return
        raise AssertionError(f"no field labelled {label!r} reached on {self.portal.path}")

    def follow(self, pattern: str, *, back: bool = False) -> None:
        """Tab to a link or button and press Enter, waiting for the page it leads to."""
        self.tab_to(pattern, back=back)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.page.wait_for_load_state("load")

    def open_menu(self) -> None:
        """On a phone the menu folds behind its button: Tab to it and open it with Enter."""
        toggle = self.page.get_by_role("button", name="Menu")
        if toggle.is_visible():
            self.tab_to("^Menu$", tag="button")
            self.page.keyboard.press("Enter")
            assert toggle.get_attribute("aria-expanded") == "true"

    def check_page(self, name: str, h1: str | None = None) -> None:
        """The page reached has the heading wanted and no axe violations at this width."""
        if h1 is not None:
            assert self.portal.h1() == h1, f"{name}: h1 is {self.portal.h1()!r} at {self.portal.path}"
        results = AXE.run(self.page)
        with self.subtests.test(msg=f"axe: {name} ({self.width})"):
            assert results.violations_count == 0, axe_report(results.response, f"{name} at {self.width}")
        # Start the next walk from the top of the page, as a user arriving on it does.
        self.page.evaluate("document.activeElement && document.activeElement.blur()")


def sign_in(portal: Portal, who: str, viewport: dict[str, int], subtests: Any) -> Keyboard:
    portal.page.set_viewport_size(viewport)
    portal.log_in(who)
    keys = Keyboard(portal, subtests, f"{viewport['width']}px")
    keys.check_page("home")
    return keys


@pytest.mark.parametrize("viewport", WIDTHS)
def test_lead_opens_the_most_urgent_item_and_records_a_note(portal: Portal, subtests, viewport) -> None:
    keys = sign_in(portal, "lead.wm", viewport, subtests)
    assert portal.h1() == "Your region today"
    # The work queue's first line is the most urgent thing in the region.
    first = portal.page.locator("main .portal-queue__line a").first.inner_text().strip()
    keys.follow(f"^{re.escape(first)}$")
    assert portal.path.startswith("/rematch/"), portal.path
    keys.check_page("the most urgent rematch request")

    keys.tab_to_field("Add a note")
    note = "Rang the recruit: interview with Oakfield on Friday."
    portal.page.keyboard.type(note)
    with portal.page.expect_navigation():
        keys.tab_to("^Add note$", tag="button")
        portal.page.keyboard.press("Enter")
    assert note in portal.page.locator("main").inner_text()
    keys.check_page("rematch request after the note")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_hub_staff_open_their_own_work_and_add_a_note(portal: Portal, subtests, viewport) -> None:
    keys = sign_in(portal, "staff.wm", viewport, subtests)
    assert portal.h1() == "Your work today"
    keys.follow("^Assigned to me$")
    assert portal.path == "/?view=mine"
    keys.check_page("assigned to me", "Your work today")

    mine = portal.page.locator("main .portal-queue__line a").nth(1).inner_text().strip()
    keys.follow(f"^{re.escape(mine)}$")
    keys.check_page("a request assigned to me")
    keys.tab_to_field("Add a note")
    note = "Sent two vacancies in Telford; she will reply by Monday."
    portal.page.keyboard.type(note)
    with portal.page.expect_navigation():
        portal.page.keyboard.press("Tab")
        assert keys.assert_focus_visible()["name"] == "Add note"
        portal.page.keyboard.press("Enter")
    assert note in portal.page.locator("main").inner_text()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_council_officer_opens_a_case_in_their_area(portal: Portal, subtests, viewport) -> None:
    keys = sign_in(portal, "council.wm", viewport, subtests)
    assert portal.h1() == "Care providers in your area"
    case = portal.page.locator("main a[href^='/compliance/cases/']").first.inner_text().strip()
    keys.follow(f"^{re.escape(case)}$")
    assert portal.path.startswith("/compliance/cases/"), portal.path
    keys.check_page("a compliance case", case)
    # Back to the list of every case in the area, through the menu.
    keys.open_menu()
    keys.follow("^Compliance cases$")
    assert portal.path == "/compliance/"
    keys.check_page("compliance cases in the area")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_national_user_opens_the_figures_pages_from_the_menu(portal: Portal, subtests, viewport) -> None:
    keys = sign_in(portal, "national", viewport, subtests)
    assert portal.h1() == "England at a glance"
    keys.open_menu()
    keys.follow("^Rematching figures$")
    assert portal.path == "/rematch/report/"
    keys.check_page("rematching figures")
    keys.open_menu()
    keys.follow("^Training figures$")
    assert portal.path == "/training/figures/"
    keys.check_page("training figures")
    assert portal.page.locator("main table").count() >= 1


@pytest.mark.parametrize("viewport", WIDTHS)
def test_provider_admin_marks_a_reporting_duty_as_reported(portal: Portal, subtests, viewport) -> None:
    from providers.models import Provider
    from recruits.duties.models import ReportingDuty

    keys = sign_in(portal, "admin.oakfield", viewport, subtests)
    assert portal.h1() == "Your sponsored workers"
    keys.follow("^Mark as reported: ")
    keys.check_page("mark a duty as reported", "Mark as reported to UKVI")
    today = date.today()
    keys.tab_to_field("Day")
    for part in (str(today.day), str(today.month), str(today.year)):
        portal.page.keyboard.type(part)
        portal.page.keyboard.press("Tab")
    # Shift+Tab back over the year to check it took, then on to the button.
    portal.page.keyboard.press("Shift+Tab")
    assert portal.page.evaluate("document.activeElement.value") == str(today.year)
    with portal.page.expect_navigation():
        keys.tab_to("^Mark as reported$", tag="button")
        portal.page.keyboard.press("Enter")
    assert "error" not in portal.page.title().casefold(), portal.page.locator("main").inner_text()[:500]
    keys.check_page("after marking the duty")
    provider = Provider.objects.get(name="Oakfield Care Homes Ltd")
    assert ReportingDuty.objects.filter(provider=provider, reported_on=today).exists()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_recruit_does_their_next_check_in(portal: Portal, subtests, viewport) -> None:
    from pastoral.models import CheckIn

    keys = sign_in(portal, "recruit.wm", viewport, subtests)
    assert portal.h1() == "Hello Amara"
    keys.follow("^Do your check-in$")
    keys.check_page("the next check-in")
    check_in_path = portal.path
    # Each question is a group of radios: Tab enters the group on its first answer, Space ticks it,
    # Tab leaves the group for the next one.
    groups = portal.page.locator("main form .govuk-radios").count()
    assert groups >= 6
    for _ in range(groups):
        for _ in range(MAX_TABS):
            portal.page.keyboard.press("Tab")
            focused = keys.assert_focus_visible()
            if focused["type"] == "radio":
                break
        portal.page.keyboard.press("Space")
        assert portal.page.evaluate("document.activeElement.checked")
    with portal.page.expect_navigation():
        keys.tab_to("^Send to my hub$", tag="button")
        portal.page.keyboard.press("Enter")
    assert portal.path != check_in_path or not portal.page.locator(".govuk-error-summary").count(), portal.page.locator(
        ".govuk-error-summary"
    ).inner_text()
    keys.check_page("after the check-in")
    public_id = check_in_path.rstrip("/").split("/")[-1]
    assert CheckIn.objects.get(public_id=public_id).done_on is not None

    # Then the training plan, from the menu.
    keys.open_menu()
    keys.follow("^My training$")
    assert re.fullmatch(r"/training/recruits/[0-9a-f-]+/plan/", portal.path), portal.path
    keys.check_page("my training plan", "Your training plan")
