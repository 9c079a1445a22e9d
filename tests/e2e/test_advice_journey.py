"""Advice in the browser, on the demo data (issue 16 items 2 and 4): a provider asks an
employment-law question with an attachment, the hub's adviser answers and records time, and the
provider sees the allowance go down; a council officer raises a request about a provider of their
area whose licence was taken away and follows the case. axe checks each new page."""

from __future__ import annotations

import pytest

from .helpers import assert_accessible

pytestmark = pytest.mark.e2e

PDF = {"name": "contract.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}


def _left(portal, service: str) -> int:
    row = portal.page.locator("#subscriptions tbody tr", has_text=service).first
    return int(row.locator("[data-left]").get_attribute("data-left"))


def test_a_provider_asks_the_adviser_answers_and_the_allowance_goes_down(open_portal, subtests):
    provider = open_portal()
    provider.log_in("admin.oakfield")
    provider.goto("/advice/")
    assert provider.h1() == "Advice"
    assert_accessible(provider, subtests, "provider's advice page")
    before = _left(provider, "Employment-law advice")
    with provider.page.expect_navigation():
        provider.page.locator("main a", has_text="Ask for advice").click()
    with provider.page.expect_navigation():
        provider.page.locator("main form button[type=submit]").click()
    assert provider.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(provider, subtests, "advice request form with errors")
    provider.page.locator("select[name=subscription]").select_option(
        label="Employment-law advice (Oakfield Care Homes Ltd)"
    )
    provider.page.locator("input[name=category][value=employment_law]").check()
    provider.page.locator("input[name=subject]").fill("Night shift allowance in contracts")
    provider.page.locator("textarea[name=question]").fill("Must the night allowance be in the written contract?")
    provider.page.locator("input[name=urgency][value=soon]").check()
    provider.page.locator("input[name=upload]").set_input_files(PDF)
    with provider.page.expect_navigation():
        provider.page.locator("main form button[type=submit]").click()
    assert provider.h1() == "Night shift allowance in contracts"
    assert "contract.pdf" in provider.page.content()
    assert_accessible(provider, subtests, "provider's request page")
    request_path = provider.path

    adviser = open_portal()
    adviser.log_in("staff.wm")
    adviser.goto(request_path)
    adviser.page.locator("#reply textarea[name=text]").fill("Yes: section 1 statement, clause on pay. 20 minutes.")
    adviser.page.locator("#reply input[name=minutes]").fill("20")
    with adviser.page.expect_navigation():
        adviser.page.locator("#reply button[type=submit]").click()
    assert "20 minutes recorded" in adviser.page.content()
    assert_accessible(adviser, subtests, "adviser's request page")

    provider.goto(request_path)
    assert "section 1 statement" in provider.page.content()
    provider.goto("/advice/")
    assert _left(provider, "Employment-law advice") == before - 20


def test_a_council_officer_asks_about_a_provider_and_follows_the_case(open_portal, subtests):
    council = open_portal()
    council.log_in("council.wm")
    council.goto("/advice/")
    assert "Support for the home-care rounds after the revocation" in council.page.content()
    with council.page.expect_navigation():
        council.page.locator("main a", has_text="Ask for support about a provider").click()
    assert_accessible(council, subtests, "council's support request form")
    options = council.page.locator("select[name=about_provider] option").all_inner_texts()
    assert "Shropshire Hills Support Services" in options and "Morecambe Bay Home Support" not in options
    council.page.locator("select[name=about_provider]").select_option(label="Shropshire Hills Support Services")
    council.page.locator("input[name=subject]").fill("Reablement cover for two clients")
    council.page.locator("textarea[name=question]").fill("Can the hub help the provider's workers find new sponsors?")
    council.page.locator("input[name=urgency][value=urgent]").check()
    with council.page.expect_navigation():
        council.page.locator("main form button[type=submit]").click()
    assert council.h1() == "Reablement cover for two clients"
    assert_accessible(council, subtests, "council's request page")
    council.goto("/compliance/")
    with council.page.expect_navigation():
        council.page.locator("main a", has_text="Shropshire Hills Support Services").first.click()
    assert council.page.locator("#steps").is_visible()

    adass = open_portal()
    adass.log_in("adass.wm")
    adass.goto("/compliance/figures/")
    counts = adass.page.locator("#council-request-counts").inner_text()
    assert "Waiting for the hub" in counts
    assert "Reablement cover" not in adass.page.content()
