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


def test_hub_staff_book_an_interview_the_panel_scores_the_lead_decides_and_the_candidate_asks_to_rearrange(
    open_portal, subtests, mailoutbox
) -> None:
    from campaigns.models import Application, Stage

    camera = Camera(screenshot_dir())
    application = Application.objects.get(family_name="Reyes", stage=Stage.SHORTLISTED)

    # Hub staff book the interview, first without the clinical lead a nurse's panel needs.
    desk = open_portal()
    desk.log_in("staff.wm")
    desk.goto(application.get_absolute_url())
    desk.page.locator("main").get_by_role("link", name="Book an interview").click()
    desk.page.wait_for_load_state()
    form = desk.page.locator("main form")
    form.get_by_label("Day").fill("15")
    form.get_by_label("Month").fill("1")
    form.get_by_label("Year").fill("2031")
    form.get_by_label("Start time").fill("10:30")
    form.get_by_label("Where, or the video link").fill("https://meet.example.org/wm-nurses")
    form.get_by_label("Harriet Hub (West Midlands) (hub team)").check()
    form.get_by_label("Pat Provider (employer)").check()
    submit(desk, "Book the interview")
    assert "this role needs one" in desk.page.locator(".govuk-error-summary").inner_text()
    check(desk, subtests, camera, "interview booking errors", "staff.wm", phone=False)
    form.get_by_label("Clinical lead on the panel").select_option(label="Harriet Hub (West Midlands) (hub team)")
    form.get_by_label("The clinical lead's professional registration").fill("12A3456E")
    submit(desk, "Book the interview")
    assert desk.h1().startswith("Interview: Jocelyn Reyes")
    check(desk, subtests, camera, "interview", "staff.wm", phone=False)
    [message] = [m for m in mailoutbox if "Your interview" in m.subject]
    assert message.to == [application.email] and message.attachments[0][0] == "interview.ics"

    # Each panel member scores on their own.
    interview = application.interviews.get()
    members = list(interview.panel.select_related("user"))
    assert len(members) == 2
    for member in members:
        who = member.user.email.split("@")[0]
        scorer = desk if who == "staff.wm" else open_portal()
        if scorer is not desk:
            scorer.log_in(who)
        scorer.goto(reverse("interview_score", args=[interview.public_id]))
        for group in scorer.page.locator("main form fieldset").all():
            group.get_by_label("3: shown", exact=True).check()
        submit(scorer, "Send my scores")
        assert "Your scores are sent" in scorer.page.locator("body").inner_text()
    check(desk, subtests, camera, "interview scored", "staff.wm", phone=False)

    # The candidate sees the slot on a phone and asks to rearrange it.
    phone = open_portal(viewport=PHONE)
    phone.goto(reverse("applicant_sign_in"))
    phone.page.get_by_label("Email address").fill(application.email)
    submit(phone, "Email me a code")
    code = re.search(r"^(\d{6})$", mailoutbox[-1].body, re.MULTILINE).group(1)  # type: ignore[union-attr]
    phone.page.get_by_label("Sign-in code").fill(code)
    submit(phone, "Continue")
    assert "10:30 UK time" in phone.page.locator("main").inner_text()
    phone.page.locator("main").get_by_role("link", name="Ask to rearrange").click()
    phone.page.wait_for_load_state()
    check(phone, subtests, camera, "interview rearrange", "candidate", phone=True)
    phone.page.get_by_label("Why does the time not suit you, and when would?").fill("A night shift that day")
    submit(phone, "Send my request")
    assert "You asked to rearrange it" in phone.page.locator("main").inner_text()

    # The lead records the panel's decision; the application is interviewed.
    lead = open_portal()
    lead.log_in("lead.wm")
    lead.goto(interview.get_absolute_url())
    assert "A night shift that day" in lead.page.locator("main").inner_text()
    lead.page.get_by_label("Passed: move on to an offer").check()
    lead.page.get_by_label("Note on the decision").fill("Safe, clear answers on escalation and medicines")
    submit(lead, "Record the decision")
    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEWED
    assert "Shortlisted → Interviewed" in lead.page.locator("main").inner_text()
