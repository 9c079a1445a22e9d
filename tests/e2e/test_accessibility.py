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
        ("partner.wm", "Cohorts you deliver", "training partner's home page"),
    ]:
        portal = open_portal()
        portal.log_in(who)
        assert portal.h1() == expected_h1
        assert_accessible(portal, subtests, name)


def test_agency_framework_pages_are_accessible(portal, subtests):
    """Issue 16 item 3: the lead's framework pages (with a suspended agency and form errors) and the
    provider's read of it."""
    portal.log_in("lead.london")
    portal.goto("/agencies/")
    assert portal.h1() == "Approved agencies"
    assert_accessible(portal, subtests, "approved agencies, lead")
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="Horizon Care Staffing").click()
    assert portal.h1().startswith("Horizon Care Staffing")
    assert_accessible(portal, subtests, "suspended agency, lead")
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="Change its status").click()
    portal.page.get_by_label("Removed").check()
    portal.page.get_by_label("Reason").fill("")
    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Save the status").click()
    assert "Enter why the agency is removed" in portal.page.locator(".govuk-error-summary").inner_text()
    assert_accessible(portal, subtests, "agency status form with errors")
    portal.goto("/agencies/new/")
    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Add the agency").click()
    assert "Enter the agency" in portal.page.locator(".govuk-error-summary").inner_text()
    assert_accessible(portal, subtests, "add an agency form with errors")


def test_the_providers_read_of_the_framework_and_the_hub_directory_are_accessible(portal, subtests):
    portal.log_in("admin.oakfield")
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="See your region's approved agencies").click()
    assert portal.h1() == "Approved agencies"
    assert "Horizon Care Staffing" in portal.page.inner_text("main")
    assert_accessible(portal, subtests, "approved agencies, provider")
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="Contact a hub").click()
    assert portal.h1() == "Contact a hub"
    assert "Your region" in portal.page.locator("main h2").first.inner_text()
    assert_accessible(portal, subtests, "contact a hub, signed in")


def test_provider_risk_is_accessible(portal, subtests):
    """The lead's provider risk table on the demo data: sort links with aria-sort, a caption, the key."""
    portal.log_in("lead.london")
    portal.goto("/providers/risk/")
    assert portal.h1() == "Provider risk"
    assert portal.page.locator("#risk-table tbody tr").count() >= 1
    portal.page.locator("#how-scored summary").click()  # the key to the score, open
    assert_accessible(portal, subtests, "provider risk")
    portal.goto("/providers/risk/?sort=name")
    assert portal.page.locator("#risk-table th[aria-sort=ascending]").count() == 1
    assert_accessible(portal, subtests, "provider risk sorted by name")


def test_the_good_practice_library_is_accessible(portal, subtests):
    """The library on the demo data: the list, a search with marked snippets, an example with its
    comments and file, the share form and its errors."""
    portal.log_in("staff.wm")
    portal.goto("/practice/")
    assert portal.h1() == "Good-practice library"
    assert portal.page.locator("main a[href^='/practice/']").count() >= 3
    assert_accessible(portal, subtests, "good-practice library")
    portal.goto("/practice/?q=employers")
    assert portal.page.locator("main mark").count() >= 1
    assert_accessible(portal, subtests, "good-practice search")
    with portal.page.expect_navigation():
        portal.page.locator("main a", has_text="rematching clinic").first.click()
    assert portal.page.locator("main a", has_text="rematching-clinic-plan.pdf").count() == 1
    assert portal.page.get_by_text("We tried this in Bolton").count() == 1
    assert_accessible(portal, subtests, "a good-practice example with comments and a file")


def test_sharing_good_practice_is_accessible(portal, subtests):
    portal.log_in("lead.wm")
    portal.goto("/practice/new/")
    assert_accessible(portal, subtests, "share an example")
    with portal.page.expect_navigation():
        portal.page.locator("main form button[type=submit]").first.click()
    assert portal.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(portal, subtests, "share an example, with errors")


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


def test_data_rights_pages_are_accessible(open_portal, subtests):
    lead = open_portal()
    lead.log_in("lead.london")
    lead.goto("/recruits/")
    with lead.page.expect_navigation():
        lead.page.locator("main table tbody tr a").first.click()
    with lead.page.expect_navigation():
        lead.page.get_by_role("link", name="Data rights").click()
    assert lead.h1() == "Data rights"
    assert_accessible(lead, subtests, "a person's data rights page")
    with lead.page.expect_navigation():
        lead.page.locator("main a", has_text="personal data").click()
    assert_accessible(lead, subtests, "erasure confirmation")
    lead.page.locator("input[name=full_name]").fill("Not their name")
    with lead.page.expect_navigation():
        lead.page.locator("main form button[type=submit]").click()
    assert lead.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(lead, subtests, "erasure confirmation with errors")


def test_learner_pages_are_accessible(open_portal, subtests):
    """Issue 18 item 1: a provider's learners, the nomination form, a learner's page, and the
    nominated learner's own sign-in by emailed code (the demo's Grace Thompson in the West Midlands)."""
    import re

    from django.core import mail

    from training.demo import NOMINATED_EMAIL

    admin = open_portal()
    admin.log_in("admin.oakfield")
    admin.goto("/training/learners/")
    assert admin.page.locator("#learners", has_text="Grace Thompson").is_visible()
    assert_accessible(admin, subtests, "provider's learners")
    admin.page.locator("#learners a", has_text="Grace Thompson").click()
    assert admin.h1() == "Grace Thompson"
    assert admin.page.locator("#bookings", has_text="Catheter care").is_visible()
    assert_accessible(admin, subtests, "a nominated learner's page")
    admin.goto("/training/learners/new/")
    assert_accessible(admin, subtests, "nominate a learner form")
    with admin.page.expect_navigation():
        admin.page.locator("main form button[type=submit]").click()
    assert admin.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(admin, subtests, "nominate a learner form with errors")

    learner = open_portal()
    learner.goto("/training/learning/sign-in/")
    assert_accessible(learner, subtests, "learner sign-in")
    learner.page.locator("input[name=email]").fill(NOMINATED_EMAIL)
    with learner.page.expect_navigation():
        learner.page.locator("main form button[type=submit]").click()
    assert learner.h1() == "Check your email"
    assert_accessible(learner, subtests, "learner sign-in code")
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.MULTILINE).group(1)  # type: ignore[union-attr]
    learner.page.locator("input[name=code]").fill(code)
    with learner.page.expect_navigation():
        learner.page.locator("main form button[type=submit]").click()
    assert learner.h1() == "Your training"
    assert learner.page.locator("#bookings", has_text="Catheter care").is_visible()
    assert_accessible(learner, subtests, "a learner's own training")


def test_literacy_assessment_pages_are_accessible(open_portal, subtests):
    """Issue 18 item 3: the hub's set-up and the recruit's question screen (demo: West Midlands)."""
    staff = open_portal()
    staff.log_in("staff.wm")
    staff.goto("/training/literacy/")
    assert staff.h1() == "Literacy assessment"
    assert_accessible(staff, subtests, "hub's literacy assessment overview")
    with staff.page.expect_navigation():
        staff.page.locator("main a", has_text="West Midlands literacy check").first.click()
    assert staff.page.locator("#questions li").count() >= 4
    assert_accessible(staff, subtests, "literacy assessment set-up and questions")
    with staff.page.expect_navigation():
        staff.page.get_by_role("link", name="Add a question").click()
    with staff.page.expect_navigation():
        staff.page.locator("main form button[type=submit]").click()
    assert staff.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(staff, subtests, "add a literacy question with errors")

    recruit = open_portal()
    recruit.log_in("recruit.wm")
    recruit.goto("/training/plan/")
    with recruit.page.expect_navigation():
        recruit.page.get_by_role("link", name="Take the literacy assessment").click()
    assert "Question 1 of" in recruit.page.locator("main").inner_text()
    assert_accessible(recruit, subtests, "a literacy question on the recruit's screen")


def test_the_leads_training_partner_pages_are_accessible(portal, subtests):
    """Issue 18 item 4: the lead reaches the region's partners from the catalogue, adds one (after an
    empty submission's errors) and opens the invitation for someone there, preselected."""
    portal.log_in("lead.wm")
    portal.goto("/training/")
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="Training partners").click()
    assert portal.h1() == "Training partners"
    assert "Black Country College" in portal.page.locator("main table").inner_text()
    assert_accessible(portal, subtests, "training partners, lead")
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="Add a training partner").click()
    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Add the partner").click()
    assert "Enter the partner" in portal.page.locator(".govuk-error-summary").inner_text()
    assert_accessible(portal, subtests, "add a training partner form with errors")
    portal.page.get_by_label("Name", exact=True).fill("Walsall College")
    portal.page.get_by_label("College").check()
    with portal.page.expect_navigation():
        portal.page.get_by_role("button", name="Add the partner").click()
    assert "Walsall College" in portal.page.locator("main table").inner_text()
    with portal.page.expect_navigation():
        portal.page.get_by_role("link", name="Invite someone from Walsall College").click()
    assert portal.page.locator("select[name=role]").input_value() == "partner"
    assert "Walsall College" in portal.page.locator("select[name=scope] option:checked").inner_text()
    assert_accessible(portal, subtests, "invite someone from a training partner")


def test_placement_pages_are_accessible(open_portal, subtests):
    """Issue 18 item 2: the demo college's placements, its accepted student's page, putting a
    student forward (with errors), and the provider's offer form and the placement it decides on."""
    from training.placements_demo import SETTING, STUDENT

    partner = open_portal()
    partner.log_in("partner.wm")
    partner.goto("/training/placements/")
    assert partner.page.locator("#placements", has_text=SETTING).is_visible()
    assert_accessible(partner, subtests, "a college's placements")
    partner.page.locator("#placements a", has_text=SETTING).click()
    assert partner.h1() == SETTING
    assert_accessible(partner, subtests, "a placement offer as its college sees it")
    partner.page.locator("#students a", has_text=STUDENT["name"]).click()
    assert partner.h1() == STUDENT["name"]
    assert_accessible(partner, subtests, "an accepted student's placement")
    partner.page.go_back()
    partner.page.locator("main a", has_text="Put a student forward").click()
    with partner.page.expect_navigation():
        partner.page.locator("main form button[type=submit]").click()
    assert partner.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(partner, subtests, "put a student forward, with errors")

    admin = open_portal()
    admin.log_in("admin.oakfield")
    admin.goto("/training/placements/new/")
    assert_accessible(admin, subtests, "offer a placement form")
    admin.goto("/training/placements/")
    admin.page.locator("#placements a", has_text=SETTING).click()
    admin.page.locator("#students a", has_text=STUDENT["name"]).click()
    assert admin.page.locator("#attendance-form").is_visible()
    assert_accessible(admin, subtests, "a placement as its provider sees it")


def test_campaign_pages_are_accessible(portal, subtests):
    """Issue 15 item 2: the hub's campaign list (with the demo campaign) and the form with errors."""
    portal.log_in("lead.wm")
    portal.goto("/campaigns/")
    assert portal.h1() == "Recruitment campaigns"
    assert portal.page.locator("main table tbody tr").count() >= 1
    assert_accessible(portal, subtests, "campaign list")
    portal.goto("/campaigns/new/")
    with portal.page.expect_navigation():
        portal.page.locator("main form button[type=submit]").first.click()
    assert portal.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(portal, subtests, "add a campaign, with errors")
    # Issue 15 item 9: the funnel report of the demo campaign (a candidate at every stage).
    portal.goto("/campaigns/funnel/")
    assert portal.h1() == "Recruitment funnel"
    assert portal.page.locator("#chart-funnel").count() == 1
    assert_accessible(portal, subtests, "recruitment funnel")
