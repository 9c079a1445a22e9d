"""Friendly error pages that never depend on the database being up."""

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template import loader

from hubs.access import scope_for
from hubs.roles import Role


def _render(request: HttpRequest, template: str, status: int, context: dict[str, object] | None = None) -> HttpResponse:
    return HttpResponse(loader.render_to_string(template, context or {}, request), status=status)


# Whom to ask about a refusal, by the user's main role: never a role the user does not have above them
# (a national user has no regional lead).
WHOM_TO_ASK = {
    Role.NATIONAL: "contact the portal's support team in the national network team: national accounts see "
    "figures across regions, not recruits' records",
    Role.LEAD: "contact the portal's support team in the national network team",
    Role.HUB_STAFF: "ask your regional IR lead",
    Role.COUNCIL: "ask your regional IR lead",
    Role.ADASS: "ask the regional IR lead",
    Role.PROVIDER_ADMIN: "ask your regional hub",
    Role.PROVIDER_STAFF: "ask your organisation's portal administrator",
    Role.RECRUIT: "ask your hub: its contact details are on your home page",
    Role.PARTNER: "ask the regional hub that works with your organisation",
}


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    user = getattr(request, "user", None)
    try:
        role = scope_for(user).primary_role if user is not None else None
    except DatabaseError:
        role = None
    ask = WHOM_TO_ASK.get(role, "ask the person who invited you to the portal") if role else ""
    return _render(request, "errors/403.html", 403, {"reason": str(exception) if exception else "", "ask": ask})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the failure may be in a context processor or the database.
    return HttpResponse(loader.render_to_string("errors/500.html"), status=500)
