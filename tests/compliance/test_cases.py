"""Cases: steps from the region's protocol, the status machine, reminders and the case-opened notice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.models import CaseStatus, EventKind, ProtocolStep
from compliance.services import (
    case_add_entry,
    case_transition,
    licence_event_record,
    protocol_for,
    protocol_replace_steps,
    step_complete,
    step_update,
)
from notifications.models import Notification, Reminder
from notifications.services import reminder_send

from .builders import REVOKED_ON, revoke

pytestmark = pytest.mark.django_db


def test_a_case_copies_the_default_protocol_with_due_dates_from_the_event(cast) -> None:
    case = revoke(cast)
    steps = list(case.steps.all())
    assert [s.title for s in steps][:2] == [
        "Notify the director of adult social services (DASS) and commissioners",
        "Contact the provider",
    ]
    assert len(steps) == 8
    # Mon 2 Nov 2026: 1 working day later, 5 working days, and 60 calendar days.
    assert steps[0].due_on == dt.date(2026, 11, 3)
    assert steps[2].due_on == dt.date(2026, 11, 9)
    assert steps[6].due_on == REVOKED_ON + dt.timedelta(days=60)
    assert steps[0].assignee == cast.lead_a and steps[3].assignee is None  # hub staff step: nobody yet
    assert case.owner == cast.lead_a and case.priority == "high"


def test_editing_the_template_does_not_rewrite_an_open_cases_steps(cast) -> None:
    case = revoke(cast)
    before = list(case.steps.values_list("title", "due_on"))
    protocol_replace_steps(
        actor=cast.lead_a,
        region=cast.region_a,
        steps=[
            {"title": "Phone the DASS", "guidance": "", "performer": "lead", "due_offset": 2, "offset_unit": "calendar"}
        ],
    )
    assert list(case.steps.values_list("title", "due_on")) == before
    template = protocol_for(cast.region_a)
    assert not template.is_default and list(template.steps.values_list("title", flat=True)) == ["Phone the DASS"]
    case_transition(actor=cast.lead_a, case=case, to_status="active")
    case_transition(actor=cast.lead_a, case=case, to_status="monitoring")
    case_transition(actor=cast.lead_a, case=case, to_status="closed", note="Tell the council sooner.")
    provider = case.provider
    provider.licence_status = "active"
    provider.save()
    new = licence_event_record(actor=cast.lead_a, provider=provider, kind=EventKind.SURRENDER, event_date=REVOKED_ON)
    assert new.case is not None and list(new.case.steps.values_list("title", "due_on")) == [
        ("Phone the DASS", REVOKED_ON + dt.timedelta(days=2))
    ]


def test_only_the_lead_edits_the_protocol_and_it_needs_a_step(cast) -> None:
    protocol_for(cast.region_a)
    with pytest.raises(ValidationError, match="Only the region's lead"):
        protocol_replace_steps(actor=cast.staff_a, region=cast.region_a, steps=[])
    with pytest.raises(ValidationError, match="at least one step"):
        protocol_replace_steps(actor=cast.lead_a, region=cast.region_a, steps=[])
    assert ProtocolStep.objects.filter(template__region=cast.region_a).count() == 8


def test_the_case_moves_open_active_monitoring_closed_and_no_other_way(cast) -> None:
    case = revoke(cast)
    with pytest.raises(ValidationError, match="can only move to “Active”"):
        case_transition(actor=cast.lead_a, case=case, to_status="closed", note="x")
    case_transition(actor=cast.lead_a, case=case, to_status="active")
    with pytest.raises(ValidationError, match="Only the region's lead"):
        case_transition(actor=cast.staff_a, case=case, to_status="monitoring")
    case_transition(actor=cast.lead_a, case=case, to_status="monitoring")
    case_transition(actor=cast.lead_a, case=case, to_status="active")  # something needs work again
    case_transition(actor=cast.lead_a, case=case, to_status="monitoring")
    with pytest.raises(ValidationError, match="lessons learned"):
        case_transition(actor=cast.lead_a, case=case, to_status="closed")
    case = case_transition(actor=cast.lead_a, case=case, to_status="closed", note="Ask for the worker list on day 1.")
    assert case.status == CaseStatus.CLOSED and case.lessons_learned and case.closed_at
    with pytest.raises(ValidationError, match="closed"):
        case_transition(actor=cast.lead_a, case=case, to_status="active")
    with pytest.raises(ValidationError, match="closed"):
        case_add_entry(actor=cast.staff_a, case=case, kind="note", text="late")


def test_steps_remind_their_assignee_and_stop_when_done(cast) -> None:
    today = timezone.localdate()
    case = revoke(cast, on=today)
    step = case.steps.get(position=2)
    reminders = Reminder.objects.filter(kind="compliance.step_due", object_id=str(step.pk))
    assert {(r.recipient_id, r.recipient_role) for r in reminders} == {(cast.lead_a.pk, ""), (None, "lead")}
    step_update(actor=cast.lead_a, step=step, due_on=step.due_on + dt.timedelta(days=5), assignee=cast.staff_a)
    scheduled = reminders.filter(status="scheduled")
    assert {r.recipient_id for r in scheduled} == {cast.staff_a.pk, None}
    with pytest.raises(ValidationError, match="Say what was done"):
        step_complete(actor=cast.staff_a, step=step, note=" ")
    step_complete(actor=cast.staff_a, step=step, note="Spoke to the manager.")
    assert not reminders.filter(status="scheduled").exists()
    with pytest.raises(ValidationError, match="already done"):
        step_complete(actor=cast.staff_a, step=step, note="again")


def test_a_step_cannot_go_to_someone_outside_the_hub_team(cast) -> None:
    step = revoke(cast).steps.first()
    with pytest.raises(ValidationError, match="hub team"):
        step_update(actor=cast.lead_a, step=step, due_on=step.due_on, assignee=cast.council_officer_a)


def test_opening_a_case_tells_the_regions_leads_and_the_areas_council_officers_now(cast) -> None:
    case = revoke(cast)
    notices = Reminder.objects.filter(kind="compliance.case_opened", object_id=str(case.pk))
    assert {r.recipient_role for r in notices} == {"lead", "council"}
    assert all(r.due_at <= timezone.now() for r in notices)
    for reminder in notices:
        reminder_send(reminder_id=reminder.pk)
    told = set(Notification.objects.filter(kind="compliance.case_opened").values_list("user__email", flat=True))
    assert told == {cast.lead_a.email, cast.council_officer_a.email}


def test_a_suspended_providers_workers_stay_employed(cast) -> None:
    licence_event_record(actor=cast.lead_a, provider=cast.provider_a, kind=EventKind.SUSPENSION, event_date=REVOKED_ON)
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.provider == cast.provider_a
    assert cast.recruit_a.status == "arriving"  # unchanged by the event


def test_a_lead_hands_the_case_and_its_open_steps_to_another_lead(cast, client) -> None:
    from django.urls import reverse

    from compliance.services import case_reassign
    from hubs.roles import Role
    from tests.factories import user_with_role

    today = timezone.localdate()
    case = revoke(cast, on=today)
    other_lead = user_with_role(Role.LEAD, cast.region_a, name="Omar Other-Lead")
    mine = list(case.steps.filter(assignee=cast.lead_a).values_list("pk", flat=True))
    assert mine, "the sample protocol gives the owner steps"
    done = case.steps.get(pk=mine[0])
    step_complete(actor=cast.lead_a, step=done, note="Done before the hand-over.")
    with pytest.raises(ValidationError, match="Choose a lead of the region"):
        case_reassign(actor=cast.lead_a, case=case, owner=cast.staff_a, priority="high")
    with pytest.raises(ValidationError, match="Only the region's lead"):
        case_reassign(actor=cast.staff_a, case=case, owner=other_lead, priority="high")

    client.force_login(cast.lead_a)
    url = reverse("case_owner", args=[case.public_id])
    page = client.get(url).content.decode()
    assert "Omar Other-Lead" in page, "the region's leads are offered"
    assert f'value="{cast.staff_a.pk}"' not in page and f'value="{cast.lead_b.pk}"' not in page
    client.post(url, {"owner": other_lead.pk, "priority": "medium"})
    case.refresh_from_db()
    assert case.owner == other_lead and case.priority == "medium"
    done.refresh_from_db()
    assert done.assignee == cast.lead_a, "finished steps keep who did them"
    moved = case.steps.filter(pk__in=mine[1:])
    assert all(step.assignee == other_lead for step in moved)
    scheduled = Reminder.objects.filter(
        kind="compliance.step_due", object_id__in=[str(pk) for pk in mine[1:]], status="scheduled"
    )
    assert cast.lead_a.pk not in {r.recipient_id for r in scheduled}
    assert other_lead.pk in {r.recipient_id for r in scheduled}
    assert "Owner changed from" in case.entries.first().text
    entries = case.entries.count()
    again = client.post(url, {"owner": other_lead.pk, "priority": "medium"}, follow=True)
    assert "Nothing changed" in again.content.decode()  # sent as shown: accepted, nothing written
    assert case.entries.count() == entries


def test_the_protocol_saved_unchanged_keeps_its_rows(cast) -> None:
    template = protocol_for(cast.region_a)
    rows = list(
        template.steps.order_by("position").values("title", "guidance", "performer", "due_offset", "offset_unit")
    )
    before = list(template.steps.values_list("pk", flat=True))
    protocol_replace_steps(actor=cast.lead_a, region=cast.region_a, steps=rows)
    template.refresh_from_db()
    assert template.is_default and list(template.steps.values_list("pk", flat=True)) == before
