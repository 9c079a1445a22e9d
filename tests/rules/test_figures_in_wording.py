"""The figures quoted in the portal's wording ("Leave ends 60 days after the letter", "20 working
days to respond") come from the dated policy figures (`portal/policy.py`), read on today's date,
so a rule change recorded as a new row changes the pages from the day it takes effect, not before."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from recruits.duties.models import DutyKind
from recruits.duties.rules import duty_deadline
from recruits.leave import clock_for
from tests.conftest import Cast
from tests.rematch.test_matching import _request

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)


def _page(client, user, name: str, **kwargs) -> str:
    client.force_login(user)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dates_page_quotes_the_curtailment_days_in_force(cast: Cast, client, add_figure) -> None:
    request = _request(cast)
    kwargs = {"public_id": request.public_id}
    page = _page(client, cast.staff_a, "rematch_dates", **kwargs)
    assert "Leave ends 60 days after the date of the UKVI letter" in page
    add_figure(f"curtailment_days,75,calendar days,{TOMORROW.isoformat()},no,test: tomorrow's change")
    assert "Leave ends 60 days after" in _page(client, cast.staff_a, "rematch_dates", **kwargs), "not before its day"
    add_figure(f"curtailment_days,90,calendar days,{TODAY.isoformat()},no,test: today's change")
    assert "Leave ends 90 days after" in _page(client, cast.staff_a, "rematch_dates", **kwargs)


def test_the_visa_bound_explanation_quotes_the_letters_figure(add_figure) -> None:
    letter = dt.date(2027, 5, 3)
    add_figure("curtailment_days,90,calendar days,2027-05-01,no,test: a future rule change")
    clock = clock_for(letter_date=letter, visa_expiry=dt.date(2027, 6, 1))
    assert clock.explanation == "the visa expires before the 90 days from the UKVI letter run out"


def test_the_duty_page_and_deadlines_quote_the_working_days_in_force(cast: Cast, client, add_figure) -> None:
    kwargs = {"public_id": cast.provider_a.public_id}
    page = _page(client, cast.provider_admin_a, "duty_new", **kwargs)
    assert "10 working days after the event for a worker" in page
    assert "over 10 consecutive working days, 10 working days after the last of them" in page
    assert "20 working days for a change to the organisation" in page
    add_figure(f"duty_report_working_days,15,working days,{TODAY.isoformat()},no,test: today's change")
    add_figure(f"duty_organisation_working_days,25,working days,{TODAY.isoformat()},no,test: today's change")
    page = _page(client, cast.provider_admin_a, "duty_new", **kwargs)
    assert "15 working days after the event for a worker" in page
    assert "25 working days for a change to the organisation" in page
    # The deadlines follow the figure of the event's day: 2 Nov 2026 + 10 working days, and + 15 from a change.
    add_figure("duty_report_working_days,15,working days,2027-11-01,no,test: a future rule change")
    assert duty_deadline(DutyKind.PAY_CUT, dt.date(2026, 11, 2)) == dt.date(2026, 11, 16)
    assert duty_deadline(DutyKind.PAY_CUT, dt.date(2027, 11, 1)) == dt.date(2027, 11, 22)


def test_the_licence_event_form_quotes_the_suspension_and_cooling_off_figures(cast: Cast, client, add_figure) -> None:
    kwargs = {"public_id": cast.provider_a.public_id}
    page = _page(client, cast.lead_a, "licence_event_new", **kwargs)
    assert "20 working days from the letter to respond" in page and "cooling-off of 12 months (24 if" in page
    assert "The 20 working days of a suspension" in page and "up to 3 months after the event" in page
    for row in (
        "representation_working_days,30,working days",
        "cooling_off_months,18,months",
        "action_plan_max_months,4,months",
    ):
        add_figure(f"{row},{TODAY.isoformat()},no,test: today's change")
    page = _page(client, cast.lead_a, "licence_event_new", **kwargs)
    assert "30 working days from the letter to respond" in page and "cooling-off of 18 months (24 if" in page
    assert "The 30 working days of a suspension" in page and "up to 4 months after the event" in page


def test_wording_about_a_dated_event_quotes_the_figure_of_its_day(add_figure) -> None:
    from django.template import Context, Template

    add_figure("representation_working_days,30,working days,2027-03-01,no,test: a future rule change")
    tag = Template('{% load portal_policy %}{% policy_figure "representation_working_days" on=day %}')
    assert tag.render(Context({"day": dt.date(2027, 2, 28)})) == "20"
    assert tag.render(Context({"day": dt.date(2027, 3, 1)})) == "30"
