"""A provider admin's recruit journey in a real browser: register one, find them, import a list.

The recruit pages are checked with axe (desktop and phone width) and for sideways scrolling at
360 px along the way, each as its own subtest; "My details" is checked as the demo recruit.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from .helpers import PHONE, Portal, assert_accessible, assert_fits_a_phone, fill_date

pytestmark = pytest.mark.e2e


def submit(portal: Portal, button: str) -> None:
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("button", name=button).click()


def csv_upload(header: list[str], rows: list[dict[str, str]]) -> dict[str, object]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return {"name": "our-recruits.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}


def test_a_provider_admin_registers_and_imports_recruits(portal: Portal, open_portal, subtests) -> None:
    from recruits.models import Recruit

    portal.log_in("admin.oakfield")
    page = portal.page

    # The list.
    portal.goto(reverse("recruit_list"))
    assert portal.h1() == "Recruits"
    assert page.locator("main table tbody tr").count() >= 1
    assert_accessible(portal, subtests, "recruit list")
    assert_fits_a_phone(portal, subtests, "recruit list")

    # Register a recruit: first with nothing filled in, then properly.
    with page.expect_navigation():
        page.get_by_role("button", name="Register a recruit").click()
    assert portal.h1() == "Register a recruit"
    assert_accessible(portal, subtests, "register a recruit form")
    assert_fits_a_phone(portal, subtests, "register a recruit form")
    submit(portal, "Save")
    summary = page.locator(".govuk-error-summary")
    assert "Enter the given names as written in the passport" in summary.inner_text()
    assert_accessible(portal, subtests, "register a recruit form with errors")

    form = page.locator("main form")
    form.get_by_label("Given names").fill("Blessing")
    form.get_by_label("Family name").fill("Aadeola")
    fill_date(form, "Date of birth", "1994-06-15")
    form.get_by_role("combobox", name="Nationality").fill("Nigeria")
    page.get_by_role("listbox", name="Nationality").get_by_role("option", name="Nigeria", exact=True).click()
    form.get_by_label("Passport number").fill("a0 1234 567")
    form.get_by_label("How they were recruited").select_option("other_agency")
    form.get_by_label("Other agency's name").fill("Quick Visas Ltd")
    submit(portal, "Save")

    assert portal.h1() == "Blessing Aadeola", page.locator(".govuk-error-summary").all_inner_texts()
    flags = page.locator("#code-of-practice-flags").inner_text()
    assert "Red-list country recruited through an agency" in flags
    recruit = Recruit.objects.get(family_name="Aadeola")
    assert recruit.provider is not None and recruit.provider.name == "Oakfield Care Homes Ltd"
    assert page.locator("main").get_by_text("A01234567").is_visible()
    assert_accessible(portal, subtests, "recruit record, profile tab")
    assert_fits_a_phone(portal, subtests, "recruit record, profile tab")
    for tab in ("Immigration and checks", "Employment", "Documents", "History"):
        with page.expect_navigation():
            page.locator("nav.portal-tabs").get_by_role("link", name=tab).click()
        assert page.locator(f'nav.portal-tabs a[aria-current="page"]:has-text("{tab}")').count() == 1
        assert_accessible(portal, subtests, f"recruit record, {tab} tab")
        assert_fits_a_phone(portal, subtests, f"recruit record, {tab} tab")

    # They are on the list: found by name.
    portal.goto(reverse("recruit_list"))
    page.locator("main form").get_by_label("Name").fill("Aadeola")
    submit(portal, "Apply filters")
    row = page.locator("main table tbody tr")
    assert row.count() == 1 and "Aadeola, Blessing" in row.inner_text()
    assert "Code of Practice" in row.inner_text()

    # Import a list: one bad row, the report names it; fixed, the whole file goes in.
    portal.goto(reverse("recruit_import"))
    template = page.request.get(reverse("recruit_import_template"))
    assert template.ok, template.status
    header = next(csv.reader(io.StringIO(template.text().lstrip("\ufeff"))))
    assert "Given names" in header and "Family name" in header
    good = {
        "Given names": "Rosa",
        "Family name": "Imported",
        "Nationality": "PH",
        "Passport number": "PH7654321",
        "Date of birth": "1992-11-30",
    }
    bad = {
        "Given names": "Tomas",
        "Family name": "Imported",
        "Nationality": "PH",
        "Passport number": "PH1234567",
        "Date of birth": "31/02/1991",
    }
    page.locator("main form input[type=file]").set_input_files(csv_upload(header, [good, bad]))
    submit(portal, "Import recruits")
    report = page.locator(".govuk-error-summary").first.inner_text()
    assert "Row 3" in report and "Date of birth" in report, report
    assert not Recruit.objects.filter(family_name="Imported").exists()

    bad["Date of birth"] = "28/02/1991"
    page.locator("main form input[type=file]").set_input_files(csv_upload(header, [good, bad]))
    submit(portal, "Import recruits")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.locator("main").inner_text()[:600]
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "2 added" in banner, banner
    assert Recruit.objects.filter(family_name="Imported", provider__name="Oakfield Care Homes Ltd").count() == 2

    # "My details", as the demo recruit on a phone.
    phone = open_portal(viewport=PHONE)
    phone.log_in("recruit.wm")
    phone.goto(reverse("recruit_my_details"))
    assert phone.h1() == "Your details"
    assert_accessible(phone, subtests, "My details")
    assert_fits_a_phone(phone, subtests, "My details")
    phone.page.locator("main form").get_by_label("Phone number").fill("07700 900777")
    submit(phone, "Save contact details")
    assert "Your contact details are saved" in phone.page.locator(".govuk-notification-banner").inner_text()
    assert Recruit.objects.get(user__email=phone.accounts["recruit.wm"].email).phone == "07700 900777"
