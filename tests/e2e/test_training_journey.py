"""Translating Care end to end in a real browser.

A recruit books the demo "Translating Care" cohort, is told what evidence is missing, uploads an
English certificate; hub staff accept it; the trainer takes the register on a phone; the recruit
downloads the certificate, whose code the public page verifies. Each page is checked with axe
(desktop and phone), for sideways scrolling at 360 px, and photographed into var/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests.pdfs import pdf_facts
from tests.training.builders import PDF_BYTES, move_to_past

from .helpers import PHONE, Portal, assert_accessible, assert_fits_a_phone, fill_date
from .screenshots import Camera, screenshot_dir

pytestmark = pytest.mark.e2e


def submit(portal: Portal, button: str) -> None:
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("button", name=button).click()


def follow(portal: Portal, link: str) -> None:
    with portal.page.expect_navigation():
        portal.page.locator("main").get_by_role("link", name=link).first.click()


def check(portal: Portal, subtests, camera: Camera, name: str, who: str) -> None:
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    camera.take(portal, f"training-{name.replace(' ', '-')}", who, 200)


def test_a_recruit_books_translating_care_and_downloads_the_certificate(
    portal: Portal, open_portal, subtests, tmp_path: Path
) -> None:
    from training.models import Certificate, Cohort, Enrolment

    camera = Camera(screenshot_dir())
    # The cohort to book: the West Midlands also has a completed one (the demo's certificates).
    cohort = Cohort.objects.filter(programme__title="Translating Care", region__code="E12000005").order_by(
        "-booking_deadline"
    )[0]

    # The recruit finds the programme and books.
    portal.log_in("recruit.wm")
    page = portal.page
    portal.goto(reverse("programme_list"))
    assert portal.h1() == "Training"
    check(portal, subtests, camera, "catalogue", "recruit.wm")
    follow(portal, "Translating Care")
    assert "English at ESOL Entry 3" in page.locator("main").inner_text()
    check(portal, subtests, camera, "programme", "recruit.wm")
    page.locator(f"main a[href='{cohort.get_absolute_url()}']").first.click()
    page.wait_for_load_state()
    check(portal, subtests, camera, "cohort", "recruit.wm")
    submit(portal, "Book a place")
    assert page.locator("#status").inner_text().strip() == "Pending evidence"
    missing = page.locator("#missing").inner_text()
    assert "English at ESOL Entry 3 or higher" in missing and "by " in missing
    check(portal, subtests, camera, "pending evidence", "recruit.wm")

    # They upload a certificate, first a file that is not what it says.
    follow(portal, "Upload an English certificate")
    form = page.locator("main form")
    form.get_by_label("English level on the certificate").select_option("entry_3")
    fill_date(form, "Date on the certificate", "2025-09-01")
    form.locator("input[type=file]").set_input_files(
        {"name": "esol.pdf", "mimeType": "application/pdf", "buffer": b"GIF89a not a pdf"}
    )
    submit(portal, "Upload")
    assert "This file says it is a PDF but it is not" in page.locator(".govuk-error-summary").inner_text()
    check(portal, subtests, camera, "evidence upload errors", "recruit.wm")
    fill_date(form, "Date on the certificate", "2025-09-01")
    form.locator("input[type=file]").set_input_files(
        {"name": "esol-entry-3.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    submit(portal, "Upload")
    assert page.locator("#status").inner_text().strip() == "Pending evidence"
    assert "waiting for the hub to check it" in page.locator("#missing").inner_text()

    # Hub staff accept it.
    staff = open_portal()
    staff.log_in("staff.wm")
    staff.goto(reverse("evidence_list"))
    check(staff, subtests, camera, "evidence to check", "staff.wm")
    follow(staff, "Amara Okafor")
    check(staff, subtests, camera, "evidence review", "staff.wm")
    staff.page.get_by_label("Yes, accept it").check()
    submit(staff, "Save")
    enrolment = Enrolment.objects.get(cohort=cohort, recruit__user__email__startswith="recruit.wm@")
    assert enrolment.status == "booked"

    # The days pass; the trainer (the same hub staff member: a second sign-in within 30 s would
    # reuse a single-use TOTP code) takes each day's register on a phone.
    move_to_past(cohort)
    trainer = staff
    trainer.page.set_viewport_size(PHONE)
    trainer.goto(cohort.get_absolute_url())
    for number in range(3):
        trainer.page.locator("main").get_by_role("link", name="Register").nth(number).click()
        trainer.page.wait_for_load_state()
        assert trainer.h1().startswith("Register:")
        if number == 0:
            assert trainer.horizontal_overflow()["scrollWidth"] <= PHONE["width"]
            check(trainer, subtests, camera, "register", "staff.wm")
            trainer.page.set_viewport_size(PHONE)
        trainer.page.get_by_label("Amara Okafor").check()
        submit(trainer, "Save the register")
        assert "was saved" in trainer.page.locator(".govuk-notification-banner").inner_text()
        trainer.goto(cohort.get_absolute_url())
    certificate = Certificate.objects.get(enrolment=enrolment)

    # The recruit downloads the certificate from their plan.
    portal.goto(reverse("my_training_plan"))
    assert portal.h1() == "Your training plan"
    check(portal, subtests, camera, "plan", "recruit.wm")
    with page.expect_download() as download_info:
        page.locator("#certificates").get_by_role("link", name="Download the certificate").click()
    saved = tmp_path / "certificate.pdf"
    download_info.value.save_as(saved)
    facts = pdf_facts(saved.read_bytes())
    assert "Amara Okafor" in facts.text and certificate.code in facts.text and facts.tagged

    # Anyone can check the code, signed in or not.
    public = open_portal()
    public.goto(reverse("certificate_verify"))
    public.page.get_by_label("Verification code").fill(certificate.code.lower())
    submit(public, "Check")
    assert "Amara Okafor" in public.page.locator("#certificate").inner_text()
    check(public, subtests, camera, "verification", "anonymous")


def test_the_other_training_pages_are_accessible_and_fit_a_phone(portal: Portal, open_portal, subtests) -> None:
    from recruits.models import Recruit

    camera = Camera(screenshot_dir())
    amara = Recruit.objects.get(user__email__startswith="recruit.wm@")

    staff = portal
    staff.log_in("staff.wm")
    for name, path in [
        ("figures", reverse("training_figures")),
        ("resources", reverse("resource_list")),
        ("add a resource", reverse("resource_new")),
        ("add a programme", reverse("programme_new")),
        ("recruit plan for the hub", reverse("training_plan", args=[amara.public_id])),
        ("care certificate review", reverse("care_certificate", args=[amara.public_id])),
        ("development plan form", reverse("development_plan_edit", args=[amara.public_id])),
    ]:
        staff.goto(path)
        check(staff, subtests, camera, name, "staff.wm")
    staff.goto(reverse("programme_new"))
    submit(staff, "Save")
    assert "Enter the title of the programme" in staff.page.locator(".govuk-error-summary").inner_text()
    check(staff, subtests, camera, "add a programme errors", "staff.wm")

    recruit = open_portal(viewport=PHONE)
    recruit.log_in("recruit.wm")
    for name, path in [
        ("care certificate self-assessment", reverse("care_certificate", args=[amara.public_id])),
        ("development plan", reverse("development_plan", args=[amara.public_id])),
    ]:
        recruit.goto(path)
        check(recruit, subtests, camera, name, "recruit.wm")
    recruit.goto(reverse("care_certificate", args=[amara.public_id]))
    recruit.page.locator("input[name='rating-10'][value='not_yet']").check()
    submit(recruit, "Save")
    assert "suggestion" in recruit.page.locator(".govuk-notification-banner").inner_text()
