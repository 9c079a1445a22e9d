"""A care worker who is not a recruit, from nomination to both certificates, in a real browser.

The provider's admin nominates her and books her onto the hub's literacy assessment from her page;
she signs in on a 360 px phone with a code emailed to her, takes the assessment and passes; her
employer books her onto Translating Care (English at Entry 3 needed) and the place is booked, not
left pending; the days pass, the hub team takes the register and records the awarding body's
certificate number; she finds both on "Your training". Each page she sees is checked with axe
(desktop and phone) and for sideways scrolling at 360 px, and photographed into var/screenshots/
(or $E2E_SCREENSHOT_DIR).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.training.builders import move_to_past

from .helpers import PHONE, Portal, assert_accessible, assert_fits_a_phone, fill_date
from .screenshots import Camera, screenshot_dir

pytestmark = pytest.mark.e2e

NAME = "Joy Mensah"
EMAIL = "joy.mensah@care.demo.test"
AWARDING_NUMBER = "HQ7319001"


def submit(portal: Portal, button: str) -> None:
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("button", name=button).click()


def follow(portal: Portal, link: str) -> None:
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("link", name=link).first.click()


def check(portal: Portal, subtests, camera: Camera, name: str, who: str, *, phone: bool = False) -> None:
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    camera.take(portal, f"learner-{name.replace(' ', '-')}", who, 200)
    if phone:  # the checks leave the page at desktop width: back to the learner's phone
        portal.page.set_viewport_size(PHONE)


def test_a_care_worker_passes_the_literacy_assessment_and_finds_both_certificates(
    portal: Portal, open_portal, subtests, mailoutbox
) -> None:
    from training.models import Certificate, Cohort, Enrolment, EnrolmentStatus, Learner, LiteracyBooking

    camera = Camera(screenshot_dir())
    # The West Midlands' next Translating Care (the demo also has a completed one there).
    cohort = Cohort.objects.filter(programme__title="Translating Care", region__code="E12000005").order_by(
        "-booking_deadline"
    )[0]
    admin = portal
    page = admin.page

    with subtests.test(msg="the provider's admin nominates a care worker who is not a recruit"):
        admin.log_in("admin.oakfield")
        admin.goto(reverse("learner_list"))
        with page.expect_navigation():  # a link styled as a button, with the role of one
            page.locator("main").get_by_role("button", name="Nominate a learner").click()
        form = page.locator("main form")
        form.get_by_label("Full name").fill(NAME)
        form.get_by_label("Role").fill("Care assistant")
        form.get_by_label("Email address").fill(EMAIL)
        submit(admin, "Nominate")
        assert admin.h1() == NAME
        assert "Not booked onto the literacy assessment" in page.locator("#literacy").inner_text()
        check(admin, subtests, camera, "page before the literacy booking", "admin.oakfield")
    learner = Learner.objects.get(email=EMAIL)
    assert learner.recruit_id is None and learner.employer.name == "Oakfield Care Homes Ltd"

    with subtests.test(msg="her employer books her onto the literacy assessment from her page"):
        submit(admin, "Book onto the literacy assessment")
        assert admin.h1() == NAME
        assert "is booked onto the literacy assessment" in page.locator(".govuk-notification-banner").inner_text()
        assert "choose “See your training” and enter" in page.locator("#literacy").inner_text()
        check(admin, subtests, camera, "page literacy booked", "admin.oakfield")
    booking = LiteracyBooking.objects.get(learner=learner)

    joy = open_portal(viewport=PHONE)
    with subtests.test(msg="she signs in on her phone with an emailed code"):
        joy.goto(reverse("learner_sign_in"))
        check(joy, subtests, camera, "sign in", "learner", phone=True)
        joy.page.get_by_label("Email address").fill(EMAIL)
        submit(joy, "Email me a code")
        assert joy.h1() == "Check your email"
        check(joy, subtests, camera, "sign-in code", "learner", phone=True)
        [message] = [m for m in mailoutbox if EMAIL in m.to]
        code = re.search(r"^(\d{6})$", message.body, re.MULTILINE)
        assert code, message.body
        joy.page.get_by_label("Sign-in code").fill(code[1])
        submit(joy, "Continue")
        assert joy.h1() == "Your training"
        assert "You are booked onto the literacy assessment" in joy.page.locator("#literacy").inner_text()
        check(joy, subtests, camera, "your training before the assessment", "learner", phone=True)

    with subtests.test(msg="she takes the literacy assessment in the portal and passes"):
        follow(joy, "Take the literacy assessment")
        questions = list(booking.assessment.questions.all())
        for number, question in enumerate(questions, start=1):
            assert f"Question {number} of {len(questions)}" in joy.page.locator("main").inner_text()
            if number == 1:
                check(joy, subtests, camera, "assessment question", "learner", phone=True)
            joy.page.get_by_label(question.options[question.correct], exact=True).check()
            submit(joy, "Finish" if number == len(questions) else "Next question")
        assert "Passed" in joy.page.locator(".govuk-panel").inner_text()
        check(joy, subtests, camera, "assessment passed", "learner", phone=True)
        follow(joy, "Back to your training")
        assert "You passed the literacy assessment" in joy.page.locator("#literacy").inner_text()
    booking.refresh_from_db()
    assert booking.status == "passed"

    with subtests.test(msg="her employer books her onto Translating Care and the place is booked"):
        admin.goto(reverse("programme_list"))
        follow(admin, "Translating Care")
        page.locator(f"main a[href='{cohort.get_absolute_url()}']").first.click()
        page.wait_for_load_state()
        # Oakfield also employs recruits: she is among the nominated staff.
        staff_list = page.locator("main form").get_by_label("Or a nominated member of staff")
        staff_list.select_option(label=f"{NAME} — Care assistant, Oakfield Care Homes Ltd")
        submit(admin, "Book")
        assert page.locator("#status").inner_text().strip() == "Booked"
        assert page.locator("#missing").count() == 0
    enrolment = Enrolment.objects.get(cohort=cohort, learner=learner)
    assert enrolment.status == EnrolmentStatus.BOOKED

    # The days pass; the hub team takes each day's register.
    move_to_past(cohort)
    staff = open_portal()
    staff.log_in("staff.wm")
    with subtests.test(msg="the hub team marks her present on each day's register"):
        staff.goto(cohort.get_absolute_url())
        for number in range(cohort.days.count()):
            staff.page.locator("main").get_by_role("link", name="Register").nth(number).click()
            staff.page.wait_for_load_state()
            assert staff.h1().startswith("Register:")
            staff.page.get_by_label(NAME).check()
            submit(staff, "Save the register")
            assert "was saved" in staff.page.locator(".govuk-notification-banner").inner_text()
            staff.goto(cohort.get_absolute_url())
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == "valid" and certificate.holder_name == NAME

    with subtests.test(msg="the hub team records the awarding body's certificate number from her page"):
        staff.goto(reverse("learner_list"))
        staff.page.locator("main").get_by_role("link", name=NAME).click()
        staff.page.wait_for_load_state()
        assert staff.h1() == NAME
        check(staff, subtests, camera, "page for the hub team", "staff.wm")
        follow(staff, "Record the awarding body's certificate")
        staff.page.get_by_label("Awarding body certificate number").fill(AWARDING_NUMBER)
        fill_date(staff.page.locator("main form"), "Date awarded", timezone.localdate().isoformat())
        submit(staff, "Save")
        assert staff.h1() == NAME
        assert AWARDING_NUMBER in staff.page.locator("#certificates").inner_text()
    certificate.refresh_from_db()
    assert certificate.awarding_body_number == AWARDING_NUMBER

    with subtests.test(msg="she finds both certificates on Your training"):
        joy.goto(reverse("my_learning"))
        assert joy.h1() == "Your training"
        certificates = joy.page.locator("#certificates").inner_text()
        assert "Translating Care" in certificates and certificate.code in certificates
        assert f"{certificate.awarding_body} certificate number {AWARDING_NUMBER} awarded" in certificates
        check(joy, subtests, camera, "your training with certificates", "learner", phone=True)
        with joy.page.expect_download() as download:
            joy.page.locator("#certificates").get_by_role("link", name="Download the certificate").first.click()
        assert download.value.suggested_filename == f"certificate-{certificate.code}.pdf"

    with subtests.test(msg="anyone checks the code and sees the awarding body's number"):
        public = open_portal(viewport=PHONE)
        public.goto(reverse("certificate_verify"))
        public.page.get_by_label("Verification code").fill(certificate.code)
        submit(public, "Check")
        result = public.page.locator("main").inner_text()
        assert NAME in result and AWARDING_NUMBER in result
