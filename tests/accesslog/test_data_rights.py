"""A person's data rights, handled by their region's lead (accesslog/rights_views.py): the subject
access export as one ZIP, and erasure after typing the person's name, with the figures unchanged."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accesslog.models import AccessEvent, Action, Detail
from pastoral.models import BookletRender, CheckInAnswers
from portal.national import region_table
from portal.returns.figures import Period, region_counts
from recruits.documents import document_path, document_upload
from recruits.models import Document, Recruit
from rematch.models import Door
from rematch.services import rematch_open
from tests.conftest import Cast
from tests.pastoral.builders import SECRET, red_check_in
from tests.pdfs import pdf_facts
from tests.rematch.test_pool import hiring  # noqa: F401 (a fixture)
from training.figures import training_figures

LETTER = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _letter(cast: Cast) -> Document:
    upload = SimpleUploadedFile("Curtailment letter.pdf", LETTER)
    return document_upload(actor=cast.lead_a, recruit=cast.recruit_a, upload=upload, kind="ukvi_letter")


def _urls(cast: Cast) -> tuple[str, str, str]:
    kwargs = {"public_id": cast.recruit_a.public_id}
    return (
        reverse("rights_recruit", kwargs=kwargs),
        reverse("rights_recruit_export", kwargs=kwargs),
        reverse("rights_recruit_erase", kwargs=kwargs),
    )


def test_the_lead_sees_the_link_on_the_record_and_the_page(cast: Cast, client) -> None:
    page_url, export_url, erase_url = _urls(cast)
    client.force_login(cast.lead_a)
    record = client.get(cast.recruit_a.get_absolute_url()).content.decode()
    assert page_url in record
    page = client.get(page_url).content.decode()
    assert export_url in page and erase_url in page and "Pastoral plan" in page
    client.force_login(cast.staff_a)
    assert page_url not in client.get(cast.recruit_a.get_absolute_url()).content.decode()


def test_the_export_holds_json_pdf_and_documents(cast: Cast, client) -> None:
    red_check_in(cast)
    document = _letter(cast)
    client.force_login(cast.lead_a)
    _page, export_url, _erase = _urls(cast)
    response = client.post(export_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "data.json" in names and "summary.pdf" in names
    data = json.loads(archive.read("data.json"))
    assert set(data) == {"person", "produced_at", "produced_by", "sources", "missing_files"}
    assert data["person"]["public_id"] == str(cast.recruit_a.public_id)
    sources = {source["label"]: source for source in data["sources"]}
    assert {"Recruit record", "Check-in answers", "Documents", "Pastoral plan"} <= set(sources)
    for source in data["sources"]:
        assert set(source) == {"label", "model", "rows", "history", "files"}
    assert sources["Recruit record"]["rows"][0]["family_name"] == "Adeyemi"
    assert any(row["family_name"] == "Adeyemi" for row in sources["Recruit record"]["history"])
    assert any(row["anything_else"] == SECRET for row in sources["Check-in answers"]["rows"])
    stored = [name for name in names if name.startswith("documents/")]
    assert len(stored) == 1 and stored[0].endswith("Curtailment letter.pdf")
    assert archive.read(stored[0]) == document_path(document).read_bytes() == LETTER
    summary = pdf_facts(archive.read("summary.pdf"))
    text = " ".join(summary.text.split())
    assert "holds about Ada Adeyemi" in text and "Adeyemi" in summary.title
    assert "Check-in answers" in text and "Recruit record" in text and "passport number" in text
    assert summary.tagged
    # Nothing of region B's recruit.
    assert "Bankole" not in archive.read("data.json").decode()
    event = AccessEvent.objects.get(action=Action.EXPORT)
    assert (event.user, event.detail, event.region_id) == (cast.lead_a, Detail.PERSONAL_DATA, cast.region_a.pk)
    assert event.subject_id == cast.recruit_a.public_id and "Adeyemi" not in event.what


def test_the_export_is_post_only(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    assert client.get(_urls(cast)[1]).status_code == 405


@pytest.mark.parametrize("who", ["staff_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"])
def test_people_who_see_the_record_but_are_not_its_lead_get_403(cast: Cast, client, who: str) -> None:
    client.force_login(getattr(cast, who))
    page_url, export_url, erase_url = _urls(cast)
    assert client.get(page_url).status_code == 403
    assert client.post(export_url).status_code == 403
    assert client.post(erase_url, {"full_name": "Ada Adeyemi"}).status_code == 403
    assert Recruit.objects.get(pk=cast.recruit_a.pk).family_name == "Adeyemi"
    assert not AccessEvent.objects.filter(action__in=[Action.EXPORT, Action.ERASE]).exists()


OUTSIDERS = ["lead_b", "staff_b", "provider_admin_b", "recruit_user_b", "council_officer_a", "national"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_people_who_cannot_see_the_record_get_404(cast: Cast, client, who: str) -> None:
    client.force_login(getattr(cast, who))
    page_url, export_url, erase_url = _urls(cast)
    assert client.get(page_url).status_code == 404
    assert client.post(export_url).status_code == 404
    assert client.post(erase_url, {"full_name": "Ada Adeyemi"}).status_code == 404


def test_a_name_that_does_not_match_changes_nothing(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.post(_urls(cast)[2], {"full_name": "Ada Adeyemy"})
    assert response.status_code == 400
    assert "The name you typed does not match the record" in response.content.decode()
    empty = client.post(_urls(cast)[2], {"full_name": ""})
    assert "Enter the person&#x27;s full name to confirm the erasure" in empty.content.decode()
    assert Recruit.objects.get(pk=cast.recruit_a.pk).family_name == "Adeyemi"
    assert not AccessEvent.objects.filter(action=Action.ERASE).exists()


def _figures(cast: Cast) -> tuple:
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=400), today + dt.timedelta(days=400), "test")
    counts, _days = region_counts([cast.region_a.pk], period)
    training = training_figures(user=cast.lead_a)
    national = region_table().table.totals
    training_counts = (
        training.evidence_to_check,
        training.pending_evidence,
        training.certificates_valid,
        training.certificates_revoked,
        training.certificates_last_year,
    )
    return counts, training_counts, national


def test_erasure_empties_the_person_and_keeps_the_figures(
    cast: Cast, client, django_capture_on_commit_callbacks
) -> None:
    red_check_in(cast)
    rematch_open(actor=cast.lead_a, recruit=cast.recruit_a, door=Door.HUB, reason="other", reason_details=SECRET)
    document = _letter(cast)
    path = document_path(document)
    BookletRender.objects.create(recruit=cast.recruit_a, fingerprint="x" * 64, content=b"%PDF-cached")
    before = _figures(cast)
    client.force_login(cast.lead_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_urls(cast)[2], {"full_name": "  ada   ADEYEMI "})
    assert response.status_code == 302 and response["Location"] == cast.recruit_a.get_absolute_url()
    recruit = Recruit.objects.get(pk=cast.recruit_a.pk)
    assert (recruit.given_names, recruit.family_name, recruit.passport_number) == ("Erased", "person", "")
    assert not Document.objects.filter(recruit=recruit).exists() and not path.exists()
    assert not BookletRender.objects.filter(recruit=recruit).exists()
    assert not CheckInAnswers.objects.filter(anything_else=SECRET).exists()
    # No earlier value in the history tables either.
    from accesslog.rights import RECRUIT, subject_data

    held = json.dumps([source.__dict__ for source in subject_data(RECRUIT, recruit)], default=str)
    assert "Adeyemi" not in held and SECRET not in held
    assert _figures(cast) == before
    event = AccessEvent.objects.get(action=Action.ERASE)
    assert event.user == cast.lead_a and event.subject_id == recruit.public_id
    # The person's own account is deactivated and anonymised, its history rows too.
    account = type(cast.recruit_user_a).objects.get(pk=cast.recruit_user_a.pk)
    assert not account.is_active and account.name == "Erased person" and account.email.endswith("@erased.invalid")
    assert not account.has_usable_password()
    assert not account.events.filter(email=cast.recruit_user_a.email).exists()
    # The other region's recruit is untouched.
    assert Recruit.objects.get(pk=cast.recruit_b.pk).family_name == "Bankole"


def test_erasure_leaves_the_pools_evidence_and_exports_it(cast: Cast, hiring) -> None:  # noqa: F811
    """docs/SECURITY.md: the pool's append-only evidence is kept (and exported); the candidate's own row is emptied."""
    from accesslog.rights import RECRUIT, subject_data, subject_erase
    from rematch.models import PoolCandidate, PoolEvent
    from rematch.pool import services as pool_services
    from tests.rematch.test_pool import _worker

    _provider, admin, vacancy = hiring
    worker = _worker(cast)
    pool = pool_services.pool_request_file(actor=admin, vacancy=vacancy)
    pool_services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[worker], consent_how="In person")
    candidate = PoolCandidate.objects.get()
    pool_services.pool_candidate_outcome(actor=admin, candidate=candidate, outcome="declined", reason="Cannot drive")
    pool_services.pool_confirmation_issue(actor=cast.staff_a, pool=pool)
    pool_services.pool_ukvi_told(actor=cast.staff_a, pool=pool, on=timezone.localdate())
    evidence = list(PoolEvent.objects.filter(pool_request=pool).values_list("text", flat=True))
    exported = {source.label: source for source in subject_data(RECRUIT, worker.recruit)}
    assert [row["text"] for row in exported["Displaced-worker pool: evidence lines"].rows] == evidence
    subject_erase(RECRUIT, worker.recruit)
    assert PoolCandidate.objects.get().decline_reason == ""
    assert list(PoolEvent.objects.filter(pool_request=pool).values_list("text", flat=True)) == evidence
