"""axe-core checks of the main pages (axe ships inside axe-playwright-python: no network needed).

Each page is a subtest, so one run lists every page's violations; any violation fails the test.
Every page is checked at desktop width and again at phone width, where some rules (scrollable
regions, target sizes) only apply.
"""

from __future__ import annotations

import pytest

from .helpers import LOGIN_PATH, MFA_AUTHENTICATE_PATH, Portal, assert_accessible

pytestmark = pytest.mark.e2e


def send_invitation(portal: Portal, *, email: str, role: str, where: str) -> None:
    form = portal.page.locator("main form")
    form.locator("input[name=email]").fill(email)
    form.locator("select[name=role]").select_option(role)
    option = form.locator("select[name=scope] option", has_text=where).first
    form.locator("select[name=scope]").select_option(option.get_attribute("value"))
    with portal.page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_sign_in_and_lead_pages_are_accessible(portal, subtests):
    portal.goto(LOGIN_PATH)
    assert_accessible(portal, subtests, "login page")

    account = portal.accounts["lead.london"]
    portal.submit_password(account)
    assert portal.path.startswith(MFA_AUTHENTICATE_PATH)
    assert_accessible(portal, subtests, "two-factor code page")

    portal.submit_totp(account.totp_now())
    assert portal.h1() == "Your region today"
    assert_accessible(portal, subtests, "lead's home page")

    portal.goto("/invitations/new/")
    assert_accessible(portal, subtests, "invite someone form")

    with portal.page.expect_navigation():
        portal.page.locator("main form button[type=submit]").click()
    assert portal.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(portal, subtests, "invite someone form with errors")

    # The list is checked with a row in it (and the success banner), not only in its empty state.
    send_invitation(portal, email="new.hub.colleague@demo.irhub.example", role="hub_staff", where="London")
    assert portal.path == "/invitations/", f"the invitation was not sent: {portal.h1()!r}"
    assert portal.page.locator("main table tbody tr").count() >= 1
    assert_accessible(portal, subtests, "invitation list")

    portal.goto("/accounts/2fa/")
    assert_accessible(portal, subtests, "account security (MFA index)")


def test_other_roles_home_pages_are_accessible(open_portal, subtests):
    for who, expected_h1, name in [
        ("admin.oakfield", "Your sponsored workers", "provider admin's home page"),
        ("recruit.wm", "Hello Amara", "recruit's home page"),
        ("national", "England at a glance", "national home page"),
    ]:
        portal = open_portal()
        portal.log_in(who)
        assert portal.h1() == expected_h1
        assert_accessible(portal, subtests, name)


def test_monitoring_returns_are_accessible(open_portal, subtests):
    lead = open_portal()
    lead.log_in("lead.london")
    lead.goto("/returns/")
    assert lead.h1() == "Monitoring return"
    assert lead.page.locator("#monitoring-return").is_visible()
    assert_accessible(lead, subtests, "lead's monitoring return")
    lead.goto("/returns/?period=dates&start=2026-12-01&end=2026-11-01", expect_status=400)
    assert lead.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(lead, subtests, "monitoring return with errors")
    lead.goto("/returns/glossary/")
    assert_accessible(lead, subtests, "monitoring return glossary")
    national = open_portal()
    national.log_in("national")
    national.goto("/returns/?region=england&period=year&year=2026")
    assert national.page.locator("#suppression-note").is_visible()
    assert_accessible(national, subtests, "national monitoring return (England, suppressed)")
