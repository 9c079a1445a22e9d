"""Rematch requests: the doors, the one status machine, the timeline, and the reminders it keeps in line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from notifications.models import Reminder
from recruits.models import Document, Recruit, RecruitStatus
from recruits.services import recruit_update
from rematch import services
from rematch.clock import LONDON
from rematch.models import Door, EventKind, Outcome, RematchRequest, RematchStatus
from tests.conftest import Cast
from tests.factories import RecruitFactory


def _today() -> dt.date:
    return timezone.localdate()


def _open(cast: Cast, *, letter_days_ago: int | None = 10, visa_in_days: int = 400, **kwargs) -> RematchRequest:
    recruit = cast.recruit_a
    recruit.curtailment_letter_date = (
        _today() - dt.timedelta(days=letter_days_ago) if letter_days_ago is not None else None
    )
    recruit.visa_expiry = _today() + dt.timedelta(days=visa_in_days)
    recruit.save()
    return services.rematch_open(
        actor=kwargs.pop("actor", cast.staff_a), recruit=recruit, door=kwargs.pop("door", Door.HUB), **kwargs
    )


def _scheduled(request: RematchRequest) -> dict[str, Reminder]:
    rows = Reminder.objects.filter(object_id=str(request.pk), status=Reminder.Status.SCHEDULED)
    return {row.kind: row for row in rows}


def test_the_provider_door_records_reason_and_last_working_day(cast: Cast) -> None:
    last_day = _today() + dt.timedelta(days=14)
    request = _open(
        cast,
        actor=cast.provider_admin_a,
        door=Door.PROVIDER,
        reason="not_enough_work",
        reason_details="Only 10 hours a week left",
        last_working_day=last_day,
    )
    assert request.provider == cast.provider_a and request.region == cast.region_a
    assert request.last_working_day == last_day and request.owner is None
    assert request.status == RematchStatus.NEW
    assert request.leave_end == _today() + dt.timedelta(days=50)
    created = request.timeline.get()
    assert created.kind == EventKind.CREATED and created.actor == cast.provider_admin_a


def test_the_hub_door_makes_the_actor_owner(cast: Cast) -> None:
    assert _open(cast).owner == cast.staff_a


def test_a_worker_cannot_have_two_open_requests(cast: Cast) -> None:
    _open(cast)
    with pytest.raises(ValidationError, match="already has an open rematch request"):
        services.rematch_open(actor=cast.staff_a, recruit=cast.recruit_a, door=Door.HUB)


def test_the_machine_refuses_illegal_moves_naming_the_allowed_ones(cast: Cast) -> None:
    request = _open(cast)
    with pytest.raises(ValidationError) as refused:
        services.rematch_transition(actor=cast.staff_a, request=request, to_status=RematchStatus.OFFERED)
    assert "can only move to “Triage”, “Closed”, not to “Offered”" in str(refused.value)
    request.refresh_from_db()
    assert request.status == RematchStatus.NEW


def test_the_machine_walks_to_placed_recording_who_and_when(cast: Cast) -> None:
    request = _open(cast)
    for status in ("triage", "searching", "introduced", "offered", "placed"):
        services.rematch_transition(actor=cast.lead_a, request=request, to_status=status)
    request.refresh_from_db()
    assert request.status == RematchStatus.PLACED and request.outcome == Outcome.PLACED and request.closed_at
    moves = list(
        request.timeline.filter(kind=EventKind.STATUS).order_by("id").values_list("from_status", "to_status", "actor")
    )
    assert moves[0] == ("new", "triage", cast.lead_a.pk) and moves[-1] == ("offered", "placed", cast.lead_a.pk)
    with pytest.raises(ValidationError, match="finished request cannot change status"):
        services.rematch_transition(actor=cast.lead_a, request=request, to_status=RematchStatus.SEARCHING)


def test_closing_needs_an_outcome(cast: Cast) -> None:
    request = _open(cast)
    with pytest.raises(ValidationError, match="Choose the outcome"):
        services.rematch_transition(actor=cast.staff_a, request=request, to_status=RematchStatus.CLOSED)
    services.rematch_transition(actor=cast.staff_a, request=request, to_status="closed", outcome=Outcome.LEFT_UK)
    request.refresh_from_db()
    assert request.outcome == Outcome.LEFT_UK
    assert "Left the UK" in request.timeline.filter(kind=EventKind.STATUS).get().text


def test_an_offer_that_falls_through_goes_back_to_searching(cast: Cast) -> None:
    request = _open(cast)
    for status in ("triage", "searching", "introduced", "offered", "searching"):
        services.rematch_transition(actor=cast.staff_a, request=request, to_status=status)
    request.refresh_from_db()
    assert request.status == RematchStatus.SEARCHING


def test_reminders_at_45_30_14_7_days_to_the_owner_and_14_7_to_the_lead(cast: Cast) -> None:
    request = _open(cast, letter_days_ago=0)  # 60 days left
    scheduled = _scheduled(request)
    assert set(scheduled) == {
        "rematch.leave_end.45d",
        "rematch.leave_end.30d",
        "rematch.leave_end.14d",
        "rematch.leave_end.7d",
        "rematch.leave_end.lead.14d",
        "rematch.leave_end.lead.7d",
    }
    owner_7 = scheduled["rematch.leave_end.7d"]
    assert request.leave_end is not None
    assert owner_7.recipient == cast.staff_a
    assert owner_7.due_at.astimezone(LONDON).date() == request.leave_end - dt.timedelta(days=7)
    assert owner_7.due_at.astimezone(LONDON).hour == 9
    lead_14 = scheduled["rematch.leave_end.lead.14d"]
    assert lead_14.recipient is None and lead_14.recipient_role == "lead" and lead_14.region == cast.region_a


def test_the_leave_end_reminders_follow_the_ladder_a_superuser_edits(cast: Cast) -> None:
    from notifications.models import LadderRung
    from rematch.reminders import reminders_sync

    LadderRung.objects.create(kind="rematch.leave_end", days=-50, audience="owner")
    LadderRung.objects.filter(kind="rematch.leave_end", days=-45).delete()
    LadderRung.objects.filter(kind="rematch.leave_end", days=-7, audience="lead").update(skip_when=["offered"])
    request = _open(cast, letter_days_ago=0)  # 60 days left
    scheduled = _scheduled(request)
    assert "rematch.leave_end.50d" in scheduled and "rematch.leave_end.45d" not in scheduled
    assert scheduled["rematch.leave_end.50d"].recipient == cast.staff_a
    LadderRung.objects.filter(kind="rematch.leave_end", days=-30).delete()
    reminders_sync(request)
    assert "rematch.leave_end.30d" not in _scheduled(request), "a rung taken away: its reminder is cancelled"
    for status in ("triage", "searching", "introduced", "offered"):
        services.rematch_transition(actor=cast.staff_a, request=request, to_status=status)
    request.refresh_from_db()
    dates = {"letter_date": request.curtailment_letter_date, "visa_expiry": request.visa_expiry}
    services.rematch_update_dates(
        actor=cast.staff_a, request=request, **dates, cos_assigned_on=_today(), visa_applied_on=_today()
    )
    assert "rematch.leave_end.lead.14d" not in _scheduled(request)  # skip_when from the seeded ladder
    assert "rematch.leave_end.lead.7d" not in _scheduled(request)


def test_reminders_already_past_are_not_scheduled(cast: Cast) -> None:
    request = _open(cast, letter_days_ago=40)  # 20 days left
    assert set(_scheduled(request)) == {
        "rematch.leave_end.14d",
        "rematch.leave_end.7d",
        "rematch.leave_end.lead.14d",
        "rematch.leave_end.lead.7d",
    }


def test_without_an_owner_reminders_go_to_the_hub_staff_of_the_region(cast: Cast) -> None:
    request = _open(cast, actor=cast.provider_admin_a, door=Door.PROVIDER, letter_days_ago=0)
    row = _scheduled(request)["rematch.leave_end.45d"]
    assert row.recipient is None and row.recipient_role == "hub_staff" and row.region == cast.region_a


def test_an_offer_with_the_application_made_stops_the_lead_reminders_and_closing_stops_all(cast: Cast) -> None:
    request = _open(cast, letter_days_ago=0)
    for status in ("triage", "searching", "introduced", "offered"):
        services.rematch_transition(actor=cast.staff_a, request=request, to_status=status)
    assert "rematch.leave_end.lead.7d" in _scheduled(request), "an offer is not an application"
    request.refresh_from_db()
    services.rematch_update_dates(
        actor=cast.staff_a,
        request=request,
        letter_date=request.curtailment_letter_date,
        visa_expiry=request.visa_expiry,
        cos_assigned_on=_today(),
        visa_applied_on=_today(),
    )
    assert not any(kind.startswith("rematch.leave_end.lead") for kind in _scheduled(request))
    services.rematch_transition(actor=cast.staff_a, request=request, to_status="searching")
    assert "rematch.leave_end.lead.7d" in _scheduled(request), "back to searching: the lead hears again"
    services.rematch_transition(actor=cast.staff_a, request=request, to_status="closed", outcome="switched_route")
    assert _scheduled(request) == {}


def test_new_dates_move_the_clock_the_reminders_and_the_record(cast: Cast) -> None:
    request = _open(cast, letter_days_ago=None, visa_in_days=200)  # awaiting letter
    assert request.leave_end == _today() + dt.timedelta(days=200)
    letter = _today() - dt.timedelta(days=5)
    services.rematch_update_dates(
        actor=cast.staff_a,
        request=request,
        letter_date=letter,
        visa_expiry=request.visa_expiry,
        cos_assigned_on=None,
        visa_applied_on=None,
    )
    request.refresh_from_db()
    assert request.leave_end == letter + dt.timedelta(days=60)
    cast.recruit_a.refresh_from_db()
    assert cast.recruit_a.curtailment_letter_date == letter
    due = _scheduled(request)["rematch.leave_end.30d"].due_at.astimezone(LONDON).date()
    assert due == request.leave_end - dt.timedelta(days=30)
    assert request.timeline.filter(kind=EventKind.DATES).exists()


def test_editing_the_record_moves_the_open_request(cast: Cast) -> None:
    request = _open(cast, letter_days_ago=None, visa_in_days=200)
    letter = _today() - dt.timedelta(days=1)
    recruit_update(actor=cast.staff_a, recruit=cast.recruit_a, data={"curtailment_letter_date": letter})
    request.refresh_from_db()
    assert request.curtailment_letter_date == letter and request.leave_end == letter + dt.timedelta(days=60)


def test_a_new_owner_gets_the_reminders(cast: Cast) -> None:
    request = _open(cast, letter_days_ago=0)
    services.rematch_assign(actor=cast.lead_a, request=request, owner=cast.lead_a)
    owners = {row.recipient_id for kind, row in _scheduled(request).items() if ".lead." not in kind}
    assert owners == {cast.lead_a.pk}
    with pytest.raises(ValidationError, match="lead or hub staff member of this region"):
        services.rematch_assign(actor=cast.lead_a, request=request, owner=cast.staff_b)


def test_many_at_once_skips_workers_who_already_have_a_request(cast: Cast) -> None:
    others: list[Recruit] = [RecruitFactory(provider=cast.provider_a) for _ in range(3)]
    _open(cast)
    result = services.rematch_open_many(
        actor=cast.lead_a, provider=cast.provider_a, recruits=[cast.recruit_a, *others], reason="licence_lost"
    )
    assert len(result.created) == 3 and result.skipped == [cast.recruit_a]
    assert all(r.owner == cast.lead_a and r.door == Door.HUB for r in result.created)
    with pytest.raises(ValidationError, match="does not work for"):
        services.rematch_open_many(
            actor=cast.lead_a, provider=cast.provider_a, recruits=[cast.recruit_b], reason="other"
        )


def test_a_recruit_refers_themself_with_their_letter(cast: Cast) -> None:
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n")
    request = services.rematch_self_refer(
        actor=cast.recruit_user_a,
        recruit=cast.recruit_a,
        contact={"email": "ada@people.test", "phone": "07700 900123", "address": "1 High St", "postcode": "B1 1AA"},
        current_sponsor_name="Alpha Care Ltd",
        letter_date=_today() - dt.timedelta(days=3),
        letter=letter,
    )
    assert request.door == Door.RECRUIT and request.leave_end == _today() + dt.timedelta(days=57)
    assert Document.objects.get(recruit=cast.recruit_a).kind == "ukvi_letter"


def test_a_bad_letter_upload_writes_nothing(cast: Cast) -> None:
    fake = SimpleUploadedFile("letter.pdf", b"not a pdf")
    with pytest.raises(ValidationError):
        services.rematch_self_refer(actor=cast.recruit_user_a, recruit=cast.recruit_a, contact={}, letter=fake)
    assert not RematchRequest.objects.exists() and not Document.objects.exists()


def test_a_public_referral_is_pending_until_the_hub_confirms_it(cast: Cast) -> None:
    request = services.rematch_public_refer(
        hub=cast.hub_a,
        data={
            "given_names": "Chidi",
            "family_name": "Okoro",
            "phone": "07700 900456",
            "postcode": "b1 1aa",
            "visa_expiry": _today() + dt.timedelta(days=90),
        },
    )
    assert request.pending and request.recruit is None and request.region == cast.region_a
    assert _scheduled(request) == {}, "no reminders before the hub confirms"
    with pytest.raises(ValidationError, match="Confirm this referral"):
        services.rematch_transition(actor=cast.staff_a, request=request, to_status="triage")
    services.rematch_confirm(actor=cast.staff_a, request=request)
    request.refresh_from_db()
    assert not request.pending and request.recruit.family_name == "Okoro"
    assert request.recruit.status == RecruitStatus.DISPLACED and request.recruit.unverified
    assert request.owner == cast.staff_a and "rematch.leave_end.45d" in _scheduled(request)


def test_confirming_links_an_existing_record_of_the_region_only(cast: Cast) -> None:
    request = services.rematch_public_refer(hub=cast.hub_a, data={"given_names": "Bola", "family_name": "Bankole"})
    with pytest.raises(ValidationError, match="recruit of this region"):
        services.rematch_confirm(actor=cast.staff_a, request=request, recruit=cast.recruit_b)
    services.rematch_confirm(actor=cast.staff_a, request=request, recruit=cast.recruit_a)
    request.refresh_from_db()
    assert request.recruit == cast.recruit_a


def test_notes_need_text(cast: Cast) -> None:
    request = _open(cast)
    with pytest.raises(ValidationError):
        services.rematch_add_note(actor=cast.staff_a, request=request, text="  ")
    services.rematch_add_note(actor=cast.staff_a, request=request, text="Called; sent CV")
    assert request.timeline.filter(kind=EventKind.NOTE, text="Called; sent CV").exists()
