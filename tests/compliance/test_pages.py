"""Compliance pages: the lead's decisions, hub staff's work, the council's view without workers,
fixed query counts for the lists and the case page."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import ComplianceCase, ProtocolStep
from compliance.services import case_add_entry
from tests.factories import ProviderFactory, RecruitFactory
from tests.pdfs import pdf_facts

from .builders import REVOKED_ON, alert_in_a, candidate_in_a, case_in_a, revoke

# The hot pages run under the N+1 guard (tests/performance/n_plus_one.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("n_plus_one_guard")]
WORKER_NAMES = ["Grace", "Gondwe", "Hari", "Hamal"]


def test_the_lead_records_a_revocation_and_lands_on_the_new_case(client, cast) -> None:
    client.force_login(cast.lead_a)
    url = reverse("licence_event_new", args=[cast.provider_a.public_id])
    assert "Record a licence event" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": "revocation",
            "event_date": REVOKED_ON.isoformat(),
            "source": "ukvi",
            "open_case": "on",
            "priority": "high",
        },
    )
    case = ComplianceCase.objects.get(provider=cast.provider_a)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Notify the director of adult social services (DASS) and commissioners" in page and "Ada Adeyemi" in page
    assert "2 November 2027" in page  # cooling-off ends
    provider_page = client.get(reverse("provider_detail", args=[cast.provider_a.public_id])).content.decode()
    assert "A licence-compliance case is open" in provider_page and case.get_absolute_url() in provider_page


def test_a_bad_event_form_says_what_to_fix(client, cast) -> None:
    client.force_login(cast.lead_a)
    url = reverse("licence_event_new", args=[cast.provider_a.public_id])
    page = client.post(
        url, {"kind": "reinstatement", "event_date": "", "source": "ukvi", "priority": "high"}
    ).content.decode()
    assert "Enter the date of the letter or of the event" in page
    assert "Choose the rating the licence was reinstated with" in page


def test_hub_staff_work_the_case_but_licence_decisions_are_the_leads(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.staff_a)
    assert client.get(reverse("licence_event_new", args=[cast.provider_a.public_id])).status_code == 403
    assert client.post(reverse("case_status", args=[case.public_id]), {"status": "active"}).status_code == 403
    assert client.get(reverse("case_workers_csv", args=[case.public_id])).status_code == 403
    protocol = reverse("protocol_edit", args=[cast.region_a.public_id])
    assert "lead changes the protocol" in client.get(protocol).content.decode()
    assert client.post(protocol, {}).status_code == 403
    assert client.post(reverse("alert_dismiss", args=[alert_in_a(cast).public_id])).status_code == 403
    assert client.post(reverse("register_candidate_confirm", args=[candidate_in_a(cast).public_id])).status_code == 403
    response = client.post(
        reverse("case_entry_new", args=[case.public_id]), {"kind": "call", "text": "Called the manager."}
    )
    assert response.status_code == 302 and case.entries.filter(kind="call").exists()
    step = case.steps.first()
    response = client.post(reverse("step_complete", args=[step.public_id]), {"note": "Emailed the DASS."})
    assert response.status_code == 302
    worker = case.workers.first()
    client.post(reverse("case_worker_status", args=[worker.public_id]), {"status": "contacted"})
    worker.refresh_from_db()
    assert worker.status == "contacted"


def test_the_council_sees_counts_steps_and_shared_notes_but_never_names(client, cast) -> None:
    case = revoke(cast)
    case_add_entry(actor=cast.lead_a, case=case, kind="note", text="Shared: 2 workers to support.", shareable=True)
    case_add_entry(actor=cast.lead_a, case=case, kind="note", text="Hub only: Grace asked about housing.")
    client.force_login(cast.council_officer_a)
    page = client.get(reverse("case_detail", args=[case.public_id])).content.decode()
    assert "Shared: 2 workers to support." in page and "Hub only" not in page
    assert "Notify the director of adult social services (DASS) and commissioners" in page
    # Issue 23: the counts are a sentence, not a table of seven rows (zeros left out).
    assert '<p class="govuk-body" id="worker-counts">2 affected workers: 2 not contacted.</p>' in page
    for name in WORKER_NAMES:
        assert name not in page, f"{name} leaked to the council"
    assert "/recruits/" not in page
    listing = client.get(reverse("case_list")).content.decode()
    assert "Gamma Care Ltd" in listing and not any(name in listing for name in WORKER_NAMES)
    assert client.get(reverse("case_pdf", args=[case.public_id])).status_code == 404
    client.force_login(cast.council_officer_b)
    assert "Gamma Care Ltd" not in client.get(reverse("case_list")).content.decode()


def test_the_lead_edits_the_protocol_with_the_form(client, cast) -> None:
    client.force_login(cast.lead_a)
    url = reverse("protocol_edit", args=[cast.region_a.public_id])
    assert "own protocol" in client.get(url).content.decode()
    data = {
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "40",
    }
    data |= {
        "steps-0-order": "2",
        "steps-0-title": "Call the DASS",
        "steps-0-performer": "lead",
        "steps-0-due_offset": "1",
        "steps-0-offset_unit": "working",
    }
    data |= {
        "steps-1-order": "1",
        "steps-1-title": "Call the provider",
        "steps-1-performer": "owner",
        "steps-1-due_offset": "0",
        "steps-1-offset_unit": "calendar",
    }
    assert client.post(url, data).status_code == 302
    assert list(ProtocolStep.objects.filter(template__region=cast.region_a).values_list("title", flat=True)) == [
        "Call the provider",
        "Call the DASS",
    ]
    assert "sample protocol" not in client.get(url).content.decode()


def test_a_pasted_list_with_a_bad_line_shows_the_row_report(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.staff_a)
    url = reverse("case_workers_add", args=[case.public_id])
    page = client.post(url, {"text": "Mercy,Boateng\nNoFamily\n"}).content.decode()
    assert "Nothing was added" in page and "Line 2: the given names and the family name are both needed." in page
    assert case.workers.count() == 2
    assert client.post(url, {"text": "Mercy,Boateng,14/02/1991\n"}).status_code == 302
    assert case.workers.count() == 3


def test_rematch_for_all_from_the_case_page(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.staff_a)
    response = client.post(reverse("case_workers_rematch", args=[case.public_id]), follow=True)
    assert "Rematch requests opened for 2 workers" in response.content.decode()


def test_the_pdf_has_outcomes_in_aggregate_and_the_csv_lists_workers(client, cast) -> None:
    case = revoke(cast)
    client.force_login(cast.lead_a)
    response = client.get(reverse("case_pdf", args=[case.public_id]))
    assert response["Content-Type"] == "application/pdf"
    facts = pdf_facts(response.content)
    text = facts.text
    assert facts.tagged and facts.title.startswith("Compliance case")
    assert "Compliance case summary" in text and "Not contacted" in text
    assert not any(name in text for name in WORKER_NAMES)
    response = client.get(reverse("case_workers_csv", args=[case.public_id]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["given names", "family name", "status on the case"]
    assert {row[1] for row in rows[1:]} == {"Gondwe", "Hamal"}
    assert response["Cache-Control"] == "no-store"


def test_query_counts_of_the_lists_and_the_case_page(client, cast, django_assert_num_queries) -> None:
    cases = [revoke(cast)]
    for n in range(3):
        extra = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name=f"Extra Care {n} Ltd")
        for _ in range(n + 2):
            RecruitFactory(provider=extra, status="employed")
        cases.append(revoke(cast, provider=extra))
    alert_in_a(cast)
    client.force_login(cast.lead_a)
    with django_assert_num_queries(LIST_QUERIES_LEAD):
        assert client.get(reverse("case_list")).status_code == 200
    with django_assert_num_queries(DETAIL_QUERIES_HUB):
        assert client.get(cases[0].get_absolute_url()).status_code == 200
    with django_assert_num_queries(ALERTS_QUERIES):
        assert client.get(reverse("register_overview")).status_code == 200
    client.force_login(cast.council_officer_a)
    with django_assert_num_queries(LIST_QUERIES_COUNCIL):
        assert client.get(reverse("case_list")).status_code == 200
    with django_assert_num_queries(DETAIL_QUERIES_COUNCIL):
        assert client.get(cases[0].get_absolute_url()).status_code == 200


# Session, user, scope (one query), MFA, header hub and unread count, then the page's own queries. Measured with
# 1 and with 4 cases of 2 to 7 workers each: the same counts (no query per row).
LIST_QUERIES_LEAD = 9  # + the page of cases with counts, cases by status, time to contact
DETAIL_QUERIES_HUB = 12  # + case, steps, timeline, counts by status, workers with their records, licence events
ALERTS_QUERIES = 9  # + the page of alerts, matches to confirm, recent imports
LIST_QUERIES_COUNCIL = 8  # + the page of cases with counts (no region figures)
DETAIL_QUERIES_COUNCIL = 13  # + the council's requests to the hub about the provider


def test_the_alert_page_fills_in_the_event_and_the_date_for_one_click(client, cast) -> None:
    alert = alert_in_a(cast)
    client.force_login(cast.lead_a)
    url = reverse("alert_detail", args=[alert.public_id])
    page = client.get(url).content.decode()
    started = alert.register_import.started_at.date()
    day = started.isoformat()
    assert f'name="event_date_day" type="text" inputmode="numeric" value="{started.day}"' in page
    assert f'name="event_date_year" type="text" inputmode="numeric" value="{started.year}"' in page
    assert '<option value="revocation" selected>' in page
    record = reverse("alert_record_event", args=[alert.public_id])
    response = client.post(record, {"kind": "revocation", "event_date": day})
    case = ComplianceCase.objects.get(provider=alert.provider)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()


def test_a_document_on_the_timeline_is_checked_and_served_only_to_who_may_see_it(client, cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = revoke(cast)
    client.force_login(cast.staff_a)
    url = reverse("case_entry_new", args=[case.public_id])
    fake = SimpleUploadedFile("letter.pdf", b"not a pdf", content_type="application/pdf")
    page = client.post(url, {"kind": "document", "text": "UKVI letter", "upload": fake}).content.decode()
    assert "says it is a PDF but it is not" in page and not case.entries.filter(kind="document").exists()
    real = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    assert client.post(url, {"kind": "document", "text": "UKVI letter", "upload": real}).status_code == 302
    entry = case.entries.get(kind="document")
    download = client.get(reverse("case_entry_download", args=[entry.public_id]))
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"
    client.force_login(cast.council_officer_a)
    assert client.get(reverse("case_entry_download", args=[entry.public_id])).status_code == 404
    entry.shareable = True
    entry.save()
    assert client.get(reverse("case_entry_download", args=[entry.public_id])).status_code == 200


def test_workers_can_come_from_an_uploaded_csv(client, cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = revoke(cast)
    client.force_login(cast.staff_a)
    upload = SimpleUploadedFile("workers.csv", "given names,family name\nRuth,Eze\n".encode("utf-8-sig"))
    response = client.post(reverse("case_workers_add", args=[case.public_id]), {"upload": upload})
    assert response.status_code == 302 and case.workers.filter(recruit__family_name="Eze").exists()


def test_the_case_page_opens_with_the_overdue_and_next_steps(client, cast) -> None:
    case = case_in_a(cast)
    first = case.steps.order_by("due_on").last()  # the last step, made the most overdue
    type(first).objects.filter(pk=first.pk).update(due_on=timezone.localdate() - timedelta(days=400))
    client.force_login(cast.lead_a)
    page = client.get(case.get_absolute_url()).content.decode()
    panel = page[page.index('id="next-steps"') : page.index("All steps")]
    assert panel.index(first.title) < panel.index("</li>") and "Overdue" in panel
    assert panel.count("<li>") == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Ruth,Eze\nSam,S\x00mith\n", "Line 2 contains a NUL character"),
        (b'Ruth,Eze\nSam,"' + b"x" * 140_000 + b"\n", "a value is longer than 131,072 characters"),
    ],
)
def test_an_uploaded_list_with_a_nul_or_a_huge_value_says_which_line(client, cast, content, message) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = revoke(cast)
    client.force_login(cast.staff_a)
    upload = SimpleUploadedFile("workers.csv", content)
    response = client.post(reverse("case_workers_add", args=[case.public_id]), {"upload": upload})
    assert response.status_code == 200 and message in response.content.decode()
    assert case.workers.count() == 2


def test_the_case_page_leads_with_the_overdue_steps_and_shows_progress(client, cast) -> None:
    case = case_in_a(cast)
    steps = list(case.steps.order_by("due_on", "id"))
    late = steps[-1]
    type(late).objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=400))
    done = steps[0]
    type(done).objects.filter(pk=done.pk).update(completed_at=timezone.now())
    client.force_login(cast.lead_a)
    page = client.get(case.get_absolute_url()).content.decode()
    assert f"1 of {len(steps)} steps done" in page
    assert f'<progress class="portal-progress__bar" max="{len(steps)}" value="1"' in page
    assert 'aria-labelledby="case-progress-label"' in page
    table = page[page.index('id="steps"') : page.index('id="timeline"')]
    # The overdue step heads the table of steps to do, marked; the done one is folded away below.
    first_row = table[table.index("<tbody") : table.index("</tr>", table.index("<tbody"))]
    assert late.title in first_row and "portal-row--overdue" in first_row and "Overdue" in first_row
    assert "1 step done" in table and table.index(done.title) > table.index('id="steps-done"')
