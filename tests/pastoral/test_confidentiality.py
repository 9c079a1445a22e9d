"""What a recruit tells the hub never reaches provider roles: every route the URL resolver knows,
requested as the recruit's own provider admin and provider staff with every id we seeded, plus
the exports, the booklet PDF, the calendar feed and the emails. The seeded sentence must never
appear (the pages are read as text, PDFs through their extracted text)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import NoReverseMatch, reverse

from notifications.calendar import calendar_feed_create
from notifications.models import Reminder
from notifications.tasks import send_reminder
from pastoral import services
from pastoral.models import CheckInStatus
from tests.conftest import Cast
from tests.pdfs import pdf_facts
from tests.security.urls import all_routes

from .builders import SECRET, appointment_for, help_concern, plan_for, published_booklet, red_check_in

PROVIDER_ROLES = ["provider_admin_a", "provider_staff_a"]
# Also leaked if shown: the words of the categories the recruit chose and the red tag.
TELLTALES = [SECRET, "Documents kept by the employer", "Deductions or repayment demands", "Red check-in"]
STRING_VALUES = ["due", "overdue", "red", "concerns", "by_provider", "by_month", "x"]


def _seed(cast: Cast) -> dict[str, object]:
    plan = plan_for(cast)
    check_in, concern = red_check_in(cast)
    services.concern_act(actor=cast.staff_a, concern=concern, action=f"Called back: {SECRET}", owner=cast.staff_a)
    help_concern(cast)
    appointment = appointment_for(cast)
    booklet = published_booklet(cast)
    second = plan.check_ins.filter(status=CheckInStatus.DUE).order_by("due_date").first()
    services.check_in_record(actor=cast.staff_a, check_in=second, method="call", hub_notes=SECRET,
                             answers={"feeling": "okay", "pay_as_promised": "yes", "deductions": "no",
                                      "hours_cut": "no", "housing_tied": "no", "documents_kept": "no",
                                      "feel_safe": "yes", "anything_else": SECRET, "wants_call": False})  # fmt: skip
    return {
        "ids": [
            cast.recruit_a.public_id,
            plan.public_id,
            check_in.public_id,
            second.public_id,
            concern.public_id,
            appointment.public_id,
            booklet.public_id,
            booklet.sections.first().public_id,
            cast.hub_a.public_id,
            cast.provider_a.public_id,
        ],
    }


def _urls(ids: list[object]) -> Iterator[str]:
    for route in all_routes():
        if route.name is None or route.route.startswith("admin/"):
            continue
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route.route)
        if not params:
            try:
                yield reverse(route.name)
            except NoReverseMatch:
                continue
            continue
        if len(params) > 1:
            candidates = [dict.fromkeys((name for _, name in params), value) for value in ids]
        else:
            converter, name = params[0]
            values = ids if converter == "uuid" else STRING_VALUES if converter in ("str", "") else []
            candidates = [{name: value} for value in values]
        for kwargs in candidates:
            try:
                yield reverse(route.name, kwargs=kwargs)
            except NoReverseMatch:
                continue


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_facts(content).text
    return content.decode(errors="replace")


@pytest.mark.parametrize("who", PROVIDER_ROLES)
def test_no_provider_route_shows_what_the_recruit_told_the_hub(cast: Cast, client, who: str) -> None:
    seeded = _seed(cast)
    client.force_login(getattr(cast, who))
    urls = sorted(set(_urls(seeded["ids"])))
    assert len(urls) > 150  # the sweep really walks the whole project
    seen = 0
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            seen += 1
        text = _text(response)
        leaked = [t for t in TELLTALES if t in text]
        assert not leaked, f"{who} saw {leaked} at {url}"
    assert seen > 20
    # The provider does see that the check-ins happened, and when.
    plan_page = client.get(reverse("pastoral_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert "Week 1" in plan_page and "Not yet" in plan_page


def test_posting_to_confidential_pages_as_a_provider_finds_nothing(cast: Cast, client) -> None:
    seeded = _seed(cast)
    client.force_login(cast.provider_admin_a)
    for name in (
        "pastoral_concern",
        "pastoral_concern_act",
        "pastoral_concern_close",
        "pastoral_appointment",
        "pastoral_appointment_change",
        "pastoral_appointment_done",
        "pastoral_appointment_cancel",
        "pastoral_appointment_rearrange",
        "pastoral_recruit_booklet_pdf",
    ):
        for value in seeded["ids"]:
            try:
                url = reverse(name, args=[value])
            except NoReverseMatch:
                continue
            assert client.post(url, {"form": "close", "close-outcome": "x"}).status_code == 404


def test_the_hub_does_see_it(cast: Cast, client) -> None:
    _seed(cast)
    client.force_login(cast.staff_a)
    concerns = client.get(reverse("pastoral_overview") + "?show=concerns").content.decode()
    assert "Documents kept by the employer" in concerns
    export = client.get(reverse("pastoral_export", args=["concerns"])).content.decode()
    assert cast.recruit_a.full_name in export


def test_provider_emails_and_the_calendar_feed_carry_nothing_confidential(
    cast: Cast, client, in_process, mailoutbox
) -> None:
    _seed(cast)
    for reminder in Reminder.objects.all():
        in_process(send_reminder, reminder.pk)
    provider_emails = [m for m in mailoutbox if cast.provider_admin_a.email in m.to]
    assert provider_emails  # the overdue check-in reached the employer
    for message in mailoutbox:
        body = message.subject + message.body + "".join(str(a[0]) for a in message.alternatives)
        assert not [t for t in TELLTALES if t in body], message.subject
    for who in (cast.provider_admin_a, cast.recruit_user_a):
        token = calendar_feed_create(user=who)
        feed = client.get(reverse("calendar_feed", args=[token])).content.decode()
        assert SECRET not in feed
    assert "Appointment with your hub" in feed  # the recruit's own feed has the appointment, not its purpose
