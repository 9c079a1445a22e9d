"""Advice in the browser, on the demo data (issue 16 items 2 and 4): a provider asks an
employment-law question with an attachment, the hub's adviser answers and records time, and the
provider sees the allowance go down, at 1280 px and on a 360 px phone; a council officer raises a
request about a suspended provider of their area and follows its case. axe checks each new page at
both widths; on the phone, no page of the provider's part scrolls sideways. Screenshots of each
page go to $E2E_SCREENSHOT_DIR (var/screenshots by default) for review by eye."""

from __future__ import annotations

import pytest

from .helpers import DESKTOP, PHONE, Portal, assert_accessible, assert_fits_a_phone
from .screenshots import Camera, screenshot_dir

pytestmark = pytest.mark.e2e

PDF = {"name": "contract.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
SUSPENDED = "Lewisham Homecare Co-operative"  # suspended, in council.london's area, with a case


def _left(portal: Portal, service: str) -> int:
    row = portal.page.locator("#subscriptions tbody tr", has_text=service).first
    return int(row.locator("[data-left]").get_attribute("data-left"))


def _check(portal: Portal, subtests, name: str, viewport: dict[str, int], camera: Camera | None = None) -> None:
    """axe at both widths, no sideways scroll at 360 px, then back to the journey's own width."""
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    if camera is not None:
        camera.take(portal, f"advice-{name.replace(' ', '-').replace(chr(39), '')}", "journey", 200)
    portal.page.set_viewport_size(viewport)


def _submit(portal: Portal, form: str = "main form") -> None:
    with portal.page.expect_navigation():
        portal.page.locator(f"{form} button[type=submit]").first.click()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_provider_asks_the_adviser_answers_and_the_allowance_goes_down(open_portal, subtests, width):
    viewport = PHONE if width == "phone" else DESKTOP
    camera = Camera(screenshot_dir()) if width == "desktop" else None
    provider = open_portal(viewport=viewport)
    provider.log_in("admin.oakfield")
    provider.goto("/advice/")
    assert provider.h1() == "Advice"
    _check(provider, subtests, "provider's advice page", viewport, camera)
    before = _left(provider, "Employment-law advice")
    with provider.page.expect_navigation():
        provider.page.locator("main a", has_text="Ask for advice").click()
    _submit(provider)
    assert provider.page.locator(".govuk-error-summary").is_visible()
    _check(provider, subtests, "advice request form with errors", viewport, camera)
    provider.page.locator("select[name=subscription]").select_option(
        label="Employment-law advice (Oakfield Care Homes Ltd)"
    )
    provider.page.locator("input[name=category][value=employment_law]").check()
    provider.page.locator("input[name=subject]").fill("Night shift allowance in contracts")
    provider.page.locator("textarea[name=question]").fill("Must the night allowance be in the written contract?")
    provider.page.locator("input[name=urgency][value=soon]").check()
    provider.page.locator("input[name=upload]").set_input_files(PDF)
    _submit(provider)
    assert provider.h1() == "Night shift allowance in contracts"
    assert provider.page.locator("#thread a", has_text="contract.pdf").is_visible()
    _check(provider, subtests, "provider's request page", viewport, camera)
    request_path = provider.path

    adviser = open_portal()
    adviser.log_in("staff.wm")
    adviser.goto(request_path)
    adviser.page.locator("#reply textarea[name=text]").fill("Yes: section 1 statement, clause on pay.")
    adviser.page.locator("#reply input[name=minutes]").fill("20")
    _submit(adviser, "#reply")
    assert "20 minutes recorded" in adviser.page.locator("#thread").inner_text()
    _check(adviser, subtests, "adviser's request page", DESKTOP, camera)

    provider.goto(request_path)
    assert "section 1 statement" in provider.page.locator("#thread").inner_text()
    assert f"{before - 20} left" in provider.page.locator("#allowance").inner_text()
    _check(provider, subtests, "provider's answered request", viewport, camera)
    provider.goto("/advice/")
    assert _left(provider, "Employment-law advice") == before - 20


def test_a_council_officer_asks_about_a_suspended_provider_and_follows_the_case(open_portal, subtests):
    from providers.models import Provider

    assert Provider.objects.get(name=SUSPENDED).licence_status == "suspended"
    council = open_portal()
    council.log_in("council.london")
    council.goto("/advice/")
    with council.page.expect_navigation():
        council.page.locator("main a", has_text="Ask for support about a provider").click()
    assert_accessible(council, subtests, "council's support request form")
    options = council.page.locator("select[name=about_provider] option").all_inner_texts()
    assert SUSPENDED in options and "Shropshire Hills Support Services" not in options
    council.page.locator("select[name=about_provider]").select_option(label=SUSPENDED)
    council.page.locator("input[name=subject]").fill("Reablement cover for two clients")
    council.page.locator("textarea[name=question]").fill("Can the hub help the provider keep its rounds going?")
    council.page.locator("input[name=urgency][value=urgent]").check()
    _submit(council)
    assert council.h1() == "Reablement cover for two clients"
    assert SUSPENDED in council.page.locator("#request-summary").inner_text()
    assert_accessible(council, subtests, "council's request page")
    request_path = council.path

    # The hub answers; the officer reads the answer in the thread and follows the provider's case.
    adviser = open_portal()
    adviser.log_in("staff.london")
    adviser.goto(request_path)
    adviser.page.locator("#reply textarea[name=text]").fill("We are calling the provider's workers this week.")
    _submit(adviser, "#reply")
    council.goto(request_path)
    assert "calling the provider's workers" in council.page.locator("#thread").inner_text()
    assert "Answered" in council.page.locator("#status").inner_text()
    council.goto("/compliance/")
    with council.page.expect_navigation():
        council.page.locator("main a", has_text=SUSPENDED).first.click()
    assert council.h1().endswith(SUSPENDED) or SUSPENDED in council.page.locator("main").inner_text()
    assert council.page.locator("#steps").is_visible()
    to_do = council.page.get_by_role("region", name="Steps still to do").inner_text()
    assert "Due" in to_do or "Overdue" in to_do
    assert "3 steps done" in council.page.locator("#steps-done").inner_text()
    assert "Reablement cover for two clients" in council.page.locator("#support-requests").inner_text()
    assert_accessible(council, subtests, "council's case page")

    adass = open_portal()
    adass.log_in("adass.london")
    adass.goto("/compliance/figures/")
    counts = adass.page.locator("#council-request-counts").inner_text()
    assert "Waiting for the hub" in counts or "Answered" in counts
    html = adass.page.content()
    assert "Reablement cover" not in html and SUSPENDED not in html
