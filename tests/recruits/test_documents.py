"""Recruit documents: checked uploads, stored under generated names, downloaded only by who may."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, path, reverse

from hubs.roles import Role
from portal import urls as portal_urls
from portal.files import attachment_header, clean_original_name
from recruits.documents import can_upload_documents, document_delete, document_upload, documents_for
from recruits.models import Document, DocumentKind, Recruit
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory, user_with_role

try:
    reverse("recruit_detail", args=[uuid.uuid4()])
except NoReverseMatch:
    # The recruit page is built alongside this one; until its URL exists, stand in for its name so
    # that the redirect to its "Documents" tab can be checked.
    urlpatterns = [
        *portal_urls.urlpatterns,
        path("recruits/<uuid:public_id>/", lambda request, public_id: HttpResponse(), name="recruit_detail"),
    ]
    handler403 = portal_urls.handler403
    handler404 = portal_urls.handler404
    pytestmark = pytest.mark.urls(__name__)

MB = 1024 * 1024
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|jpg|jpeg|png)$")


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "documents"


@pytest.fixture
def document(cast: Cast) -> Document:
    upload = SimpleUploadedFile("Curtailment letter.pdf", PDF)
    return document_upload(actor=cast.lead_a, recruit=cast.recruit_a, upload=upload, kind=DocumentKind.UKVI_LETTER)


@pytest.fixture
def other_provider_admin(cast: Cast):
    """The admin of another provider in the same region as recruit A."""
    provider = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Gamma Care Ltd")
    return user_with_role(Role.PROVIDER_ADMIN, provider, email="admin.gamma@portal.test")


def upload_url(recruit) -> str:
    return reverse("recruit_document_upload", args=[recruit.public_id])


def documents_tab(recruit) -> str:
    return reverse("recruit_detail", args=[recruit.public_id]) + "?tab=documents"


def post_file(client, recruit, name: str, content: bytes, **fields: str):
    data = {"kind": "ukvi_letter", "title": "", **fields, "file": SimpleUploadedFile(name, content)}
    return client.post(upload_url(recruit), data)


def files_in(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


# Uploads that are accepted.


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Letter from UKVI.pdf", PDF, "application/pdf"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("scan.png", PNG, "image/png"),
    ],
)
def test_it_stores_a_good_file_under_a_generated_name(
    cast: Cast, client, documents_dir: Path, name: str, content: bytes, content_type: str
) -> None:
    client.force_login(cast.provider_admin_a)
    response = post_file(client, cast.recruit_a, name, content, kind="evidence", title="Proof of address")
    assert response.status_code == 302
    assert response["Location"] == documents_tab(cast.recruit_a)
    document = Document.objects.get(recruit=cast.recruit_a)
    assert STORED_NAME.match(document.stored_name), document.stored_name
    assert document.stored_name.endswith(Path(name).suffix.lower())
    assert files_in(documents_dir) == [documents_dir / document.stored_name]
    assert (documents_dir / document.stored_name).read_bytes() == content
    assert (document.original_name, document.content_type, document.size) == (name, content_type, len(content))
    assert (document.kind, document.title, document.uploaded_by) == (
        "evidence",
        "Proof of address",
        cast.provider_admin_a,
    )


def test_the_upload_page_asks_for_a_file(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    response = client.get(upload_url(cast.recruit_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    assert "A PDF, JPEG or PNG of 10 MB or less" in page


def test_every_kind_of_document_names_its_retention_rule() -> None:
    from recruits.retention import DOCUMENT_RETENTION

    assert set(DOCUMENT_RETENTION) == set(DocumentKind.values)
    needed = {"passport", "brp_evisa", "cos", "dbs", "overseas_crc", "english_test", "qualification"}
    assert needed <= set(DocumentKind.values)
    assert "2 years after" in DOCUMENT_RETENTION["passport"].keep
    assert "6 months" in DOCUMENT_RETENTION["dbs"].keep and "record of the check" in DOCUMENT_RETENTION["dbs"].keep
    assert DOCUMENT_RETENTION["overseas_crc"] == DOCUMENT_RETENTION["dbs"]


def test_the_upload_page_and_the_documents_list_name_the_retention_rules(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    page = client.get(upload_url(cast.recruit_a)).content.decode()
    assert 'id="document-retention"' in page and "Certificate of Sponsorship (CoS)" in page
    assert "Criminal record certificate" in page and "Right-to-work evidence" in page
    refused = post_file(client, cast.recruit_a, "dbs.pdf", PDF, kind="")
    assert "Choose what the document is" in refused.content.decode()
    assert post_file(client, cast.recruit_a, "dbs.pdf", PDF, kind="dbs").status_code == 302
    listed = client.get(documents_tab(cast.recruit_a)).content.decode()
    assert "DBS certificate" in listed
    assert "Retention: Criminal record certificate. Delete the copy within 6 months" in listed


def test_a_recruit_uploads_to_their_own_record(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    response = post_file(client, cast.recruit_a, "certificate.pdf", PDF, kind="certificate")
    assert response.status_code == 302
    assert Document.objects.get(recruit=cast.recruit_a).uploaded_by == cast.recruit_user_a


# Uploads that are refused, with a message that says what to do.


def assert_refused(response, message: str, documents_dir: Path) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Document.objects.exists()
    assert files_in(documents_dir) == []


def test_it_refuses_a_word_document(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    response = post_file(client, cast.recruit_a, "letter.docx", DOCX)
    assert_refused(response, "The file must be a PDF, JPEG or PNG, and this is a .docx file", documents_dir)


def test_it_refuses_a_file_without_a_type(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    response = post_file(client, cast.recruit_a, "letter", PDF)
    assert_refused(response, "without a type (like .pdf)", documents_dir)


def test_it_refuses_a_png_renamed_to_pdf(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    response = post_file(client, cast.recruit_a, "letter.pdf", PNG)
    message = "This file says it is a PDF but it is not: upload the original PDF, JPEG or PNG"
    assert_refused(response, message, documents_dir)


def test_it_refuses_a_program_renamed_to_pdf_or_jpeg(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    assert_refused(
        post_file(client, cast.recruit_a, "invoice.pdf", EXE), "says it is a PDF but it is not", documents_dir
    )
    assert_refused(
        post_file(client, cast.recruit_a, "photo.jpeg", EXE), "says it is a JPEG but it is not", documents_dir
    )


def test_it_refuses_a_file_just_over_the_limit(cast: Cast, client, settings, documents_dir: Path) -> None:
    settings.DOCUMENT_MAX_BYTES = 2 * MB
    client.force_login(cast.lead_a)
    response = post_file(client, cast.recruit_a, "letter.pdf", PDF + b"\0" * (2 * MB + 1 - len(PDF)))
    assert_refused(response, "The file is 2.1 MB: upload a file of 2 MB or less", documents_dir)


def test_it_accepts_a_file_exactly_at_the_limit(cast: Cast, client, settings, documents_dir: Path) -> None:
    settings.DOCUMENT_MAX_BYTES = 2 * MB
    client.force_login(cast.lead_a)
    response = post_file(client, cast.recruit_a, "letter.pdf", PDF + b"\0" * (2 * MB - len(PDF)))
    assert response.status_code == 302
    assert Document.objects.get().size == 2 * MB


def test_it_refuses_a_real_file_over_10_mb(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    size = int(12.3 * MB)
    response = post_file(client, cast.recruit_a, "scan.pdf", PDF + b"\0" * (size - len(PDF)))
    assert_refused(response, "The file is 12.3 MB: upload a file of 10 MB or less", documents_dir)


def test_it_refuses_an_empty_file(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    response = post_file(client, cast.recruit_a, "letter.pdf", b"")
    assert_refused(response, "The file is empty: check you chose the right file", documents_dir)


def test_it_asks_for_a_file_when_none_was_chosen(cast: Cast, client, documents_dir: Path) -> None:
    client.force_login(cast.lead_a)
    response = client.post(upload_url(cast.recruit_a), {"kind": "ukvi_letter"})
    assert_refused(response, "Choose a PDF, JPEG or PNG file to upload", documents_dir)


def test_a_refused_row_leaves_no_file(cast: Cast, documents_dir: Path) -> None:
    upload = SimpleUploadedFile("letter.pdf", PDF)
    with pytest.raises(ValidationError):
        document_upload(actor=cast.lead_a, recruit=cast.recruit_a, upload=upload, kind="no_such_kind")
    assert not Document.objects.exists()
    assert files_in(documents_dir) == []


# Names.


def test_the_users_file_name_is_only_kept_for_display(cast: Cast, documents_dir: Path) -> None:
    upload = SimpleUploadedFile("..\\..\\C:\\Users\\ada\\" + "x" * 300 + ".pdf", PDF)
    document = document_upload(actor=cast.lead_a, recruit=cast.recruit_a, upload=upload, kind="other")
    assert STORED_NAME.match(document.stored_name)
    assert document.original_name == "x" * 196 + ".pdf"
    assert clean_original_name("../../etc/passwd") == "passwd"
    assert clean_original_name("a\x00b\r\n.pdf") == "ab.pdf"
    assert clean_original_name("..") == "document"


def test_the_download_name_cannot_break_the_header() -> None:
    assert attachment_header("letter.pdf") == 'attachment; filename="letter.pdf"'
    assert (
        attachment_header('a"b;c\\d.pdf') == "attachment; filename=\"a_b_c_d.pdf\"; filename*=UTF-8''a%22b%3Bc%5Cd.pdf"
    )
    assert attachment_header("Résumé.pdf").startswith(
        "attachment; filename=\"Resume.pdf\"; filename*=UTF-8''R%C3%A9sum"
    )
    assert attachment_header("契約.pdf").startswith('attachment; filename="document.pdf"')


# Downloads.


@pytest.mark.parametrize("who", ["lead_a", "staff_a", "provider_admin_a", "provider_staff_a", "recruit_user_a"])
def test_allowed_users_download_the_file(cast: Cast, client, document: Document, who: str) -> None:
    client.force_login(getattr(cast, who))
    response = client.get(reverse("recruit_document_download", args=[document.public_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Curtailment letter.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "who", ["lead_b", "staff_b", "provider_admin_b", "recruit_user_b", "council_officer_a", "national"]
)
def test_other_tenants_cannot_download(cast: Cast, client, document: Document, who: str) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("recruit_document_download", args=[document.public_id])).status_code == 404


def test_another_provider_in_the_region_cannot_download(client, document: Document, other_provider_admin) -> None:
    client.force_login(other_provider_admin)
    assert client.get(reverse("recruit_document_download", args=[document.public_id])).status_code == 404


def test_a_former_provider_cannot_download(cast: Cast, client, document: Document) -> None:
    """Documents follow the recruit: once they work elsewhere, the old employer loses them."""
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(provider=ProviderFactory(region=cast.region_a))
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("recruit_document_download", args=[document.public_id])).status_code == 404


def test_a_download_is_read_only(cast: Cast, client, document: Document) -> None:
    client.force_login(cast.lead_a)
    assert client.post(reverse("recruit_document_download", args=[document.public_id])).status_code == 405


def test_a_missing_file_is_not_found(cast: Cast, client, document: Document, documents_dir: Path) -> None:
    (documents_dir / document.stored_name).unlink()
    client.force_login(cast.lead_a)
    assert client.get(reverse("recruit_document_download", args=[document.public_id])).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client, document: Document) -> None:
    response = client.get(reverse("recruit_document_download", args=[document.public_id]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# Who may upload.


def test_another_provider_in_the_region_cannot_upload(cast: Cast, client, other_provider_admin, documents_dir) -> None:
    client.force_login(other_provider_admin)
    assert client.get(upload_url(cast.recruit_a)).status_code == 404
    assert post_file(client, cast.recruit_a, "letter.pdf", PDF).status_code == 404
    assert not Document.objects.exists() and files_in(documents_dir) == []


@pytest.mark.parametrize("who", ["lead_b", "provider_admin_b", "recruit_user_b", "council_officer_a", "national"])
def test_other_tenants_cannot_upload(cast: Cast, client, who: str) -> None:
    client.force_login(getattr(cast, who))
    assert post_file(client, cast.recruit_a, "letter.pdf", PDF).status_code == 404
    assert not Document.objects.exists()


def test_a_recruit_cannot_upload_to_someone_else(cast: Cast, client) -> None:
    colleague = RecruitFactory(provider=cast.provider_a)
    client.force_login(cast.recruit_user_a)
    assert post_file(client, colleague, "letter.pdf", PDF).status_code == 404


# Deleting.


def test_an_editor_deletes_a_document_and_its_file(
    cast: Cast, client, document: Document, documents_dir: Path, django_capture_on_commit_callbacks
) -> None:
    url = reverse("recruit_document_delete", args=[document.public_id])
    client.force_login(cast.provider_staff_a)
    assert "Delete “Curtailment letter.pdf”?" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == documents_tab(cast.recruit_a)
    assert not Document.objects.exists()
    assert files_in(documents_dir) == []


def test_the_recruit_cannot_delete(cast: Cast, client, document: Document, documents_dir: Path) -> None:
    client.force_login(cast.recruit_user_a)
    url = reverse("recruit_document_delete", args=[document.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()
    assert (documents_dir / document.stored_name).exists()


@pytest.mark.parametrize("who", ["lead_b", "provider_admin_b", "council_officer_a", "national"])
def test_other_tenants_cannot_delete(cast: Cast, client, document: Document, who: str) -> None:
    client.force_login(getattr(cast, who))
    assert client.post(reverse("recruit_document_delete", args=[document.public_id])).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_rolled_back_delete_keeps_the_file(
    cast: Cast, document: Document, documents_dir: Path, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        document_delete(actor=cast.lead_a, document=document)
        raise RuntimeError("something later in the same transaction failed")
    assert Document.objects.filter(public_id=document.public_id).exists()
    assert (documents_dir / document.stored_name).read_bytes() == PDF


# The "Documents" tab partial.


def render_tab(user, recruit) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = {
        "recruit": recruit,
        "documents": documents_for(user, recruit),
        "can_upload": can_upload_documents(user, recruit),
    }
    return render_to_string("recruits/_documents.html", context, request=request)


def test_the_tab_lists_documents_with_download_and_delete_links(cast: Cast, document: Document) -> None:
    page = render_tab(cast.staff_a, cast.recruit_a)
    assert reverse("recruit_document_download", args=[document.public_id]) in page
    assert reverse("recruit_document_delete", args=[document.public_id]) in page
    assert reverse("recruit_document_upload", args=[cast.recruit_a.public_id]) in page
    assert "Curtailment letter.pdf" in page and "UKVI letter" in page


def test_the_tab_offers_the_recruit_upload_but_not_delete(cast: Cast, document: Document) -> None:
    page = render_tab(cast.recruit_user_a, cast.recruit_a)
    assert reverse("recruit_document_download", args=[document.public_id]) in page
    assert reverse("recruit_document_upload", args=[cast.recruit_a.public_id]) in page
    assert reverse("recruit_document_delete", args=[document.public_id]) not in page


def test_users_without_sensitive_access_get_no_documents(cast: Cast, document: Document) -> None:
    assert documents_for(cast.provider_admin_a, cast.recruit_a) == [document]
    assert documents_for(cast.council_officer_a, cast.recruit_a) == []
    assert documents_for(cast.provider_admin_b, cast.recruit_a) == []


def test_the_tab_runs_the_same_queries_for_many_documents(cast: Cast, documents_dir: Path) -> None:
    def upload(count: int) -> None:
        for n in range(count):
            upload = SimpleUploadedFile(f"letter {n}.pdf", PDF)
            document_upload(actor=cast.provider_admin_a, recruit=cast.recruit_a, upload=upload, kind="other")

    def queries_to_render(expected_rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert render_tab(cast.lead_a, cast.recruit_a).count("govuk-summary-list__row") == expected_rows
        return len(queries)

    upload(1)
    render_tab(cast.lead_a, cast.recruit_a)  # the user's scope is read once per request
    one = queries_to_render(1)
    upload(6)
    assert queries_to_render(7) == one
