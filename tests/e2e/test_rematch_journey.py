"""Rematching in a real browser: a provider asks, the hub matches, introduces with consent and
places; the recruit sees their new employer. Each page is checked with axe at both widths, for
sideways scrolling at 360 px and for CSP errors, and photographed into var/screenshots/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .helpers import Portal, assert_accessible, assert_fits_a_phone, assert_no_csp_problems, fill_date
from .screenshots import Camera, screenshot_dir, submit

pytestmark = pytest.mark.e2e

NEW_EMPLOYER = "Salford Quays Care Partnership"


def _sound(portal: Portal, subtests, camera: Camera, name: str, who: str) -> None:
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    assert_no_csp_problems(portal, subtests, name)
    camera.take(portal, f"rematch-{name}", who, 200)


def test_provider_asks_hub_matches_introduces_places_recruit_sees_new_employer(open_portal, subtests) -> None:
    from recruits.models import Recruit

    camera = Camera(screenshot_dir())
    worker = Recruit.objects.get(email="recruit.nw@demo.irhub.example")

    provider = open_portal()
    provider.log_in("admin.ribble")
    provider.goto(f"/recruits/{worker.public_id}/")
    with provider.page.expect_navigation():
        provider.page.locator("main").get_by_role("button", name="Ask the hub to rematch").click()
    submit(provider, "Send the request")
    assert provider.page.locator(".govuk-error-summary").count() == 1
    _sound(provider, subtests, camera, "provider-request-errors", "admin.ribble")
    form = provider.page.locator("main form")
    form.get_by_label("Why do you need a new employer for this worker?").select_option("not_enough_work")
    form.get_by_label("Tell the hub more").fill("We can only offer 8 hours a week from next month.")
    fill_date(form, "Last working day with you", "2027-01-29")
    submit(provider, "Send the request")
    assert provider.h1() == worker.full_name
    _sound(provider, subtests, camera, "provider-request", "admin.ribble")

    hub = open_portal()
    hub.log_in("staff.nw")
    hub.goto("/rematch/")
    assert hub.h1() == "Triage board"
    _sound(hub, subtests, camera, "board", "staff.nw")
    with hub.page.expect_navigation():
        hub.page.locator("main table").get_by_role("link", name=worker.full_name).click()
    detail_path = hub.path
    _sound(hub, subtests, camera, "detail", "staff.nw")
    for status in ("triage", "searching"):
        hub.goto(f"{detail_path}status/")
        hub.page.locator("main form").get_by_label("Move to").select_option(status)
        submit(hub, "Change status")
    hub.goto(f"{detail_path}preferences/")
    form = hub.page.locator("main form")
    form.get_by_label("Postcode where the worker lives").fill("M5 3AA")
    form.get_by_label("Fewest hours a week (optional)").fill("30")
    submit(hub, "Save and find matches")
    assert hub.h1() == "Jobs that could suit them"
    _sound(hub, subtests, camera, "matches", "staff.nw")
    with hub.page.expect_navigation():
        hub.page.locator("#matches").get_by_role("link", name=f"Introduce {worker.full_name}").first.click()
    submit(hub, "Introduce")
    assert hub.page.locator(".govuk-error-summary").count() == 1, "no introduction without consent"
    _sound(hub, subtests, camera, "introduce-errors", "staff.nw")
    form = hub.page.locator("main form")
    form.get_by_label("The worker agreed to be introduced to this employer").check()
    form.get_by_label("How did they agree? (optional)").fill("By phone")
    submit(hub, "Introduce")
    passport_url = hub.page.locator("#passport-link").get_attribute("href") or ""
    _sound(hub, subtests, camera, "introduced", "staff.nw")
    hub.goto(urlsplit(passport_url).path)
    assert "Job passport" in hub.page.locator("main").inner_text()
    _sound(hub, subtests, camera, "passport", "staff.nw")
    hub.goto(f"{detail_path}place/")
    form = hub.page.locator("main form")
    form.get_by_label("New employer (optional)").select_option(label=NEW_EMPLOYER)
    fill_date(form, "Start date", "2027-02-01")
    _sound(hub, subtests, camera, "place", "staff.nw")
    submit(hub, "Record the placement")
    assert "is placed with" in hub.page.locator(".govuk-notification-banner").inner_text()
    hub.goto("/rematch/report/")
    _sound(hub, subtests, camera, "report", "staff.nw")
    hub.goto("/providers/vacancies/")
    _sound(hub, subtests, camera, "vacancies", "staff.nw")

    recruit = open_portal()
    recruit.log_in("recruit.nw")
    recruit.goto("/recruits/me/")
    assert NEW_EMPLOYER in recruit.page.locator("main").inner_text()
    camera.take(recruit, "rematch-recruit-new-employer", "recruit.nw", 200)
    camera.write_report()


def test_self_referral_pages_work_on_a_phone(open_portal, subtests) -> None:
    from hubs.models import Hub

    camera = Camera(screenshot_dir())
    hub = Hub.objects.filter(region__code="E12000005").order_by("name").first()
    assert hub is not None
    anonymous = open_portal()
    anonymous.goto(f"/rematch/refer/{hub.public_id}/")
    assert anonymous.h1() == "Ask for help finding a new employer"
    submit(anonymous, "Send to the hub")
    assert anonymous.page.locator(".govuk-error-summary").count() == 1
    _sound(anonymous, subtests, camera, "public-form-errors", "anonymous")

    recruit = open_portal()
    recruit.log_in("recruit.wm")
    recruit.goto("/rematch/me/")
    assert recruit.h1() == "Ask your hub to help you find a new employer"
    _sound(recruit, subtests, camera, "self-referral", "recruit.wm")
    camera.write_report()


def test_pool_request_answered_none_available_with_a_confirmation(open_portal, subtests) -> None:
    from rematch.models import Vacancy

    camera = Camera(screenshot_dir())
    vacancy = Vacancy.objects.get(title="Home care worker, driver")
    provider = open_portal()
    provider.log_in("admin.ribble")
    provider.goto(f"/providers/vacancies/{vacancy.public_id}/")
    _sound(provider, subtests, camera, "vacancy", "admin.ribble")
    with provider.page.expect_navigation():
        provider.page.locator("main").get_by_role("link", name="Ask the hub for displaced workers").click()
    submit(provider, "Send the request to the hub")
    pool_path = provider.path
    _sound(provider, subtests, camera, "pool-request", "admin.ribble")

    hub = open_portal()
    hub.log_in("staff.nw")
    hub.goto(f"{pool_path}answer/")
    _sound(hub, subtests, camera, "pool-answer", "staff.nw")
    reason = hub.page.locator("main textarea[name='none-reason']")
    if reason.count():  # workers are listed for the vacancy: the hub says why none is put forward
        reason.fill("The workers listed cannot drive, and this job needs a driver.")
    submit(hub, "None available")
    submit(hub, "Issue the pool confirmation")
    assert "Confirmation" in hub.page.locator("main").inner_text()
    _sound(hub, subtests, camera, "pool-confirmed", "staff.nw")
    pdf = hub.page.request.get(f"{pool_path}confirmation.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    camera.write_report()
