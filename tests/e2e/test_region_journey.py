"""The lead's morning, as issue 17 describes it: open the today page, follow the most urgent worker
to their record, then export the month's monitoring return (CSV and XLSX), in Chromium on the demo
data at 1280 and 360 px, with axe on every page reached."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from .helpers import DESKTOP, PHONE, Portal, assert_accessible

pytestmark = pytest.mark.e2e


def _download(portal: Portal, link_text: str) -> Path:
    with portal.page.expect_download() as download:
        portal.page.get_by_role("link", name=link_text).click()
    path = download.value.path()
    assert path is not None
    return Path(path)


def _check(portal: Portal, subtests, name: str, viewport: dict[str, int]) -> None:
    """Axe at both widths (the helper ends at 1280 px), then back to the journey's width."""
    assert_accessible(portal, subtests, name)
    portal.page.set_viewport_size(viewport)


def _figure(cell: str) -> str:
    """A cell as the CSV writes it: an empty figure shows as a dash (read out as "none")."""
    return "" if cell.strip().endswith("—") else cell.strip()


@pytest.mark.parametrize("viewport", [pytest.param(DESKTOP, id="1280px"), pytest.param(PHONE, id="360px")])
def test_lead_follows_the_most_urgent_worker_then_exports_the_months_return(
    portal: Portal, subtests, viewport: dict[str, int]
) -> None:
    portal.page.set_viewport_size(viewport)
    portal.log_in("lead.wm")
    assert portal.h1() == "Your region today"
    assert portal.page.locator("main svg").count() >= 3, "the region's charts are on the today page"
    _check(portal, subtests, "today page", viewport)

    # The queue's first line is the most urgent worker; their request links to their record.
    first = portal.page.locator("main .portal-queue__line a").first
    worker = first.inner_text().strip()
    with portal.page.expect_navigation():
        first.click()
    assert portal.path.startswith("/rematch/"), portal.path
    _check(portal, subtests, "the most urgent worker's request", viewport)
    record = portal.page.locator("main a", has_text="\u2019s record").first
    name = record.inner_text().removesuffix("\u2019s record").strip()
    assert name and name in worker, (name, worker)
    with portal.page.expect_navigation():
        record.click()
    assert portal.path.startswith("/recruits/"), portal.path
    assert portal.h1() == name
    assert portal.page.locator("#record-actions .govuk-button:not(.govuk-button--secondary)").count() == 1
    _check(portal, subtests, "the worker's record", viewport)

    # The month's return, through the menu (under "More" on a lead's menu).
    if viewport is PHONE:  # the menu folds behind its button on a phone
        portal.page.get_by_role("button", name="Menu").click()
    returns = portal.page.locator("#portal-navigation").get_by_role("link", name="Monitoring returns")
    if not returns.is_visible():  # a lead's menu keeps it under "More"
        portal.page.locator("#portal-navigation summary", has_text="More").click()
    with portal.page.expect_navigation():
        returns.click()
    assert portal.h1() == "Monitoring return"
    month = date.today().strftime("%B %Y")
    heading = portal.page.locator("#return-heading").inner_text()
    assert "West Midlands" in heading and month in heading, heading
    _check(portal, subtests, "the monitoring return", viewport)

    shown = {
        row.locator("th").inner_text().strip(): _figure(row.locator("td").first.inner_text())
        for row in portal.page.locator("#monitoring-return tbody tr").all()
    }
    rows = list(csv.reader(io.StringIO(_download(portal, "Download as CSV").read_text(encoding="utf-8-sig"))))
    header, region = rows[0], next(row for row in rows[1:] if row and row[0] == "West Midlands")
    by_label = dict(zip(header, region, strict=True))
    assert by_label["Period"].startswith(date.today().strftime("%Y-%m-01 to ")), by_label["Period"]
    for label, value in shown.items():
        assert by_label.get(label) == value, (label, value, by_label.get(label))

    workbook = openpyxl.load_workbook(io.BytesIO(_download(portal, "Download as XLSX (Excel)").read_bytes()))
    assert "Glossary" in workbook.sheetnames
