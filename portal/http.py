"""Facts about the HTTP request that more than one app needs."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address of the person at the other end, for rate limits.

    Behind `ALLAUTH_TRUSTED_PROXY_COUNT` proxies of our own (env TRUSTED_PROXY_COUNT) it is the
    X-Forwarded-For entry the outermost of them added; the entries left of it are the client's
    to invent, so they are never believed. With no proxy configured the header is ignored.
    """
    trusted = int(getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0))
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    candidate = forwarded[-trusted] if trusted and len(forwarded) >= trusted else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return "unknown"
