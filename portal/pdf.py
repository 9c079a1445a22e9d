"""PDF rendering: a template and its context in, tagged PDF bytes out (DESIGN.md, "Documents").

Views call `pdf_render` for one document, tasks for batches. The URL fetcher resolves only the
portal's own static files and `data:` URIs (e.g. an inline QR code): a template can never make
WeasyPrint reach the network, the file system or an uploaded document.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from portal.exports import file_response

# Relative URLs in PDF templates resolve against this made-up origin, so "/static/x.css" and
# "{% static 'x.css' %}" both land in the fetcher below and nowhere else.
_BASE_URL = "https://pdf.portal.invalid/"


class StaticOnlyFetcher(weasyprint.URLFetcher):
    """Serves files under STATIC_URL from the static finders; refuses every other URL."""

    def fetch(self, url: str, headers: Any = None) -> weasyprint.urls.URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = _static_path(url)
        if path is None:
            raise ValueError(f"PDF templates may only use the portal's static files, not {url}")
        mime_type, _ = mimetypes.guess_type(path.name)
        return weasyprint.urls.URLFetcherResponse(
            url=url, body=path.read_bytes(), headers={"Content-Type": mime_type or "application/octet-stream"}
        )


def _static_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != _BASE_URL or not parts.path.startswith(settings.STATIC_URL):
        return None
    relative = unquote(parts.path.removeprefix(settings.STATIC_URL))
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found is None and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if isinstance(found, str) else None


def pdf_render(*, template: str, context: dict[str, Any], title: str) -> bytes:
    """Render `template` to a tagged PDF (PDF/UA structure tags, document title and language)."""
    html = render_to_string(template, {**context, "pdf_title": title})
    document = weasyprint.HTML(string=html, base_url=_BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_tags=True, custom_metadata=True) or b""


def data_uri(content: bytes, mime_type: str) -> str:
    """Inline bytes (e.g. a QR code image) for a PDF template."""
    return f"data:{mime_type};base64,{base64.b64encode(content).decode()}"


def pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    """A PDF download that no shared cache keeps (PDFs carry personal data)."""
    return file_response(content, filename=filename, content_type="application/pdf")
