"""Red flags: which answers make a check-in red, the concern it opens, and its handling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from notifications.models import Reminder
from pastoral import services
from pastoral.models import ConcernSource, ConcernStatus, Referral
from pastoral.services import red_flags
from tests.conftest import Cast

from .builders import GREEN_ANSWERS, RED_ANSWERS, SECRET, plan_for, red_check_in


@pytest.mark.parametrize(
    ("answer", "value", "flag"),
    [
        ("pay_as_promised", "no", "pay"),
        ("deductions", "yes", "deductions"),
        ("documents_kept", "yes", "documents"),
        ("housing_tied", "yes", "housing"),
        ("feel_safe", "no", "safety"),
    ],
)
def test_each_worrying_answer_is_a_red_flag(answer: str, value: str, flag: str) -> None:
    assert red_flags({**GREEN_ANSWERS, answer: value}) == [flag]


@pytest.mark.parametrize(
    ("answer", "value"),
    [("pay_as_promised", "not_sure"), ("housing_tied", "not_sure"), ("hours_cut", "yes"), ("feeling", "struggling")],
)
def test_unsure_or_wellbeing_answers_are_not_red(answer: str, value: str) -> None:
    assert red_flags({**GREEN_ANSWERS, answer: value}) == []


def test_a_green_check_in_opens_no_concern(cast: Cast) -> None:
    plan = plan_for(cast)
    check_in, concern = services.check_in_record(
        actor=cast.recruit_user_a, check_in=plan.check_ins.first(), method="self", answers=dict(GREEN_ANSWERS)
    )
    assert concern is None and not check_in.red
    assert check_in.answers.feeling == "good"


def test_a_red_check_in_opens_a_concern_and_tells_hub_staff_without_details(cast: Cast) -> None:
    check_in, concern = red_check_in(cast)
    assert check_in.red
    assert concern.source == ConcernSource.CHECK_IN
    assert concern.categories == ["pay", "deductions", "documents"]
    assert concern.summary == SECRET
    notice = Reminder.objects.get(kind="pastoral.concern_opened")
    assert notice.recipient_role == "hub_staff" and notice.region_id == cast.region_a.pk
    assert notice.due_at <= timezone.now()


def test_a_check_in_is_recorded_once(cast: Cast) -> None:
    check_in, _ = red_check_in(cast)
    with pytest.raises(ValidationError, match="already been recorded"):
        services.check_in_record(actor=cast.staff_a, check_in=check_in, method="call", answers=dict(RED_ANSWERS))


def test_an_employer_check_in_takes_no_answers(cast: Cast) -> None:
    plan = plan_for(cast)
    with pytest.raises(ValidationError, match="does not collect"):
        services.check_in_record(
            actor=cast.provider_admin_a, check_in=plan.check_ins.first(), method="employer", answers=dict(RED_ANSWERS)
        )


def test_a_future_check_in_date_is_refused(cast: Cast) -> None:
    plan = plan_for(cast)
    with pytest.raises(ValidationError):
        services.check_in_record(
            actor=cast.staff_a,
            check_in=plan.check_ins.first(),
            method="call",
            done_on=timezone.localdate() + dt.timedelta(days=1),
        )


def test_a_concern_gets_an_owner_actions_a_referral_escalation_and_an_outcome(cast: Cast) -> None:
    _, concern = red_check_in(cast)
    concern = services.concern_act(actor=cast.staff_a, concern=concern, owner=cast.staff_a, action="Called her back.")
    assert concern.owner == cast.staff_a
    concern = services.concern_act(
        actor=cast.staff_a,
        concern=concern,
        referral=Referral.MODERN_SLAVERY,
        referral_on=timezone.localdate(),
        referral_reference="NRM-1234",
        escalate=True,
    )
    assert concern.status == ConcernStatus.ESCALATED and concern.referral == "modern_slavery"
    assert Reminder.objects.filter(kind="pastoral.concern_escalated", recipient_role="lead").count() == 1
    with pytest.raises(ValidationError, match="outcome"):
        services.concern_close(actor=cast.staff_a, concern=concern, outcome=" ")
    concern = services.concern_close(
        actor=cast.lead_a, concern=concern, outcome="Passport returned; new employer found."
    )
    assert concern.status == ConcernStatus.CLOSED
    assert [a.text for a in concern.actions.all()][-1] == "Closed."
    with pytest.raises(ValidationError, match="closed"):
        services.concern_act(actor=cast.staff_a, concern=concern, action="More")


def test_a_referral_needs_its_date_and_the_owner_must_be_in_the_hub_team(cast: Cast) -> None:
    _, concern = red_check_in(cast)
    with pytest.raises(ValidationError):
        services.concern_act(actor=cast.staff_a, concern=concern, referral=Referral.SAFEGUARDING)
    with pytest.raises(ValidationError):
        services.concern_act(actor=cast.staff_a, concern=concern, owner=cast.staff_b)
    with pytest.raises(PermissionDenied):
        services.concern_act(actor=cast.provider_admin_a, concern=concern, action="Looked into it")
