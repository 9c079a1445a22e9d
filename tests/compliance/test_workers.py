"""Affected workers: from the records, from a pasted list (all-or-nothing with a row report), their
statuses and clocks, and rematch requests for all of them through the rematching service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import AffectedWorker, WorkerSource, WorkerStatus
from compliance.selectors import worker_rows
from compliance.workers import worker_set_status, workers_add_from_list, workers_open_rematch_for_all
from recruits.models import Recruit
from rematch.models import RematchRequest
from tests.factories import RecruitFactory

from .builders import revoke

pytestmark = pytest.mark.django_db


def test_the_case_lists_the_providers_recruits_but_not_those_who_left(cast) -> None:
    RecruitFactory(provider=cast.provider_a, given_names="Lee", family_name="Left", status="left")
    case = revoke(cast, cast.provider_a)
    names = set(case.workers.values_list("recruit__family_name", flat=True))
    assert names == {"Adeyemi"}
    assert case.workers.get().source == WorkerSource.RECORDS


def test_a_pasted_list_adds_unverified_records_and_links_known_workers(cast) -> None:
    case = revoke(cast)
    known = Recruit.objects.create(
        region=cast.region_a, provider=case.provider, given_names="Kofi", family_name="Asante", status="employed"
    )
    report = workers_add_from_list(
        actor=cast.staff_a,
        case=case,
        text="given names,family name,date of birth,visa expiry,email,phone\n"
        "Mercy,Boateng,14/02/1991,30/06/2027,mercy@people.test,07700 900123\n"
        "Kofi,Asante,,,,\n"
        "Grace,Gondwe,,,,\n",
    )
    assert report.ok and (report.created, report.linked, report.already) == (1, 1, 1)
    mercy = Recruit.objects.get(family_name="Boateng")
    assert mercy.unverified and mercy.provider == case.provider and mercy.status == "employed"
    assert mercy.visa_expiry == dt.date(2027, 6, 30)
    assert AffectedWorker.objects.filter(case=case, recruit=known, source=WorkerSource.LIST).exists()
    assert case.workers.count() == 4


def test_a_list_with_bad_rows_adds_nobody_and_reports_each_line(cast) -> None:
    case = revoke(cast)
    before = Recruit.objects.count()
    report = workers_add_from_list(
        actor=cast.staff_a,
        case=case,
        text="Mercy,Boateng,14/02/1991\nOnlyonename\nSam,Smith,31/31/1990\nAna,Lima,,,not-an-email\nOk,Person\n",
    )
    assert not report.ok
    assert [number for number, _ in report.errors] == [2, 3, 4]
    assert "the given names and the family name are both needed" in report.errors[0][1]
    assert "“31/31/1990” is not a date" in report.errors[1][1]
    assert "not an email address" in report.errors[2][1]
    assert Recruit.objects.count() == before and case.workers.count() == 2


def test_a_row_the_recruit_checks_refuse_rolls_back_the_whole_list(cast) -> None:
    case = revoke(cast)
    before = Recruit.objects.count()
    long_name = "X" * 151
    report = workers_add_from_list(actor=cast.staff_a, case=case, text=f"Mercy,Boateng\n{long_name},Y\n")
    assert not report.ok and report.errors[0][0] == 2
    assert Recruit.objects.count() == before, "Mercy was not kept either"


def test_workers_show_their_leave_end_clock_soonest_first(cast) -> None:
    case = revoke(cast)
    first, second = case.workers.select_related("recruit")
    first.recruit.curtailment_letter_date = dt.date(2026, 11, 20)
    first.recruit.save()
    second.recruit.visa_expiry = dt.date(2026, 12, 24)
    second.recruit.save()
    rows = worker_rows(case)
    assert [row.leave_end for row in rows] == [dt.date(2026, 12, 24), dt.date(2027, 1, 19)]
    assert "awaiting the UKVI letter" in rows[0].clock_text and "60 days from the UKVI letter" in rows[1].clock_text


def test_contacting_every_worker_stamps_the_case(cast) -> None:
    case = revoke(cast)
    workers = list(case.workers.all())
    worker_set_status(actor=cast.staff_a, worker=workers[0], status=WorkerStatus.CONTACTED)
    case.refresh_from_db()
    assert case.all_contacted_at is None
    worker_set_status(actor=cast.staff_a, worker=workers[1], status=WorkerStatus.NO_RESPONSE)
    case.refresh_from_db()
    assert case.all_contacted_at is not None
    assert "A worker moved" in case.entries.first().text and "Gondwe" not in case.entries.first().text


def test_one_action_opens_rematch_requests_for_all_and_never_a_second(cast) -> None:
    case = revoke(cast)
    recruits = [w.recruit for w in case.workers.select_related("recruit")]
    from rematch.models import Door
    from rematch.services import rematch_open

    rematch_open(actor=cast.staff_a, recruit=recruits[0], door=Door.HUB)
    result = workers_open_rematch_for_all(actor=cast.staff_a, case=case)
    assert (result.opened, result.already_open, result.left_out) == (1, 1, 0)
    assert RematchRequest.objects.filter(recruit__in=recruits).count() == 2
    request = RematchRequest.objects.get(recruit=recruits[1])
    assert request.reason == "licence_lost" and request.door == "hub"
    assert set(case.workers.values_list("status", flat=True)) == {WorkerStatus.REMATCH_OPENED}
    again = workers_open_rematch_for_all(actor=cast.staff_a, case=case)
    assert again.opened == 0 and RematchRequest.objects.filter(recruit__in=recruits).count() == 2


def test_placed_workers_are_left_out_and_an_empty_case_says_so(cast) -> None:
    case = revoke(cast)
    for worker in case.workers.all():
        worker_set_status(actor=cast.staff_a, worker=worker, status=WorkerStatus.PLACED)
    with pytest.raises(ValidationError, match="No worker on this case"):
        workers_open_rematch_for_all(actor=cast.staff_a, case=case)
