"""Licence compliance in a real browser: a lead records a revocation, the case opens with its steps,
the affected workers appear, the lead opens rematch requests for all, and the council officer sees
the case without any worker's name. Every page is checked with axe at desktop and 360 px, for
sideways scrolling at 360 px and for CSP errors, and photographed into var/screenshots/."""

from __future__ import annotations

import datetime as dt

import pytest

from .helpers import Portal, assert_accessible, assert_fits_a_phone, assert_no_csp_problems, fill_date
from .screenshots import Camera, open_provider, screenshot_dir, submit

pytestmark = pytest.mark.e2e

PROVIDER = "Severn Valley Home Care"  # suspended, in Shropshire: council.wm's area


NOTIFY_STEP = "Notify the director of adult social services (DASS) and commissioners"


def _sound(portal: Portal, subtests, camera: Camera, name: str, who: str) -> None:
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    assert_no_csp_problems(portal, subtests, name)
    camera.take(portal, f"compliance-{name}", who, 200)


def test_lead_revokes_case_opens_workers_rematched_council_sees_no_names(open_portal, subtests) -> None:
    from recruits.models import Recruit
    from recruits.services import ACTIVE
    from rematch.models import RematchRequest

    camera = Camera(screenshot_dir())
    workers = list(Recruit.objects.filter(provider__name=PROVIDER, status__in=list(ACTIVE)))
    assert workers, "the demo provider has workers"
    names = [w.full_name for w in workers]

    lead = open_portal()
    lead.log_in("lead.wm")
    open_provider(lead, PROVIDER)
    with lead.page.expect_navigation():
        lead.page.locator("main").get_by_role("button", name="Record a licence event (suspension, revocation…)").click()
    submit(lead, "Record the event")
    assert lead.page.locator(".govuk-error-summary").count() == 1
    _sound(lead, subtests, camera, "event-errors", "lead.wm")
    form = lead.page.locator("main form")
    form.get_by_label("What happened to the licence").select_option("revocation")
    fill_date(form, "Date of the UKVI letter or of the event", (dt.date.today() - dt.timedelta(days=1)).isoformat())
    form.get_by_label("Note (optional)").fill("UKVI letter ref. RV-1234")
    submit(lead, "Record the event")
    assert lead.h1() == PROVIDER
    case_path = lead.path
    main = lead.page.locator("main").inner_text()
    assert NOTIFY_STEP in main and "Close with a lessons-learned note" in main
    assert "Cooling-off ends" in main
    for name in names:
        assert name in main, f"{name} is missing from the affected workers"
    _sound(lead, subtests, camera, "case", "lead.wm")

    with lead.page.expect_navigation():
        lead.page.locator("main").get_by_role("button", name="Open rematch requests for all").click()
    _sound(lead, subtests, camera, "rematch-all", "lead.wm")
    submit(lead, "Open the rematch requests")
    assert "Rematch requests opened for" in lead.page.locator(".govuk-notification-banner").inner_text()
    assert RematchRequest.objects.filter(recruit__in=workers).count() == len(workers)
    assert "Rematch request opened" in lead.page.locator("#worker-table").inner_text()

    step_link = lead.page.locator("#steps ~ .portal-table-wrap a").first
    with lead.page.expect_navigation():
        step_link.click()
    _sound(lead, subtests, camera, "step", "lead.wm")
    lead.goto(f"{case_path}workers/add/")
    lead.page.locator("main form").get_by_label("Workers, one a line (optional)").fill("Mercy,Boateng\nOnlyonename\n")
    submit(lead, "Add the workers")
    assert "Line 2" in lead.page.locator("#row-report").inner_text()
    _sound(lead, subtests, camera, "workers-add-errors", "lead.wm")
    lead.goto(f"{case_path}entries/new/")
    _sound(lead, subtests, camera, "entry", "lead.wm")
    lead.goto(f"{case_path}status/")
    _sound(lead, subtests, camera, "status", "lead.wm")
    lead.goto(f"{case_path}owner/")
    _sound(lead, subtests, camera, "owner", "lead.wm")
    lead.goto("/compliance/")
    assert lead.h1() == "Compliance cases"
    _sound(lead, subtests, camera, "cases", "lead.wm")
    lead.goto("/compliance/register/")
    _sound(lead, subtests, camera, "register", "lead.wm")
    with lead.page.expect_navigation():
        lead.page.locator("#alerts a").first.click()
    _sound(lead, subtests, camera, "alert", "lead.wm")
    event_date = lead.page.locator("main form").get_by_role("group", name="Date of the event")
    assert event_date.get_by_label("Year").input_value(), "the date is filled in"
    submit(lead, "Record the event and open a case")
    assert lead.h1() == "Malvern Hills Nursing"
    assert "source: Public sponsor register" in lead.page.locator("#event").inner_text()
    lead.goto("/compliance/protocol/")
    assert lead.h1() == "Protocol for compliance cases"
    _sound(lead, subtests, camera, "protocol", "lead.wm")

    council = open_portal()
    council.log_in("council.wm")
    council.goto("/compliance/")
    _sound(council, subtests, camera, "council-cases", "council.wm")
    with council.page.expect_navigation():
        council.page.locator("#cases").get_by_role("link", name=PROVIDER).click()
    assert council.path == case_path
    seen = council.page.locator("main").inner_text()
    assert "Affected workers by status" in seen and NOTIFY_STEP in seen
    for name in names:
        for part in name.split():
            assert part not in seen, f"the council sees {part!r}"
    _sound(council, subtests, camera, "council-case", "council.wm")
    camera.write_report()
