"""Rule 8: after a revocation a worker's leave ends 60 days after UKVI's curtailment letter, or at
the visa's expiry if sooner; the letter may still be awaited.

A new sponsor's application must be made before leave ends: the rematch request records the CoS
and application dates, the lead's escalation goes on after an offer until the application is
recorded, and an application or a start after leave ends is refused, quoting the rule.

The clock is mirrored from tests/recruits/test_rematch_clock.py against today's module paths (the clock moves
to the rematch/ app with issue 21)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from recruits.leave import Bound, clock_for, curtailment_days

LETTER = dt.date(2026, 11, 2)


def test_rule_08_leave_ends_60_days_after_the_letter() -> None:
    clock = clock_for(letter_date=LETTER, visa_expiry=dt.date(2028, 1, 1))
    assert clock.leave_end == dt.date(2027, 1, 1) and clock.bound == Bound.LETTER


def test_rule_08_or_at_the_visa_expiry_if_sooner() -> None:
    clock = clock_for(letter_date=LETTER, visa_expiry=dt.date(2026, 12, 1))
    assert clock.leave_end == dt.date(2026, 12, 1) and clock.bound == Bound.VISA


def test_rule_08_while_the_letter_is_awaited_the_visa_is_the_only_bound() -> None:
    clock = clock_for(letter_date=None, visa_expiry=dt.date(2027, 3, 1))
    assert clock.leave_end == dt.date(2027, 3, 1) and clock.bound == Bound.AWAITING_LETTER
    assert "awaiting the UKVI letter" in clock.explanation
    assert clock_for(letter_date=None, visa_expiry=None).leave_end is None


def test_rule_08_the_60_days_are_a_dated_policy_figure(add_figure) -> None:
    add_figure("curtailment_days,90,calendar days,2027-04-06,no,test: a future rule change")
    assert curtailment_days(letter_date=dt.date(2027, 4, 5)) == 60
    assert clock_for(letter_date=dt.date(2027, 4, 6), visa_expiry=None).leave_end == dt.date(2027, 7, 5)


# -- a new sponsor's application must be made before leave ends -----------------------------------


def _lead_rungs(request) -> set[str]:
    from notifications.models import Reminder

    rows = Reminder.objects.filter(object_id=str(request.pk), status=Reminder.Status.SCHEDULED)
    return {kind for kind in rows.values_list("kind", flat=True) if kind.startswith("rematch.leave_end.lead")}


def _record(cast, request, *, cos: dt.date | None, applied: dt.date | None):
    from rematch.services import rematch_update_dates

    request.refresh_from_db()
    return rematch_update_dates(
        actor=cast.staff_a,
        request=request,
        letter_date=request.curtailment_letter_date,
        visa_expiry=request.visa_expiry,
        cos_assigned_on=cos,
        visa_applied_on=applied,
    )


@pytest.mark.django_db
def test_rule_08_the_leads_escalation_goes_on_after_an_offer_until_the_application_is_recorded(cast) -> None:
    from tests.rematch.test_matching import _request, _today

    request = _request(cast, status="offered")  # leave ends in 40 days
    assert _lead_rungs(request) == {"rematch.leave_end.lead.14d", "rematch.leave_end.lead.7d"}
    _record(cast, request, cos=_today(), applied=None)
    both = {"rematch.leave_end.lead.14d", "rematch.leave_end.lead.7d"}
    assert _lead_rungs(request) == both, "a CoS is no application"
    request = _record(cast, request, cos=_today(), applied=_today())
    assert request.cos_assigned_on == request.visa_applied_on == _today()
    assert _lead_rungs(request) == set()
    assert "visa application: " in request.timeline.filter(kind="dates").first().text
    _record(cast, request, cos=_today(), applied=None)  # a date entered by mistake, taken back
    assert _lead_rungs(request) == {"rematch.leave_end.lead.14d", "rematch.leave_end.lead.7d"}


@pytest.mark.django_db
def test_rule_08_an_application_after_leave_ends_is_refused_quoting_the_rule(cast) -> None:
    from tests.rematch.test_matching import _request

    request = _request(cast, status="offered")
    assert request.leave_end is not None
    late = request.leave_end + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        _record(cast, request, cos=request.leave_end, applied=late)
    message = refused.value.message_dict["visa_applied_on"][0]
    assert "“A new sponsor's application must be made before leave ends”" in message
    assert f"{request.leave_end:%-d %B %Y}" in message
    request.refresh_from_db()
    assert request.visa_applied_on is None
    with pytest.raises(ValidationError, match="needs the new sponsor's CoS"):
        _record(cast, request, cos=None, applied=request.leave_end)
    _record(cast, request, cos=request.leave_end, applied=request.leave_end)  # on the last day: in time


@pytest.mark.django_db
def test_rule_08_a_start_date_after_leave_ends_is_refused_quoting_the_rule(cast) -> None:
    from rematch import placements
    from tests.rematch.test_matching import _provider_in_a, _request

    request = _request(cast, status="offered")
    assert request.leave_end is not None
    with pytest.raises(ValidationError) as refused:
        placements.placement_record(
            actor=cast.staff_a,
            request=request,
            provider=_provider_in_a(),
            start_date=request.leave_end + dt.timedelta(days=1),
        )
    message = refused.value.message_dict["start_date"][0]
    assert message.startswith("“A new sponsor's application must be made before leave ends”")
    request.refresh_from_db()
    assert request.status == "offered"
    placed = placements.placement_record(
        actor=cast.staff_a, request=request, provider=_provider_in_a(), start_date=request.leave_end
    )
    assert placed.status == "placed"


@pytest.mark.django_db
def test_rule_08_the_dates_page_records_the_application_and_shows_the_refusal(cast, client) -> None:
    from django.urls import reverse

    from tests.forms.values import form_values
    from tests.rematch.test_matching import _request, _today

    request = _request(cast, status="offered")
    assert request.leave_end is not None
    client.force_login(cast.staff_a)
    url = reverse("rematch_dates", kwargs={"public_id": request.public_id})
    values = form_values(client.get(url).content.decode(), having="visa_applied_on_day")

    def boxes(name: str, day: dt.date) -> dict[str, str]:
        return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}

    # The letter came 65 days ago: leave ended 5 days ago, and an application 3 days ago was too late.
    values |= boxes("curtailment_letter_date", _today() - dt.timedelta(days=65))
    values |= boxes("cos_assigned_on", _today() - dt.timedelta(days=10))
    values |= boxes("visa_applied_on", _today() - dt.timedelta(days=3))
    refused = client.post(url, values)
    assert refused.status_code == 200
    assert "application must be made before leave ends" in refused.content.decode()
    values |= boxes("visa_applied_on", _today() - dt.timedelta(days=6))
    assert client.post(url, values).status_code == 302
    request.refresh_from_db()
    assert request.visa_applied_on == _today() - dt.timedelta(days=6)


@pytest.mark.django_db
def test_rule_08_a_rematch_application_into_care_after_in_country_changes_end_is_refused(cast, add_figure) -> None:
    """Rule 11 reaches the rematch too: the new sponsor's application is an in-country change of employer."""
    from tests.rematch.test_matching import _request, _today

    request = _request(cast, status="offered")
    request.recruit.occupation_code = "6135"
    request.recruit.save()
    add_figure(f"care_in_country_changes,closed,status,{_today():%Y-%m-%d},no,test: the closure brought forward")
    with pytest.raises(ValidationError) as refused:
        _record(cast, request, cos=_today(), applied=_today())
    assert f"ended on {_today():%-d %B %Y}" in refused.value.message_dict["visa_applied_on"][0]
    request.refresh_from_db()
    assert request.visa_applied_on is None
    request.recruit.occupation_code = "2231"  # a nurse: not a care role the closure is about
    request.recruit.save()
    assert _record(cast, request, cos=_today(), applied=_today()).visa_applied_on == _today()


@pytest.mark.django_db
def test_rule_08_the_placement_form_records_the_application_or_refuses_a_late_one(cast, client) -> None:
    """The placement page asks for the CoS and application dates (opened and sent as a browser does):
    a late application refuses the whole placement, nothing half-written; one in time stops the
    lead's escalation with the placement."""
    from django.urls import reverse

    from tests.forms.values import form_values
    from tests.rematch.test_matching import _provider_in_a, _request, _today

    request = _request(cast, status="offered")
    assert request.leave_end is not None
    provider = _provider_in_a()
    client.force_login(cast.staff_a)
    url = reverse("rematch_place", kwargs={"public_id": request.public_id})
    page = client.get(url).content.decode()
    assert "Certificate of Sponsorship (CoS)" in page
    values = form_values(page, having="visa_applied_on_day")

    def boxes(name: str, day: dt.date) -> dict[str, str]:
        return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}

    values |= {"provider": str(provider.public_id)} | boxes("start_date", _today() + dt.timedelta(days=7))
    # Leave has not ended, so an application cannot be late yet: move the letter back 70 days.
    from rematch.services import rematch_update_dates

    rematch_update_dates(
        actor=cast.staff_a,
        request=request,
        letter_date=_today() - dt.timedelta(days=70),
        visa_expiry=request.visa_expiry,
        cos_assigned_on=None,
        visa_applied_on=None,
    )
    request.refresh_from_db()
    assert request.leave_end is not None and request.leave_end < _today()
    cos = request.leave_end - dt.timedelta(days=5)
    values |= boxes("start_date", request.leave_end) | boxes("cos_assigned_on", cos)
    values |= boxes("visa_applied_on", request.leave_end + dt.timedelta(days=1))
    refused = client.post(url, values)
    assert refused.status_code == 200
    assert "application must be made before leave ends" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == "offered" and request.cos_assigned_on is None and request.visa_applied_on is None

    values |= boxes("visa_applied_on", request.leave_end)
    assert client.post(url, values).status_code == 302
    request.refresh_from_db()
    assert request.status == "placed"
    assert (request.cos_assigned_on, request.visa_applied_on) == (cos, request.leave_end)
    assert _lead_rungs(request) == set()
