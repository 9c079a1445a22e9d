"""The retention rules (docs/SECURITY.md, the retention table), run nightly by beat through
`accesslog.tasks.retention_task`: each with a fixed `today`, on the day before its cut-off and on
the cut-off, and each period a dated policy figure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accesslog.rights import retention_cutoff, retention_rules, retention_run
from accesslog.tasks import retention_task
from compliance.models import CaseEntry
from compliance.personal_data import CLEARED_NOTE
from compliance.services import case_add_entry
from portal.celery import app
from portal.dates import add_months
from recruits.documents import document_path, document_upload
from recruits.models import Document, Employment, Recruit
from rematch import services as rematch_services
from rematch.models import Door, PoolCandidate, PoolEvent, RematchEvent, RematchRequest, RematchStatus
from rematch.pool import services as pool_services
from tests.compliance.builders import revoke
from tests.conftest import Cast
from tests.rematch.test_pool import _worker, hiring  # noqa: F401 (a fixture)
from tests.rules.conftest import add_figure  # noqa: F401 (a fixture)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
RULES = {
    "right_to_work_evidence",
    "criminal_record_certificates",
    "closed_rematch_requests",
    "closed_compliance_cases",
    "pool_candidates_not_hired",
    "unsuccessful_applications",
}


def _document(cast: Cast, recruit: Recruit, kind: str) -> Document:
    upload = SimpleUploadedFile(f"{kind}.pdf", PDF)
    return document_upload(actor=cast.lead_a, recruit=recruit, upload=upload, kind=kind)


def test_every_rule_is_registered_and_beat_runs_them_nightly() -> None:
    assert {rule.name for rule in retention_rules()} == RULES
    entry = app.conf.beat_schedule["retention"]
    assert entry["task"] == "accesslog.tasks.retention_task"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {30}


def test_right_to_work_evidence_goes_two_years_after_the_employment_ends(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    recruit = cast.recruit_a
    Employment.objects.filter(recruit=recruit).delete()
    Employment.objects.create(
        recruit=recruit, provider=cast.provider_a, start_date=dt.date(2023, 1, 9), end_date=dt.date(2024, 12, 1)
    )
    Recruit.objects.filter(pk=recruit.pk).update(evisa_share_code="W12345678", rtw_check_date=dt.date(2023, 1, 5))
    passport = _document(cast, recruit, "passport")
    letter = _document(cast, recruit, "ukvi_letter")
    # Still employed: the other region's recruit keeps everything.
    Recruit.objects.filter(pk=cast.recruit_b.pk).update(evisa_share_code="W87654321")
    Employment.objects.create(recruit=cast.recruit_b, provider=cast.provider_b, start_date=dt.date(2023, 1, 9))

    assert retention_run(dt.date(2026, 11, 30), ["right_to_work_evidence"]) == {"right_to_work_evidence": 0}
    assert Document.objects.filter(pk=passport.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = retention_run(dt.date(2026, 12, 1), ["right_to_work_evidence"])
    assert done == {"right_to_work_evidence": 2}  # the passport copy and the share code
    assert not Document.objects.filter(pk=passport.pk).exists() and not document_path(passport).exists()
    assert Document.objects.filter(pk=letter.pk).exists(), "a sponsorship record follows its own rule"
    recruit.refresh_from_db()
    assert recruit.evisa_share_code == "" and recruit.rtw_check_date == dt.date(2023, 1, 5)
    assert not recruit.events.filter(evisa_share_code="W12345678").exists(), "nor in the history rows"
    assert Recruit.objects.get(pk=cast.recruit_b.pk).evisa_share_code == "W87654321"
    assert retention_run(dt.date(2026, 12, 2), ["right_to_work_evidence"]) == {"right_to_work_evidence": 0}


def test_criminal_record_certificates_go_six_months_after_the_decision(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(dbs_status="clear", dbs_date=dt.date(2026, 1, 5))
    dbs = _document(cast, cast.recruit_a, "dbs")
    undated = _document(cast, cast.recruit_b, "overseas_crc")  # no decision date: the upload's
    assert retention_run(dt.date(2026, 7, 4), ["criminal_record_certificates"])["criminal_record_certificates"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(dt.date(2026, 7, 5), ["criminal_record_certificates"])["criminal_record_certificates"] == 1
    assert not Document.objects.filter(pk=dbs.pk).exists() and not document_path(dbs).exists()
    assert Recruit.objects.get(pk=cast.recruit_a.pk).dbs_date == dt.date(2026, 1, 5), "the check's record stays"
    uploaded = timezone.localdate()
    assert retention_run(add_months(uploaded, 6) - dt.timedelta(days=1))["criminal_record_certificates"] == 0
    assert retention_run(add_months(uploaded, 6))["criminal_record_certificates"] == 1
    assert not Document.objects.filter(pk=undated.pk).exists()


def test_a_closed_rematch_request_loses_what_the_worker_said(cast: Cast) -> None:
    request = rematch_services.rematch_open(
        actor=cast.lead_a, recruit=cast.recruit_a, door=Door.HUB, reason="other", reason_details="My boss shouts"
    )
    RematchRequest.objects.filter(pk=request.pk).update(
        given_names="Ada",
        email="ada@example.test",
        status=RematchStatus.CLOSED,
        closed_at=dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC),
    )
    RematchEvent.objects.create(request=request, kind="note", text="She told us about the shouting")
    assert retention_run(dt.date(2026, 5, 31), ["closed_rematch_requests"]) == {"closed_rematch_requests": 0}
    assert retention_run(dt.date(2026, 6, 1), ["closed_rematch_requests"]) == {"closed_rematch_requests": 2}
    request.refresh_from_db()
    assert (request.given_names, request.email, request.reason_details) == ("", "", "")
    assert request.status == RematchStatus.CLOSED and request.recruit_id == cast.recruit_a.pk, "counted as before"
    assert not RematchEvent.objects.filter(text__contains="shouting").exists()
    assert not request.events.filter(reason_details="My boss shouts").exists()


def test_a_closed_case_loses_its_notes_and_documents(cast: Cast, django_capture_on_commit_callbacks) -> None:
    case = revoke(cast)
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    entry = case_add_entry(actor=cast.lead_a, case=case, kind="document", text="Grace's letter", upload=upload)
    from compliance.documents import entry_document_path

    path = entry_document_path(entry)
    assert path.exists()
    workers = case.workers.count()
    type(case).objects.filter(pk=case.pk).update(status="closed", closed_at=dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC))
    assert retention_run(dt.date(2026, 2, 28), ["closed_compliance_cases"]) == {"closed_compliance_cases": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(dt.date(2026, 3, 1), ["closed_compliance_cases"]) == {"closed_compliance_cases": 1}
    entry = CaseEntry.objects.get(pk=entry.pk)
    assert (entry.text, entry.stored_name, entry.document_name) == (CLEARED_NOTE, "", "")
    assert not path.exists()
    assert case.workers.count() == workers and case.steps.exists()
    assert CaseEntry.objects.filter(case=case, kind="system").exclude(text=CLEARED_NOTE).exists()


def test_a_pool_candidate_not_hired_loses_the_reason_and_the_evidence_stays(
    cast: Cast,
    hiring,  # noqa: F811
) -> None:
    _provider, admin, vacancy = hiring
    worker = _worker(cast)
    pool = pool_services.pool_request_file(actor=admin, vacancy=vacancy)
    pool_services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[worker], consent_how="In person")
    candidate = PoolCandidate.objects.get()
    pool_services.pool_candidate_outcome(actor=admin, candidate=candidate, outcome="declined", reason="Cannot drive")
    pool_services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    pool_services.pool_ukvi_told(actor=cast.staff_a, pool=pool, on=timezone.localdate())
    evidence = list(PoolEvent.objects.filter(pool_request=pool).values_list("text", flat=True))
    closed = timezone.localdate()
    assert retention_run(add_months(closed, 12) - dt.timedelta(days=1))["pool_candidates_not_hired"] == 0
    assert retention_run(add_months(closed, 12))["pool_candidates_not_hired"] == 1
    candidate.refresh_from_db()
    assert candidate.decline_reason == "" and candidate.outcome == "declined"
    assert not candidate.events.filter(decline_reason="Cannot drive").exists()
    # The append-only evidence is kept as it was (docs/SECURITY.md).
    assert list(PoolEvent.objects.filter(pool_request=pool).values_list("text", flat=True)) == evidence
    assert any("Cannot drive" in line for line in evidence)


def test_the_task_takes_an_iso_day_and_runs_every_rule(cast: Cast) -> None:
    assert set(retention_task.run("2026-12-04")) == RULES
    assert set(retention_task.run()) == RULES


@pytest.mark.parametrize(
    ("row", "months_before", "months_after"),
    [
        ("retention_right_to_work_months,36,months after the last employment ends,2027-06-01,no,test", 24, 36),
        ("retention_dbs_certificate_months,3,months after the recruitment decision,2027-06-01,no,test", 6, 3),
        ("retention_closed_rematch_months,12,months after the request closed,2027-06-01,no,test", 24, 12),
        ("retention_closed_case_months,72,months after the case closed,2027-06-01,no,test", 36, 72),
        ("retention_pool_not_hired_months,6,months after the pool request closed,2027-06-01,no,test", 12, 6),
        ("retention_unsuccessful_application_months,12,months after the application ended,2027-06-01,no,test", 6, 12),
    ],
)
def test_each_period_changes_on_its_date(add_figure, row: str, months_before: int, months_after: int) -> None:  # noqa: F811
    name = row.split(",")[0]
    add_figure(row)
    assert retention_cutoff(name, dt.date(2027, 5, 31)) == add_months(dt.date(2027, 5, 31), -months_before)
    assert retention_cutoff(name, dt.date(2027, 6, 1)) == add_months(dt.date(2027, 6, 1), -months_after)
