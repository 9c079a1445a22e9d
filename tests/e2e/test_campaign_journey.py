"""A campaign's candidate side and the hub's first pipeline steps, in a real browser.

A candidate applies on a 360 px phone to the demo West Midlands campaign with a CV and a
certificate, and is told of a missing consent first; they follow their application by emailed code.
Hub staff, on a desktop, find them on the board, record the screening checklist, move them to
"Screened" and "Shortlisted", and reject another candidate in bulk with a reason. Each page is
checked with axe and, on the phone, for sideways scrolling.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.campaigns.builders import PDF

from .helpers import PHONE, Portal, assert_accessible, assert_fits_a_phone
from .screenshots import Camera, screenshot_dir

pytestmark = pytest.mark.e2e

TITLE = "Nurses and midwives from India and the Philippines, spring 2027"


def submit(portal: Portal, button: str) -> None:
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("button", name=button).click()


def check(portal: Portal, subtests, camera: Camera, name: str, who: str, *, phone: bool) -> None:
    assert_accessible(portal, subtests, name)
    if phone:
        assert_fits_a_phone(portal, subtests, name)
    camera.take(portal, f"campaign-{name.replace(' ', '-')}", who, 200)


def test_a_candidate_applies_on_a_phone_and_the_hub_screens_and_shortlists(open_portal, subtests, mailoutbox) -> None:
    from campaigns.models import Application, Campaign, Stage

    camera = Camera(screenshot_dir())
    campaign = Campaign.objects.get(title=TITLE)

    # The candidate opens the advert's link on a phone and applies, forgetting the consent box.
    phone = open_portal(viewport=PHONE)
    page = phone.page
    phone.goto(reverse("campaign_apply", args=[campaign.public_id]))
    assert phone.h1() == TITLE
    check(phone, subtests, camera, "apply", "candidate", phone=True)
    form = page.locator("main form")
    form.get_by_label("Nurse", exact=True).check()
    form.get_by_label("Given names").fill("Bernadette")
    form.get_by_label("Family name").fill("Lim")
    form.get_by_label("Email address").fill("bernadette.lim@example.org")
    form.get_by_label("Phone number").fill("+63 917 555 0101")
    form.get_by_label("Country you live in").select_option("PH")
    form.get_by_label("Nationality").select_option("PH")
    form.get_by_label("Passport number").fill("P 7788990")
    form.get_by_label("Your experience").fill("Seven years on a surgical ward in Cebu.")
    form.locator("input[name=cv]").set_input_files({"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF})
    form.locator("input[name=certificates]").set_input_files(
        [
            {"name": "bsn-degree.pdf", "mimeType": "application/pdf", "buffer": PDF},
            {"name": "oet-results.pdf", "mimeType": "application/pdf", "buffer": PDF},
        ]
    )
    submit(phone, "Send my application")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Agree to the hub using your details" in summary and not Application.objects.filter(family_name="Lim")
    check(phone, subtests, camera, "apply errors", "candidate", phone=True)
    # The browser keeps what was typed but not the files: they are chosen again.
    form.locator("input[name=cv]").set_input_files({"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF})
    form.locator("input[name=certificates]").set_input_files(
        [
            {"name": "bsn-degree.pdf", "mimeType": "application/pdf", "buffer": PDF},
            {"name": "oet-results.pdf", "mimeType": "application/pdf", "buffer": PDF},
        ]
    )
    form.get_by_label(re.compile("I agree to the hub using my details")).check()
    submit(phone, "Send my application")
    assert phone.h1().startswith("Your application is sent")
    check(phone, subtests, camera, "applied", "candidate", phone=True)
    application = Application.objects.get(family_name="Lim")
    assert application.passport_number == "P7788990" and not application.direct
    assert sorted(application.documents.values_list("original_name", flat=True)) == [
        "bsn-degree.pdf",
        "cv.pdf",
        "oet-results.pdf",
    ]

    # They follow it by emailed code.
    page.locator("main").get_by_role("link", name="follow your application").click()
    page.wait_for_load_state()
    page.get_by_label("Email address").fill("bernadette.lim@example.org")
    submit(phone, "Email me a code")
    [message] = [m for m in mailoutbox if "follow your application" in m.body]
    code = re.search(r"^(\d{6})$", message.body, re.MULTILINE).group(1)  # type: ignore[union-attr]
    page.get_by_label("Sign-in code").fill(code)
    submit(phone, "Continue")
    assert phone.h1() == "Your applications" and TITLE in page.locator("main").inner_text()
    check(phone, subtests, camera, "my applications", "candidate", phone=True)

    # Hub staff find the candidate on the board and screen them.
    desk = open_portal()
    desk.log_in("staff.wm")
    desk.goto(reverse("campaign_detail", args=[campaign.public_id]))
    desk.page.locator("main").get_by_role("link", name="Applicants").click()
    desk.page.wait_for_load_state()
    assert "Applied: 4" in desk.page.locator("main nav").inner_text()
    check(desk, subtests, camera, "board", "staff.wm", phone=False)
    desk.page.locator("main").get_by_role("link", name="Bernadette Lim").click()
    desk.page.wait_for_load_state()
    check(desk, subtests, camera, "application", "staff.wm", phone=False)
    screening = desk.page.locator("#screening-form")
    for group in screening.locator("fieldset").all():
        group.get_by_label("Met", exact=True).check()
    screening.get_by_label("Note").last.fill("NMC eligibility decision received")
    with desk.page.expect_navigation():
        screening.get_by_role("button", name="Save the checklist").click()
    move = desk.page.locator("#form")
    move.get_by_label("Screened").check()
    with desk.page.expect_navigation():
        move.get_by_role("button", name="Move").click()
    move = desk.page.locator("#form")
    move.get_by_label("Shortlisted").check()
    with desk.page.expect_navigation():
        move.get_by_role("button", name="Move").click()
    assert "Screened → Shortlisted" in desk.page.locator("main").inner_text()
    assert Application.objects.get(pk=application.pk).stage == Stage.SHORTLISTED

    # Another applicant is rejected from the board, with a reason.
    desk.goto(reverse("campaign_board", args=[campaign.public_id]) + "?stage=applied")
    desk.page.get_by_label("Choose Anjali Nair").check()
    desk.page.get_by_label("With the chosen applicants").select_option("rejected")
    submit(desk, "Apply to the chosen applicants")
    assert "Give the reason" in desk.page.locator(".govuk-error-summary").inner_text()
    check(desk, subtests, camera, "board errors", "staff.wm", phone=False)
    assert desk.page.get_by_label("Choose Anjali Nair").is_checked(), "the choice survives the refusal"
    desk.page.get_by_label("Reason (optional)").fill("Registered as a nurse for under a year")
    submit(desk, "Apply to the chosen applicants")
    assert "1 applicant moved" in desk.page.locator("body").inner_text()
    assert Application.objects.get(family_name="Nair").stage == Stage.REJECTED
