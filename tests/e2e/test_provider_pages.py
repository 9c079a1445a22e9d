"""The provider pages, reporting duties, recruit import and document upload, checked in a real browser.

Every page is checked with axe at desktop and phone width, for sideways scrolling at 360 px, and
for Content Security Policy errors, each as its own subtest (so one run lists every problem). One
signed-in browser context per account: the hub team's pages in one test (lead.wm, then council.wm),
the provider admin's in another.
"""

from __future__ import annotations

import pytest

from .helpers import Portal, assert_accessible, assert_fits_a_phone, assert_no_csp_problems
from .screenshots import (
    WM_PROVIDER,
    a_recruit_of,
    import_with_a_bad_row,
    open_provider,
    submit,
    upload_a_wrong_document,
)

pytestmark = pytest.mark.e2e


def assert_page_is_sound(portal: Portal, subtests, name: str) -> None:
    """axe at both widths, no sideways scrolling at 360 px, no CSP error or script error so far."""
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    assert_no_csp_problems(portal, subtests, name)


def log_in(portal: Portal, subtests, who: str) -> None:
    portal.log_in(who)
    # The sign-in pages' console is checked here, so that it is not blamed on the first page below.
    assert_no_csp_problems(portal, subtests, f"signing in as {who}")


def test_hub_team_provider_pages_are_accessible(open_portal, subtests) -> None:
    lead = open_portal()
    log_in(lead, subtests, "lead.wm")
    page = lead.page

    lead.goto("/providers/")
    assert lead.h1() == "Providers"
    assert page.locator("main table tbody tr").count() >= 2
    assert_page_is_sound(lead, subtests, "provider list (lead)")

    open_provider(lead, WM_PROVIDER)
    provider_path = lead.path
    assert page.locator("main").get_by_text("Licence history").count() >= 1
    assert_page_is_sound(lead, subtests, "provider detail (lead)")

    lead.goto(f"{provider_path}licence/")
    assert lead.h1() == "Record a licence change"
    assert_page_is_sound(lead, subtests, "licence change form")

    lead.goto(f"{provider_path}duties/new/")
    assert lead.h1() == "Record a reporting duty"
    assert_page_is_sound(lead, subtests, "reporting duty form")

    lead.goto("/providers/new/")
    assert lead.h1() == "Add a provider"
    assert_page_is_sound(lead, subtests, "add a provider form")
    submit(lead, "Add provider")
    assert "Enter the provider's name" in page.locator(".govuk-error-summary").inner_text()
    assert_page_is_sound(lead, subtests, "add a provider form with errors")

    lead.goto("/providers/duties/")
    assert lead.h1() == "Reporting duties to UKVI"
    assert page.locator("main table tbody tr").count() >= 1
    assert_page_is_sound(lead, subtests, "reporting duty list (lead)")

    # The filter's parameter is `show` (recruits/duties/selectors.py DUTY_FILTERS); the demo data has overdue duties.
    lead.goto("/providers/duties/?show=overdue")
    assert page.locator('main nav a[aria-current="page"]').inner_text().startswith("Overdue")
    assert page.locator("main table tbody tr .govuk-tag--red").count() >= 1
    assert_page_is_sound(lead, subtests, "reporting duty list, overdue (lead)")

    council = open_portal()
    log_in(council, subtests, "council.wm")
    council.goto("/providers/")
    assert council.h1() == "Providers"
    assert council.page.locator("main table").get_by_role("link", name=WM_PROVIDER).count() == 1
    assert council.page.get_by_role("button", name="Add a provider").count() == 0
    assert_page_is_sound(council, subtests, "provider list (council)")


def test_provider_admin_pages_are_accessible(portal: Portal, subtests) -> None:
    from recruits.models import Recruit

    account = portal.accounts["admin.oakfield"]
    log_in(portal, subtests, "admin.oakfield")
    page = portal.page

    assert portal.h1() == "Your sponsored workers"
    assert_page_is_sound(portal, subtests, "provider admin's home")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=f"See {account.provider}\u2019s page").click()
    assert portal.h1() == account.provider
    assert page.get_by_role("button", name="Record a licence change").count() == 0
    assert_page_is_sound(portal, subtests, "provider detail (provider admin)")

    portal.goto("/providers/duties/")
    assert portal.h1() == "Reporting duties to UKVI"
    assert_page_is_sound(portal, subtests, "reporting duty list (provider admin)")

    portal.goto("/recruits/import/")
    assert portal.h1() == "Import recruits"
    assert_page_is_sound(portal, subtests, "import recruits")

    summary = import_with_a_bad_row(portal)
    assert "Row 3" in summary and "Date of birth" in summary, summary
    assert page.locator("#import-errors").is_visible()
    assert not Recruit.objects.filter(family_name="Example").exists()
    assert_page_is_sound(portal, subtests, "import recruits with an error report")

    summary = upload_a_wrong_document(portal, a_recruit_of(account.provider or ""))
    assert "must be a PDF, JPEG or PNG" in summary, summary
    assert portal.h1() == "Upload a document"
    assert_page_is_sound(portal, subtests, "document upload with errors")
