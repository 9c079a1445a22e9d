"""PDFs with scripts, launch actions or attached files, and PDF/HTML polyglots, are refused with a
message that says what to do; ordinary PDFs (links, an opening view, compressed pages) are not."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal import active_content
from portal.active_content import ActiveContent, pdf_refuse_active_content
from recruits.models import Document
from tests.conftest import Cast


def pdf(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, obj) for number, obj in enumerate(objects, start=1))
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def stream(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"

REFUSED = {
    "open action with JavaScript": pdf(
        b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", PAGES
    ),
    "JavaScript name escaped": pdf(b"<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>", PAGES),
    "page action with JS": pdf(CATALOG, PAGES, b"<< /Type /Page /AA << /O << /JS 4 0 R >> >> >>"),
    "launch action": pdf(CATALOG, PAGES, b"<< /Type /Annot /A << /S /Launch /F (cmd.exe) >> >>"),
    "embedded file": pdf(CATALOG, PAGES, b"<< /Type /EmbeddedFile /Length 3 >>\nstream\nMZ\x90\nendstream"),
    "attachments tree": pdf(b"<< /Type /Catalog /Names << /EmbeddedFiles 3 0 R >> >>", PAGES),
    "script in an object stream": pdf(
        CATALOG, PAGES, stream(b"5 0 << /Type /Action /S /JavaScript /JS (this.exportDataObject()) >>")
    ),
}

ACCEPTED = {
    "plain": pdf(CATALOG, PAGES),
    "opening view": pdf(b"<< /Type /Catalog /OpenAction [3 0 R /FitH null] >>", PAGES),
    "link": pdf(CATALOG, PAGES, b"<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://gov.uk/) >> >>"),
    "compressed page": pdf(CATALOG, PAGES, stream(b"BT /F1 12 Tf (Certificate of sponsorship) Tj ET")),
    "names that only start alike": pdf(b"<< /Type /Catalog /JSONData 1 /Launcher 2 /JScale 3 >>", PAGES),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_active_content_is_refused(name: str) -> None:
    with pytest.raises(ActiveContent, match="which the portal does not accept because it could run"):
        pdf_refuse_active_content(REFUSED[name])


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_ordinary_pdfs_pass(name: str) -> None:
    pdf_refuse_active_content(ACCEPTED[name])


@pytest.mark.parametrize(
    "head", [b"<html><body>", b"<SCRIPT>alert(1)</SCRIPT>", b"<!DOCTYPE html>", b"<svg onload=alert(1)>"]
)
def test_a_pdf_that_is_also_a_web_page_is_refused(head: bytes) -> None:
    polyglot = b"%PDF-1.4\n%" + head + b"\n" + pdf(CATALOG, PAGES)[9:]
    with pytest.raises(ActiveContent, match="also contains a web page"):
        pdf_refuse_active_content(polyglot)


def test_a_pdf_that_inflates_past_the_limit_cannot_be_checked(monkeypatch) -> None:
    monkeypatch.setattr(active_content, "MAX_INFLATED_BYTES", 1024 * 1024)
    with pytest.raises(ActiveContent, match="unpacks to more than 1 MB"):
        pdf_refuse_active_content(pdf(CATALOG, PAGES, stream(b"\0" * (2 * 1024 * 1024))))


def test_the_upload_page_refuses_a_pdf_with_javascript(cast: Cast, client, settings, tmp_path: Path) -> None:
    client.force_login(cast.lead_a)
    upload = SimpleUploadedFile("letter.pdf", REFUSED["open action with JavaScript"])
    url = reverse("recruit_document_upload", args=[cast.recruit_a.public_id])
    response = client.post(url, {"kind": "ukvi_letter", "title": "", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "This PDF contains JavaScript" in page
    assert "Print the document to a new PDF" in page
    assert not Document.objects.exists()


def test_the_upload_page_still_takes_an_ordinary_pdf(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    upload = SimpleUploadedFile("letter.pdf", ACCEPTED["compressed page"])
    url = reverse("recruit_document_upload", args=[cast.recruit_a.public_id])
    assert client.post(url, {"kind": "ukvi_letter", "title": "", "file": upload}).status_code == 302
    assert Document.objects.count() == 1
