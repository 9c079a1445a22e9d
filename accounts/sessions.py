"""Signed-in sessions: the session engine that records whose a session is, the idle and absolute
timeouts, and the reads behind "Where you're signed in".

Timeouts (settings, in seconds): `SESSION_IDLE_SECONDS` for roles that see many people's records
(national, lead, hub staff, council: 30 minutes), `SESSION_IDLE_SECONDS_OTHER` for providers and
recruits (2 hours), and `SESSION_ABSOLUTE_SECONDS` for everyone (8 hours from signing in, however
active). A session past either is ended at its next request, which goes to the sign-in page with
a message saying why. Activity is written to the session at most once a minute, so a page costs
no extra query on most requests.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from hubs.access import scope_for

SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN = "_last_seen"
REFERENCE = "_session_reference"
IP_ADDRESS = "_ip_address"
USER_AGENT = "_user_agent"
ACTIVITY_WRITE_SECONDS = 60


def _moment(seconds: object) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC) if isinstance(seconds, int | float) else None


class SessionStore(DatabaseStore):
    """Django's database sessions, in `SignedInSession`, with the user and the session's facts in columns."""

    @classmethod
    def get_model_class(cls) -> Any:
        from accounts.models import SignedInSession

        return SignedInSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        session: Any = super().create_model_instance(data)
        user_id = data.get(auth.SESSION_KEY)
        session.user_id = int(user_id) if user_id else None
        session.reference = data.get(REFERENCE)
        session.signed_in_at = _moment(data.get(SIGNED_IN_AT))
        session.last_seen = _moment(data.get(LAST_SEEN))
        session.ip_address = data.get(IP_ADDRESS)
        session.user_agent = str(data.get(USER_AGENT, ""))[:300]
        return session


def _seen(request: HttpRequest, now: int) -> None:
    """The session was used now, from this address and browser (a phone's address changes)."""
    request.session[LAST_SEEN] = now
    request.session[IP_ADDRESS] = request.META.get("REMOTE_ADDR") or None
    request.session[USER_AGENT] = request.META.get("HTTP_USER_AGENT", "")[:300]


@receiver(user_logged_in, dispatch_uid="accounts.sessions.signed_in")
def _signed_in(sender: object, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[REFERENCE] = str(uuid.uuid4())
    _seen(request, now)


def idle_seconds_for(user: Any) -> int:
    """30 minutes for the roles that see many people's records, longer for providers and recruits."""
    if getattr(user, "is_superuser", False) or set(scope_for(user).roles) & set(settings.MFA_REQUIRED_ROLES):
        return int(settings.SESSION_IDLE_SECONDS)
    return int(settings.SESSION_IDLE_SECONDS_OTHER)


def duration_text(seconds: int) -> str:
    minutes = seconds // 60
    if minutes % 60 == 0:
        hours = minutes // 60
        return "1 hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


def _timed_out(request: HttpRequest, now: int) -> str | None:
    """Why the session must end now, or None."""
    session = request.session
    last_seen, signed_in_at = session.get(LAST_SEEN), session.get(SIGNED_IN_AT)
    idle = idle_seconds_for(request.user)
    if isinstance(last_seen, int) and now - last_seen > idle:
        return (
            f"You were signed out because you had not used the portal for {duration_text(idle)}. "
            "Sign in again to carry on."
        )
    absolute = int(settings.SESSION_ABSOLUTE_SECONDS)
    if isinstance(signed_in_at, int) and now - signed_in_at > absolute:
        return (
            f"You were signed out because you signed in more than {duration_text(absolute)} ago. "
            "Sign in again to carry on."
        )
    return None


class SessionTimeoutMiddleware:
    """Ends a signed-in session past its idle or absolute timeout, and keeps its activity up to date."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = int(time.time())
            reason = _timed_out(request, now)
            if reason is not None:
                auth.logout(request)
                messages.info(request, reason)
                return redirect(reverse("account_login") + "?" + urlencode({"next": request.get_full_path()}))
            session = request.session
            if SIGNED_IN_AT not in session:  # a session from before the timeouts: its clock starts now
                session[SIGNED_IN_AT] = now
            last_seen = session.get(LAST_SEEN)
            if not isinstance(last_seen, int) or now - last_seen >= ACTIVITY_WRITE_SECONDS:
                _seen(request, now)
        return self.get_response(request)


def sessions_of(user: Any) -> QuerySet[Any]:
    """The user's sessions that can still be used: not expired, not idle past the timeout, newest activity first."""
    model = SessionStore.get_model_class()
    now = timezone.now()
    return model.objects.filter(
        user=user,
        expire_date__gt=now,
        last_seen__gt=now - dt.timedelta(seconds=idle_seconds_for(user)),
        signed_in_at__gt=now - dt.timedelta(seconds=int(settings.SESSION_ABSOLUTE_SECONDS)),
    ).order_by("-last_seen")


def sessions_end_for(user: Any) -> int:
    """End every session of the user: they are signed out at their next request."""
    deleted, _ = SessionStore.get_model_class().objects.filter(user=user).delete()
    return int(deleted)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.sessions.deactivated")
def _deactivated(sender: object, instance: Any, **kwargs: object) -> None:
    """A deactivated account's sessions end (Django also refuses an inactive user at the next request)."""
    if not instance.is_active:
        sessions_end_for(instance)
