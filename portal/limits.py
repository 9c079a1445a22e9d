"""Requests the portal refuses or cleans before any view sees them.

Refused, each with a page that says what to fix: a body over REQUEST_MAX_BYTES (413) and a NUL
byte in the query or the form (400: PostgreSQL cannot store one, and nobody types one).
Cleaned, silently: a form's CR LF line breaks become LF (what the portal stores, so a form sent
back unchanged changes nothing), and the other control characters (C0 and C1, except tab, line
feed and carriage return) and the bidirectional embedding, override and isolate characters
(U+202A-U+202E, U+2066-U+2069) are removed from every query and form value. Nobody types them on purpose, no
field of the portal means them, and the bidi ones make a name or a file name read differently
from what it is ("invoice\u202efdp.exe"). Marks people do type in right-to-left scripts (U+200E,
U+200F) and joiners are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.template import loader

MB = 1024 * 1024

NUL_CHARACTER = (
    "The address or the form you sent contains a NUL character (%00), which no field of the portal "
    "can hold. Remove it (retype the text rather than pasting it, or edit the address) and try again."
)


# Removed from every value; NUL is not here because it is refused, with a page, instead.
INVISIBLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def request_max_bytes() -> int:
    return int(settings.REQUEST_MAX_BYTES)


def too_large_text() -> str:
    limit = request_max_bytes() // MB
    document = int(settings.DOCUMENT_MAX_BYTES) // MB
    imports = int(settings.RECRUIT_IMPORT_MAX_BYTES) // MB
    return (
        f"What you sent is larger than the {limit} MB the portal accepts in one go, so it was not read. "
        f"A document can be up to {document} MB and a recruit import up to {imports} MB: scan the document "
        "at a lower resolution or save it as a smaller PDF, or split the import into smaller files, and "
        "try again."
    )


class BodyTooLarge(RequestDataTooBig):
    """A request body grew past REQUEST_MAX_BYTES while it was being read."""


class BodyLimitUploadHandler(FileUploadHandler):
    """Counts the bytes of uploaded files as they arrive and stops past the limit, whatever the
    request's Content-Length said (or if it said nothing), so nothing larger is ever stored."""

    def __init__(self, request: HttpRequest | None = None, limit: int = 0) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise BodyTooLarge(too_large_text())
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _refusal(request: HttpRequest, status: int, title: str, reason: str) -> HttpResponse:
    context = {"title": title, "reason": reason}
    return HttpResponse(loader.render_to_string("errors/refused.html", context, request), status=status)


def _has_nul(request: HttpRequest) -> bool:
    pairs = [*request.GET.lists()]
    if request.method == "POST":
        try:
            pairs += request.POST.lists()
        except MultiPartParserError:
            return False  # the view's own form reports a damaged upload
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in pairs)


def _one_newline(text: str) -> str:
    """Browsers send a text area's line breaks as CR LF (the HTML standard says so); the portal
    stores LF, so a form sent back unchanged changes nothing."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _cleaned(values: QueryDict, *, newlines: bool = False) -> QueryDict | None:
    """A copy of `values` without the invisible characters (and, for a form, with LF line breaks),
    or None when there was nothing to change."""
    unwanted = re.compile(INVISIBLE.pattern[:-1] + "\r]") if newlines else INVISIBLE
    if not any(unwanted.search(key + "".join(items)) for key, items in values.lists()):
        return None
    cleaned = QueryDict(mutable=True, encoding=values.encoding)
    for key, items in values.lists():
        texts = [INVISIBLE.sub("", item) for item in items]
        cleaned.setlist(INVISIBLE.sub("", key), [_one_newline(text) for text in texts] if newlines else texts)
    cleaned._mutable = False
    return cleaned


def _clean(request: HttpRequest) -> None:
    """Remove the invisible characters from the query and the form, keeping uploaded files."""
    query = _cleaned(request.GET)
    if query is not None:
        request.GET = query  # type: ignore[assignment]  # immutable, as Django's own
    if request.method == "POST":
        form = _cleaned(request.POST, newlines=True)
        if form is not None:
            request.POST = form  # type: ignore[assignment]


def _too_large(request: HttpRequest) -> HttpResponse:
    return _refusal(request, 413, "The file is too large", too_large_text())


class RequestLimitsMiddleware:
    """413 for a body over REQUEST_MAX_BYTES, refused from its Content-Length before a byte of it is
    read (or as soon as it passes the limit while streaming); 400 for a query string or form
    value with a NUL byte (PostgreSQL cannot store one); the other invisible characters removed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        limit = request_max_bytes()
        if _declared_length(request) > limit:
            return _too_large(request)
        request.upload_handlers.insert(0, BodyLimitUploadHandler(request, limit))
        try:
            has_nul = _has_nul(request)
        except BodyTooLarge:
            return _too_large(request)
        if has_nul:
            return _refusal(request, 400, "The request has a character the portal cannot read", NUL_CHARACTER)
        _clean(request)
        return self.get_response(request)
