"""Browser journeys of the inbox, email choices, calendar address and the leads' operations page."""

from __future__ import annotations

import re

import pytest

from .helpers import Portal, assert_accessible

pytestmark = pytest.mark.e2e


def unread_in_header(portal: Portal) -> int:
    link = portal.page.locator("header a[href='/inbox/']")
    match = re.search(r"(\d+)", link.inner_text())
    return int(match.group(1)) if match else 0


def test_a_provider_admin_reads_a_reminder_and_lands_on_the_duties(open_portal, subtests):
    portal = open_portal()
    portal.log_in("admin.ribble")
    before = unread_in_header(portal)
    assert before > 0, "the demo sends the provider's duty reminders"

    portal.goto("/inbox/")
    assert portal.h1() == "Inbox"
    assert_accessible(portal, subtests, "inbox")
    first = portal.page.locator("main .portal-inbox__item a").first
    assert "report to UKVI" in first.inner_text()
    with portal.page.expect_navigation():
        first.click()
    assert portal.path == "/providers/duties/"
    assert unread_in_header(portal) == before - 1

    portal.goto("/inbox/")
    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Mark all as read").click()
    assert "Marked" in portal.page.locator(".govuk-notification-banner").inner_text()
    assert unread_in_header(portal) == 0


def test_a_lead_chooses_emails_makes_a_calendar_address_and_checks_the_operations_page(open_portal, subtests):
    portal = open_portal()
    portal.log_in("lead.wm")
    portal.goto("/notifications/settings/")
    assert_accessible(portal, subtests, "email and calendar settings")
    portal.page.get_by_role("group", name="Sponsor reporting duties").get_by_label("Straight away").check()
    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Save email choices").click()
    assert "saved" in portal.page.locator(".govuk-notification-banner").inner_text()
    group = portal.page.get_by_role("group", name="Sponsor reporting duties")
    assert group.get_by_label("Straight away").is_checked()

    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Make my calendar address").click()
    address = portal.page.locator("#calendar-url").input_value()
    assert re.fullmatch(r"http://[^/]+/calendar/[\w-]+\.ics", address)
    assert_accessible(portal, subtests, "settings with a new calendar address")
    feed = portal.page.request.get(address)
    assert feed.status == 200 and feed.text().startswith("BEGIN:VCALENDAR")

    portal.goto("/notifications/operations/")
    assert portal.h1() == "Reminders that did not go out"
    assert_accessible(portal, subtests, "operations page")


def test_a_recruit_sees_their_choices_on_a_phone(open_portal, subtests):
    portal = open_portal()
    portal.log_in("recruit.wm")
    portal.goto("/notifications/settings/")
    assert portal.page.get_by_role("group", name="Pastoral check-ins").is_visible()
    assert portal.page.get_by_role("group", name="Compliance case steps").count() == 0
    assert_accessible(portal, subtests, "a recruit's email choices")
    portal.goto("/inbox/")
    assert "Nothing yet" in portal.page.locator("main").inner_text()
    assert_accessible(portal, subtests, "an empty inbox")
