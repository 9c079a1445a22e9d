"""A campaign's candidate side and the hub's first pipeline steps, in a real browser.

A candidate applies on a 360 px phone to the demo West Midlands campaign with a CV and a
certificate, and is told of a missing consent first; they follow their application by emailed code.
Hub staff, on a desktop, find them on the board, record the screening checklist, move them to
"Screened" and "Shortlisted", and reject another candidate in bulk with a reason. Each page is
checked with axe and, on the phone, for sideways scrolling.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class DemoCast:
    """The demo accounts the campaign builders act as (a test cast's `lead_a`, `staff_a` and employer)."""

    lead_a: Any
    staff_a: Any
    provider_admin_a: Any


def record_date(scope: Any, name: str, day: dt.date) -> None:
    """A date posted as name_day/name_month/name_year (the portal's date widget)."""
    scope.locator(f"input[name={name}_day]").fill(str(day.day))
    scope.locator(f"input[name={name}_month]").fill(str(day.month))
    scope.locator(f"input[name={name}_year]").fill(str(day.year))


def move_to(portal: Portal, stage: str) -> None:
    move = portal.page.locator("#form")
    move.get_by_label(stage, exact=True).check()
    with portal.page.expect_navigation():
        move.get_by_role("button", name="Move").click()


def test_the_hub_offers_checks_and_assigns_the_cos_the_candidate_gets_ready_and_arrives_and_the_employer_sees_the_file(
    open_portal, subtests, mailoutbox, tmp_path
) -> None:
    from django.utils import timezone

    from accounts.models import User
    from campaigns.models import Application, Stage
    from campaigns.offers import compliance_items
    from recruits.models import Document
    from tests.campaigns.builders import interviewed_in_a

    camera = Camera(screenshot_dir())
    today = timezone.localdate()
    users = {
        who: User.objects.get(email=f"{who}@demo.irhub.example") for who in ("lead.wm", "staff.wm", "admin.oakfield")
    }
    people = DemoCast(lead_a=users["lead.wm"], staff_a=users["staff.wm"], provider_admin_a=users["admin.oakfield"])
    # Applying and the interview are the first two journeys': this one starts from a passed interview.
    application = interviewed_in_a(people, Application.objects.get(family_name="Reyes", stage=Stage.SHORTLISTED))
    assert application.stage == Stage.INTERVIEWED
    evidence = tmp_path / "evidence.pdf"
    evidence.write_bytes(PDF)

    # 1. Hub staff make the offer, once below the pay threshold the page quotes.
    desk = open_portal()
    desk.log_in("staff.wm")
    desk.goto(application.get_absolute_url())
    desk.page.locator("main").get_by_role("link", name="Make an offer").click()
    desk.page.wait_for_load_state()
    assert desk.h1() == "Make an offer"
    check(desk, subtests, camera, "offer", "staff.wm", phone=False)
    found = re.search(r"£([\d,]+) a year", desk.page.locator("main .govuk-inset-text").inner_text())
    assert found, "the page quotes the pay threshold"
    threshold = int(found.group(1).replace(",", ""))
    form = desk.page.locator("main form")
    form.get_by_label("Employer").select_option(label="Oakfield Care Homes Ltd")
    form.get_by_label("Salary, pounds a year").fill(str(threshold - 500))
    form.get_by_label("Hours a week").fill("37.5")
    record_date(form, "starts_on", today + dt.timedelta(days=90))
    submit(desk, "Record the offer")
    summary = desk.page.locator(".govuk-error-summary").inner_text()
    assert f"£{threshold:,} a year" in summary and "below the route's threshold" in summary
    check(desk, subtests, camera, "offer errors", "staff.wm", phone=False)
    form.get_by_label("Salary, pounds a year").fill(str(threshold + 1500))
    submit(desk, "Record the offer")
    assert "The offer is recorded" in desk.page.locator("body").inner_text()
    assert Application.objects.get(pk=application.pk).stage == Stage.OFFERED

    # The candidate accepts (by email, to the hub); staff move the application on.
    move_to(desk, "Accepted")
    move_to(desk, "Checks")
    assert Application.objects.get(pk=application.pk).stage == Stage.CHECKS
    check(desk, subtests, camera, "application checks stage", "staff.wm", phone=False)

    # The certificate of sponsorship (CoS) waits for the checks.
    move_to(desk, "CoS assigned")
    assert "The CoS is assigned once every check is recorded" in desk.page.locator(".govuk-error-summary").inner_text()
    assert Application.objects.get(pk=application.pk).stage == Stage.CHECKS

    # Every pre-employment check, with its evidence.
    desk.page.locator("main").get_by_role("link", name=re.compile("Pre-employment checks")).click()
    desk.page.wait_for_load_state()
    assert desk.h1() == "Pre-employment checks"
    check(desk, subtests, camera, "checks", "staff.wm", phone=False)
    items = compliance_items(application.role)
    for item in items:
        form = desk.page.locator("main form")
        form.get_by_label("Check", exact=True).select_option(item.code)
        record_date(form, "checked_on", today)
        if item.expires:
            record_date(form, "expires_on", today + dt.timedelta(days=365))
        form.locator("input[name=upload]").set_input_files(str(evidence))
        submit(desk, "Record the check")
        assert "The check is recorded." in desk.page.locator("body").inner_text(), item.label
    assert "Every check is recorded and in date" in desk.page.locator("main").inner_text()
    assert application.checks.count() == len(items)
    check(desk, subtests, camera, "checks done", "staff.wm", phone=False)
    desk.page.locator("main").get_by_role("link", name="Jocelyn Reyes").first.click()
    desk.page.wait_for_load_state()
    move_to(desk, "CoS assigned")
    assert Application.objects.get(pk=application.pk).stage == Stage.COS_ASSIGNED

    # 2. Hub staff book the first appointment.
    desk.page.locator("main").get_by_role("link", name=re.compile("First appointments")).click()
    desk.page.wait_for_load_state()
    assert desk.h1() == "First appointments"
    check(desk, subtests, camera, "first appointments", "staff.wm", phone=False)
    form = desk.page.locator("main form#form")
    record_date(form, "day", today + dt.timedelta(days=14))
    form.get_by_label("Time").fill("09:30")
    form.get_by_label("Length in minutes").fill("60")
    form.get_by_label("What it is").fill("Induction at the care home")
    form.get_by_label("Where").fill("Oakfield House, 12 Abbey Foregate, Shrewsbury")
    submit(desk, "Book")
    assert "The appointment is booked" in desk.page.locator("body").inner_text()
    assert desk.page.get_by_role("button", name=re.compile(r"^Cancel this appointment\s*: Induction")).is_visible()
    check(desk, subtests, camera, "first appointments booked", "staff.wm", phone=False)

    # 3. The candidate, on a phone, signs in by emailed code and gets ready to travel.
    phone = open_portal(viewport=PHONE)
    page = phone.page
    phone.goto(reverse("applicant_sign_in"))
    page.get_by_label("Email address").fill(application.email)
    submit(phone, "Email me a code")
    code = re.search(r"^(\d{6})$", mailoutbox[-1].body, re.MULTILINE).group(1)  # type: ignore[union-attr]
    page.get_by_label("Sign-in code").fill(code)
    submit(phone, "Continue")
    assert phone.h1() == "Your applications"
    check(phone, subtests, camera, "my applications cos assigned", "candidate", phone=True)
    page.locator("main").get_by_role("link", name=re.compile("Get ready to travel")).click()
    page.wait_for_load_state()
    assert phone.h1() == "Getting ready to travel"
    assert "Induction at the care home" in page.locator("main").inner_text()
    check(phone, subtests, camera, "pre-arrival", "candidate", phone=True)

    page.locator("main").get_by_role("link", name="Read your welcome booklet").click()
    page.wait_for_load_state()
    booklet = page.locator("main").inner_text()
    assert "Oakfield Care Homes Ltd" in booklet and "Your hub: " in booklet, "the job, and whom to ask"
    check(phone, subtests, camera, "pre-arrival booklet", "candidate", phone=True)
    page.locator("main").get_by_role("link", name="Getting ready to travel").click()
    page.wait_for_load_state()

    page.locator("main").get_by_role("link", name="Rate yourself against the Care Certificate standards").click()
    page.wait_for_load_state()
    assert phone.h1() == "Care Certificate self-assessment"
    check(phone, subtests, camera, "pre-arrival self-assessment", "candidate", phone=True)
    groups = page.locator("main form fieldset")
    groups.nth(0).get_by_label("I can do this confidently").check()
    groups.nth(1).get_by_label("I need training in this").check()
    groups.nth(2).get_by_label("I have done some of this").check()
    page.locator("main form textarea").first.fill("Twelve years on wards: I lead the handover.")
    submit(phone, "Save")
    assert phone.h1() == "Getting ready to travel"
    assert "3 of 16 standards rated" in page.locator("body").inner_text()

    form = page.locator("main form#form")
    for label in ("Visa applied for", "Visa granted", "Travel booked", "First accommodation arranged"):
        form.get_by_label(label).check()
    record_date(form, "planned_arrival", today)
    submit(phone, "Save")
    assert "Saved. The hub sees what you have done." in page.locator("body").inner_text()
    assert "4 of 7 done" in page.locator("main").inner_text()
    check(phone, subtests, camera, "pre-arrival saved", "candidate", phone=True)
    assert Application.objects.get(pk=application.pk).stage == Stage.PRE_ARRIVAL

    # 4. Hub staff see who is stuck, then record the arrival.
    desk.goto(reverse("campaign_board", args=[application.campaign.public_id]))
    desk.page.locator("main").get_by_role("link", name="Pre-arrival: who is stuck").click()
    desk.page.wait_for_load_state()
    assert desk.h1() == "Pre-arrival" and "Jocelyn Reyes" in desk.page.locator("main").inner_text()
    check(desk, subtests, camera, "pre-arrival hub", "staff.wm", phone=False)
    desk.page.locator("main").get_by_role("link", name="Jocelyn Reyes").click()
    desk.page.wait_for_load_state()
    check(desk, subtests, camera, "application pre-arrival", "staff.wm", phone=False)
    desk.page.locator("main").get_by_role("link", name="Record the arrival").click()
    desk.page.wait_for_load_state()
    assert desk.h1() == "Record the arrival"
    assert "“Tuberculosis (TB) test done" in desk.page.locator("main .govuk-warning-text").inner_text()
    check(desk, subtests, camera, "arrive", "staff.wm", phone=False)
    form = desk.page.locator("main form#form")
    record_date(form, "arrived_on", today)
    record_date(form, "first_day", today)
    form.get_by_label("Certificate of sponsorship (CoS) reference").fill("C2G8K41234X")
    submit(desk, "Record the arrival")
    application = Application.objects.get(pk=application.pk)
    recruit = application.recruit
    assert application.stage == Stage.ARRIVED and recruit is not None
    assert desk.path == recruit.get_absolute_url()
    assert "Jocelyn Reyes has arrived" in desk.page.locator("body").inner_text()
    check(desk, subtests, camera, "arrived recruit", "staff.wm", phone=False)

    # 5. The employer sees the new recruit with the file and the training the self-assessment asks for.
    employer = open_portal()
    employer.log_in("admin.oakfield")
    employer.goto(recruit.get_absolute_url())
    assert "Reyes" in employer.h1()
    check(employer, subtests, camera, "recruit from campaign", "admin.oakfield", phone=False)
    employer.goto(recruit.get_absolute_url() + "?tab=documents")
    documents = employer.page.locator("main").inner_text()
    assert "Enhanced DBS check with the adult barred list" in documents
    assert Document.objects.filter(recruit=recruit).count() == len(items)
    check(employer, subtests, camera, "recruit from campaign documents", "admin.oakfield", phone=False)
    employer.goto(reverse("training_plan", args=[recruit.public_id]))
    assert "Care Certificate standard 2" in employer.page.locator("main").inner_text()
    check(employer, subtests, camera, "recruit from campaign training plan", "admin.oakfield", phone=False)
