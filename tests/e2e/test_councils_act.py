"""Councils act (issue 16 item 4) in the browser, on the demo data: a council officer follows their
area's case and adds a note for the hub; an ADASS regional member reads the region's figures.
axe checks each new page; the pages are searched for the demo workers' names."""

from __future__ import annotations

import pytest

from .helpers import assert_accessible

pytestmark = pytest.mark.e2e


def _workers_of(provider_name: str) -> list[str]:
    from compliance.models import AffectedWorker

    workers = AffectedWorker.objects.filter(case__provider__name=provider_name).select_related("recruit")
    return [name for worker in workers for name in (worker.recruit.given_names, worker.recruit.family_name)]


def test_a_council_officer_follows_the_case_and_adds_a_note(open_portal, subtests):
    names = _workers_of("Shropshire Hills Support Services")
    assert names, "the demo case has workers"
    council = open_portal()
    council.log_in("council.wm")
    council.goto("/compliance/")
    with council.page.expect_navigation():
        council.page.locator("main a", has_text="Shropshire Hills Support Services").first.click()
    assert council.page.locator("#steps").is_visible()
    assert "Note from the council" in council.page.content()
    assert_accessible(council, subtests, "council's case page")
    assert not any(name in council.page.content() for name in names)
    with council.page.expect_navigation():
        council.page.locator("main a", has_text="Add a note for the hub").click()
    with council.page.expect_navigation():
        council.page.locator("main form button[type=submit]").click()
    assert council.page.locator(".govuk-error-summary").is_visible()
    assert_accessible(council, subtests, "council note form with errors")
    council.page.locator("textarea[name=text]").fill("Our reviewing officer visits on Monday.")
    with council.page.expect_navigation():
        council.page.locator("main form button[type=submit]").click()
    assert "Our reviewing officer visits on Monday." in council.page.content()


def test_an_adass_member_reads_the_region_in_figures(open_portal, subtests):
    names = _workers_of("Morecambe Bay Home Support")
    adass = open_portal()
    adass.log_in("adass.nw")
    assert_accessible(adass, subtests, "ADASS home page")
    adass.goto("/compliance/figures/")
    assert adass.h1() == "Compliance case figures"
    assert "Lancashire County Council" in adass.page.content()
    assert_accessible(adass, subtests, "ADASS region figures")
    html = adass.page.content()
    assert "Morecambe Bay Home Support" not in html and not any(name in html for name in names)
