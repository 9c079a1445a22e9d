"""The PDF service: tagged output, static files only."""

from __future__ import annotations

import pytest
import weasyprint
from django.template import engines

from portal.pdf import StaticOnlyFetcher, data_uri, pdf_render, pdf_response
from tests.pdfs import pdf_facts

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_it_renders_a_tagged_pdf_with_title_and_language() -> None:
    facts = pdf_facts(pdf_render(template="pdf/base.html", context={}, title="Case report"))
    assert facts.tagged  # structure tags, for screen readers
    assert facts.title == "Case report"
    assert facts.language.lower() == "en-gb"
    assert "IR Hub Portal" in facts.text


def test_the_fetcher_serves_static_files() -> None:
    response = StaticOnlyFetcher().fetch("https://pdf.portal.invalid/static/pdf/pdf.css")
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/pdf/pdf.css",
        "file:///etc/passwd",
        "https://pdf.portal.invalid/media/uploads/x.pdf",
        "https://pdf.portal.invalid/static/../portal/settings.py",
        "https://pdf.portal.invalid/static/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_data_uris_are_allowed() -> None:
    uri = data_uri(PNG_1PX, "image/png")
    template = engines["django"].from_string(f'<img src="{uri}" alt="dot">')
    html = template.render({})
    document = weasyprint.HTML(string=html, base_url="https://pdf.portal.invalid/", url_fetcher=StaticOnlyFetcher())
    assert document.write_pdf().startswith(b"%PDF-")


def test_the_download_is_not_cached() -> None:
    response = pdf_response(b"%PDF-1.7", filename="report.pdf")
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
