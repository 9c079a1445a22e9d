"""Where you're signed in: a person's own sessions, each of which they can end."""

from __future__ import annotations

from uuid import UUID

from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import get_session_for_user
from accounts.http import AuthenticatedRequest
from accounts.sessions import REFERENCE, duration_text, idle_seconds_for, sessions_of
from accounts.user_agents import device_of


@login_required
def session_list(request: AuthenticatedRequest) -> HttpResponse:
    current = request.session.get(REFERENCE)
    sessions = [
        {"session": session, "device": device_of(session.user_agent), "current": str(session.reference) == current}
        for session in sessions_of(request.user)
    ]
    context = {"sessions": sessions, "idle": duration_text(idle_seconds_for(request.user))}
    return render(request, "accounts/sessions.html", context)


@login_required
@require_POST
def session_end(request: AuthenticatedRequest, reference: UUID) -> HttpResponse:
    session = get_session_for_user(request, reference)
    if str(session.reference) == request.session.get(REFERENCE):
        auth.logout(request)
        messages.info(request, "You signed out on this device.")
        return redirect("account_login")
    session.delete()
    messages.success(request, f"You signed out on {device_of(session.user_agent)}.")
    return redirect("session_list")


@login_required
@require_POST
def session_end_others(request: AuthenticatedRequest) -> HttpResponse:
    others = sessions_of(request.user).exclude(reference=request.session.get(REFERENCE))
    count, _ = others.delete()
    messages.success(request, "You signed out everywhere else." if count else "You were not signed in anywhere else.")
    return redirect("session_list")
