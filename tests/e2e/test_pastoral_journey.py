"""Pastoral support in a real browser, on a 360 px phone: the demo recruit signs in with a code
sent by email, completes a check-in with a worrying answer and lands on where to get help; hub
staff see the concern; the employer sees only that a check-in happened. axe checks every new
page; screenshots (desktop and phone) go to var/screenshots/pastoral-*.png for review by eye."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .helpers import DESKTOP, LOGIN_PATH, PHONE, Portal, assert_accessible, assert_fits_a_phone
from .screenshots import screenshot_dir

pytestmark = pytest.mark.e2e

WORDS = "My manager keeps my passport in the office safe"


def shoot(portal: Portal, name: str) -> None:
    out = screenshot_dir()
    out.mkdir(parents=True, exist_ok=True)
    size = portal.page.viewport_size
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        portal.page.set_viewport_size(viewport)
        portal.page.screenshot(path=str(out / f"pastoral-{name}--{label}.png"), full_page=True)
    portal.page.set_viewport_size(size)


def check_page(portal: Portal, subtests, name: str) -> None:
    assert_accessible(portal, subtests, name)
    assert_fits_a_phone(portal, subtests, name)
    shoot(portal, name.replace(" ", "-"))
    portal.page.set_viewport_size(PHONE)


def sign_in_with_an_emailed_code(portal: Portal, email: str, mailoutbox) -> None:
    page = portal.page
    portal.goto(LOGIN_PATH)
    with page.expect_navigation():
        page.get_by_role("button", name="Send me a sign-in code").click()
    form = page.locator("main form").filter(has=page.locator("input[name=email]"))
    form.locator("input[name=email]").fill(email)
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    [message] = [m for m in mailoutbox if email in m.to]
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert code, message.body
    page.locator("input[name=code]").fill(code[1])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert portal.path == "/", portal.path


def test_a_recruit_reports_a_problem_the_hub_sees_it_and_the_employer_does_not(
    open_portal, subtests, mailoutbox
) -> None:
    from pastoral.models import Concern
    from recruits.models import Recruit

    recruit = Recruit.objects.get(email="recruit.wm@demo.irhub.example")
    phone = open_portal(viewport=PHONE)
    page = phone.page

    # The recruit: home on a phone, with the big button, the next check-in and the visa countdown.
    sign_in_with_an_emailed_code(phone, recruit.email, mailoutbox)
    assert page.locator("#i-need-help").is_visible()
    assert "Next check-in" in page.locator("main").inner_text()
    check_page(phone, subtests, "recruit home")

    with page.expect_navigation():
        page.get_by_role("link", name="Do your check-in").click()
    assert phone.h1().endswith("check-in")
    check_page(phone, subtests, "recruit check-in form")
    for name, value in {
        "feeling": "not_good",
        "pay_as_promised": "yes",
        "deductions": "no",
        "hours_cut": "no",
        "housing_tied": "no",
        "documents_kept": "yes",  # the red answer
        "feel_safe": "yes",
        "wants_call": "yes",
    }.items():
        page.locator(f"input[name={name}][value={value}]").check()
    page.get_by_label("Is there anything else you want to tell us?").fill(WORDS)
    with page.expect_navigation():
        page.get_by_role("button", name="Send to my hub").click()
    assert phone.h1() == "Get help"
    help_text = page.locator("main").inner_text()
    assert "Thank you for telling us" in help_text
    assert "08000 121 700" in help_text and "ACAS" in help_text and "Citizens Advice" in help_text
    check_page(phone, subtests, "recruit help after a red check-in")

    phone.goto(reverse("pastoral_my_booklet"))
    assert "Your details" in page.locator("main").inner_text()
    check_page(phone, subtests, "recruit welcome booklet")
    with page.expect_navigation():
        phone.goto("/")
    with page.expect_navigation():
        page.locator("#recruit-home a[href*='/appointments/']").click()
    check_page(phone, subtests, "recruit appointment")
    concern = Concern.objects.get(recruit=recruit, source="check_in")
    assert concern.summary == WORDS

    # Hub staff: the concern is in their queue, in the recruit's words.
    hub = open_portal(viewport=PHONE)
    hub.log_in("staff.wm")
    hub.goto(reverse("pastoral_overview") + "?show=concerns")
    assert recruit.full_name in hub.page.locator("#queue").inner_text()
    check_page(hub, subtests, "hub pastoral queues")
    with hub.page.expect_navigation():
        hub.page.locator(f"#queue a[href='{concern.get_absolute_url()}']").click()
    assert WORDS in hub.page.locator("#summary").inner_text()
    assert "Documents kept by the employer" in hub.page.locator("#categories").inner_text()
    check_page(hub, subtests, "hub concern")
    hub.goto(reverse("pastoral_plan", args=[recruit.public_id]))
    check_page(hub, subtests, "hub pastoral plan")
    hub.goto(concern.check_in.get_absolute_url())
    assert WORDS in hub.page.locator("#answers").inner_text()
    check_page(hub, subtests, "hub check-in answers")
    settings_url = reverse("pastoral_hub_settings", args=[recruit.provider.hub.public_id])
    hub.goto(settings_url)
    check_page(hub, subtests, "hub pastoral settings")
    with hub.page.expect_navigation():
        hub.page.get_by_role("link", name="Edit and publish the welcome booklet").click()
    check_page(hub, subtests, "hub booklet draft")
    with hub.page.expect_navigation():
        hub.page.get_by_role("link", name="Add a section").click()
    check_page(hub, subtests, "hub booklet section form")

    # The employer: the check-in took place, and when; nothing the recruit said.
    employer = open_portal(viewport=PHONE)
    employer.log_in("admin.oakfield")
    employer.goto(reverse("pastoral_plan", args=[recruit.public_id]))
    text = employer.page.locator("main").inner_text()
    assert "Month 1" in text and concern.check_in.done_on.strftime("%-d %b %Y") in text
    for secret in (WORDS, "Documents kept", "Red", "Not good"):
        assert secret not in text, secret
    employer.goto(concern.get_absolute_url(), expect_status=404)
    employer.goto(concern.check_in.get_absolute_url())
    assert WORDS not in employer.page.locator("main").inner_text()
    employer.goto(reverse("pastoral_plan", args=[recruit.public_id]))
    check_page(employer, subtests, "employer pastoral plan")
