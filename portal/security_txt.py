"""`/.well-known/security.txt` (RFC 9116): where to report a vulnerability in the portal."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

# RFC 9116 asks for an expiry under a year ahead; working it out on each request keeps it current.
VALID_FOR = dt.timedelta(days=182)


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    expires = (timezone.now() + VALID_FOR).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        "",
        "# Please tell us the page or request, what you did and what you saw.",
        "# Do not open other people's records to prove a finding. We answer within 5 working days.",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
