"""Builders for pastoral tests: a plan, a red check-in carrying a confidential sentence, a
concern, an appointment and a published booklet, all for region A's recruit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pastoral import booklet as booklets
from pastoral import services
from pastoral.models import Appointment, Booklet, CheckIn, Concern, PastoralPlan
from tests.conftest import Cast

# Seeded into every confidential field; it must never reach a provider.
SECRET = "Boss keeps my passport ZQX-CONFIDENTIAL-4471"

RED_ANSWERS: dict[str, Any] = {
    "feeling": "struggling",
    "pay_as_promised": "no",
    "deductions": "yes",
    "hours_cut": "no",
    "housing_tied": "no",
    "documents_kept": "yes",
    "feel_safe": "yes",
    "anything_else": SECRET,
    "wants_call": True,
}
GREEN_ANSWERS: dict[str, Any] = {
    **RED_ANSWERS,
    "feeling": "good",
    "pay_as_promised": "yes",
    "deductions": "no",
    "documents_kept": "no",
    "anything_else": "All fine",
    "wants_call": False,
}


def plan_for(cast: Cast, recruit: Any = None, *, start: dt.date | None = None) -> PastoralPlan:
    recruit = recruit or cast.recruit_a
    start = start or timezone.localdate() - dt.timedelta(days=40)
    return services.pastoral_plan_start(actor=cast.lead_a, recruit=recruit, start_date=start)


def red_check_in(cast: Cast) -> tuple[CheckIn, Concern]:
    plan = PastoralPlan.objects.filter(recruit=cast.recruit_a).first() or plan_for(cast)
    check_in = plan.check_ins.order_by("due_date").first()
    assert check_in is not None
    done, concern = services.check_in_record(
        actor=cast.recruit_user_a, check_in=check_in, method="self", answers=dict(RED_ANSWERS)
    )
    assert concern is not None
    return done, concern


def help_concern(cast: Cast) -> Concern:
    return services.concern_help_request(
        actor=cast.recruit_user_a, recruit=cast.recruit_a, message=SECRET, wants_call=True
    )


def appointment_for(cast: Cast, *, purpose: str = SECRET, days: int = 5) -> Appointment:
    return services.appointment_book(
        actor=cast.staff_a,
        recruit=cast.recruit_a,
        data={
            "starts_at": timezone.now() + dt.timedelta(days=days),
            "minutes": 30,
            "purpose": purpose,
            "place": "Hub office, room 2",
            "video_link": "",
        },
    )


def published_booklet(cast: Cast, *, extra_sections: int = 0) -> Booklet:
    booklet = booklets.booklet_create(actor=cast.lead_a, hub=cast.hub_a)
    for n in range(extra_sections):
        booklets.booklet_section_save(
            actor=cast.lead_a,
            booklet=booklet,
            data={"order": 20 + n, "topic": "other", "heading": f"More about living here {n + 1}", "body": LONG_TEXT},
        )
    booklets.booklet_publish(actor=cast.lead_a, booklet=booklet)
    return booklet


LONG_TEXT = "\n\n".join(
    [
        "Your local library lends books, gives free computer access and runs English conversation groups. "
        "Bring proof of your address to join; it costs nothing.",
        "- Buses run every 10 minutes in the daytime\n- Weekly tickets are cheaper than daily ones\n"
        "- Children under 5 travel free",
        "**Keep copies** of your payslips, your contract and your Certificate of Sponsorship. "
        "If anything changes, tell your hub: [contact us](https://example.org/hub).",
    ]
    * 3
)
