"""Requests the portal refuses before any view sees them, each with a page that says what to fix."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.http.multipartparser import MultiPartParserError
from django.template import loader

NUL_CHARACTER = (
    "The address or the form you sent contains a NUL character (%00), which no field of the portal "
    "can hold. Remove it (retype the text rather than pasting it, or edit the address) and try again."
)


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


class RequestLimitsMiddleware:
    """400 for a query string or form value with a NUL byte (PostgreSQL cannot store one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _has_nul(request):
            return _refusal(request, 400, "The request has a character the portal cannot read", NUL_CHARACTER)
        return self.get_response(request)
