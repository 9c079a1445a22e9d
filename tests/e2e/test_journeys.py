"""Signing in and landing on the right home page, in a real browser.

The sign-in journeys also check the Content Security Policy on every page they pass through
(login, two-factor step, home), as separate subtests: a CSP failure is reported on its own and
does not hide the journey's result.
"""

from __future__ import annotations

import pytest

from .helpers import LOGIN_PATH, MFA_AUTHENTICATE_PATH, PHONE, assert_no_csp_problems

pytestmark = pytest.mark.e2e

WEST_MIDLANDS = "E12000005"


def test_lead_signs_in_with_password_and_totp_and_sees_their_region(portal, subtests):
    from recruits.models import Recruit

    response = portal.goto(LOGIN_PATH)
    assert "script-src" in (response.headers.get("content-security-policy") or ""), "no CSP header on the login page"
    assert_no_csp_problems(portal, subtests, "login page")

    account = portal.accounts["lead.wm"]
    portal.submit_password(account)
    assert portal.path.startswith(MFA_AUTHENTICATE_PATH), "a lead must be asked for a second factor"
    assert portal.page.locator("input[name=code]").is_visible()
    assert_no_csp_problems(portal, subtests, "two-factor code page")

    portal.submit_totp(account.totp_now())

    assert portal.path == "/"
    assert portal.h1() == "Your region today"
    main = portal.page.locator("main")
    assert "West Midlands" in main.inner_text()
    recruits_on_record = Recruit.objects.filter(region__code=WEST_MIDLANDS).count()
    assert recruits_on_record > 0
    figure = main.locator(".portal-figure").filter(has_text="recruits on record")
    assert figure.locator(".portal-figure__number").inner_text().strip() == str(recruits_on_record)
    assert_no_csp_problems(portal, subtests, "lead's home page")


def test_wrong_totp_code_shows_an_error_and_does_not_sign_in(portal):
    account = portal.accounts["staff.wm"]
    portal.submit_password(account)
    assert portal.path.startswith(MFA_AUTHENTICATE_PATH)

    portal.submit_totp(account.wrong_totp())

    assert portal.path.startswith(MFA_AUTHENTICATE_PATH), "a wrong code must keep the user on the two-factor step"
    assert "The code is not correct" in portal.page.locator("main").inner_text()
    # Still not signed in: asking for home sends them back into the sign-in flow, not to a dashboard.
    portal.goto("/")
    assert portal.path.startswith((LOGIN_PATH, MFA_AUTHENTICATE_PATH)), f"reached {portal.path} without a code"
    assert portal.h1() != "Your region today"
    assert portal.page.get_by_role("button", name="Sign out").count() == 0


def test_provider_admin_signs_in_without_mfa_and_sees_their_provider(portal, subtests):
    account = portal.accounts["admin.oakfield"]
    portal.submit_password(account)

    assert portal.path == "/", "provider admins have no second factor: straight to home"
    assert portal.h1() == "Your sponsored workers"
    assert account.provider == "Oakfield Care Homes Ltd"
    assert account.provider in portal.page.locator("main").inner_text()
    assert_no_csp_problems(portal, subtests, "login page and provider admin's home page")


def test_no_horizontal_scrolling_at_360px(open_portal):
    phone = open_portal(viewport=PHONE)
    phone.goto(LOGIN_PATH)
    overflow = phone.horizontal_overflow()
    assert overflow["scrollWidth"] <= PHONE["width"], f"login page scrolls sideways at 360 px: {overflow}"

    phone.log_in("lead.london")
    assert phone.h1() == "Your region today"
    overflow = phone.horizontal_overflow()
    assert overflow["scrollWidth"] <= PHONE["width"], f"lead's home page scrolls sideways at 360 px: {overflow}"


def test_signing_in_works_without_javascript(open_portal):
    no_js = open_portal(java_script_enabled=False)
    account = no_js.accounts["admin.ribble"]
    no_js.submit_password(account)

    assert no_js.path == "/"
    assert no_js.h1() == "Your sponsored workers"
    assert account.provider
    assert account.provider in no_js.page.locator("main").inner_text()
    # Proof the page really ran without scripts: base.html's inline script would have added js-enabled.
    assert "js-enabled" not in (no_js.page.locator("body").get_attribute("class") or "")
