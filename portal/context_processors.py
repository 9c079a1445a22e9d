from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from hubs.access import scope_for
from notifications.selectors import inbox_unread_count
from portal.navigation import home_hub_name, mark_current, nav_for


def portal(request: HttpRequest) -> dict[str, object]:
    # The footer names who runs the service on every page, signed in or not.
    public: dict[str, object] = {"portal_operator": settings.PORTAL_OPERATOR}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return public
    scope = scope_for(user)
    role = scope.primary_role
    items = nav_for(scope)
    mark_current(items, request.path)
    # A view may name the menu item its page belongs to (a URL name), when the path alone misleads:
    # a recruit's training plan lives under /training/ but is "My training" (or, for the hub team,
    # part of a recruit's record).
    section = getattr(request, "portal_nav_section", None)
    chosen = next((item for item in items if item["url"] == reverse(section)), None) if section else None
    if chosen is not None:
        for item in items:
            item["current"] = item is chosen
            item["exact"] = item is chosen and request.path == item["url"]
    return {
        **public,
        "portal_scope": scope,
        "portal_role_label": role.label if role else ("Administrator" if user.is_superuser else ""),
        "portal_nav": items,
        "portal_nav_more": [item for item in items if item["more"]],
        "portal_nav_more_current": any(item["more"] and item["current"] for item in items),
        "portal_hub_name": home_hub_name(scope),
        "portal_unread": inbox_unread_count(user=user),
    }
