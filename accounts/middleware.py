"""Users of roles that see many people's data must have a second factor before anything else."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hubs.access import scope_for

# Paths a user without a second factor may still reach: setting one up, signing out, and the
# machinery around them, and the public pages about the service (accessibility, privacy, contact).
ALLOWED_PREFIXES = (
    "/about/",
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/login/",
    "/static/",
    "/healthz",
)


def mfa_required_for(user: object) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(role in settings.MFA_REQUIRED_ROLES for role in scope_for(user).roles)


class MFARequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            not request.path.startswith(ALLOWED_PREFIXES)
            and user.is_authenticated
            and mfa_required_for(user)
            and not _has_second_factor(user)
        ):
            messages.warning(
                request,
                "Your role gives access to many people's records, so your account needs two-factor "
                "authentication. Set up an authenticator app or a security key to continue.",
            )
            return redirect("mfa_index")
        return self.get_response(request)


def _has_second_factor(user: object) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
