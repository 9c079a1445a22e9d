"""No personal page is kept by a browser or a proxy cache."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in user says `Cache-Control: private, no-store`.

    Pages of a signed-in user are about someone (a recruit, a case, a provider), so the back
    button on a shared computer or a caching proxy must not show them again. A view that set a
    header with `no-store` already (downloads) keeps its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True, no_store=True)
            response.setdefault("Pragma", "no-cache")
        return response
