"""The service's public pages linked from every footer: accessibility, privacy, cookies, contact.

They are open to everyone, signed in or not (the law asks that anyone can read them), and name the
operator and contact details from settings (PORTAL_OPERATOR, PORTAL_CONTACT_EMAIL,
PORTAL_CONTACT_PHONE; docs/DEPLOY.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from recruits.retention import retention_table

# The statement says when it was written and last reviewed (the model statement asks for both).
STATEMENT_PREPARED = "4 December 2026"


def _context(**extra: object) -> dict[str, object]:
    return {
        "operator": settings.PORTAL_OPERATOR,
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "contact_phone": settings.PORTAL_CONTACT_PHONE,
        "security_email": settings.SECURITY_CONTACT_EMAIL,
        **extra,
    }


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "about/accessibility.html", _context(prepared=STATEMENT_PREPARED))


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "about/privacy.html", _context(retention=retention_table()))


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    rows = [
        (
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in as you move from page to page.",
            "Ends when you sign out, after 30 minutes without use (2 hours for providers and recruits), "
            "and at the latest 8 hours after you sign in",
        ),
        (
            settings.CSRF_COOKIE_NAME,
            "Stops other websites from sending forms to the portal in your name.",
            "1 year",
        ),
        (
            "messages",
            "Carries a confirmation such as \u201cRecruit added\u201d to the next page.",
            "Until that page is shown",
        ),
    ]
    return render(request, "about/cookies.html", _context(cookies=rows))


@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "about/contact.html", _context())
