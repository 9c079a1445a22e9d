from django.http import HttpRequest
from django.urls import reverse

from hubs.access import scope_for
from notifications.selectors import inbox_unread_count
from portal.navigation import home_hub_name, nav_for


def portal(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    role = scope.primary_role
    items = nav_for(scope)
    # The current item is the longest link that the path starts with ("/recruits/import/" is
    # Import, not Recruits); Home only on the home page itself.
    home = reverse("home")
    matches = [
        item
        for item in items
        if request.path == item["url"] or (item["url"] != home and request.path.startswith(item["url"]))
    ]
    current = max(matches, key=lambda item: len(item["url"]), default=None)
    # A view may name the menu item its page belongs to (a URL name), when the path alone misleads:
    # a recruit's training plan lives under /training/ but is "My training" (or, for the hub team,
    # part of a recruit's record).
    section = getattr(request, "portal_nav_section", None)
    if section:
        section_url = reverse(section)
        current = next((item for item in items if item["url"] == section_url), current)
    for item in items:
        item["current"] = item is current
    return {
        "portal_scope": scope,
        "portal_role_label": role.label if role else ("Administrator" if user.is_superuser else ""),
        "portal_nav": items,
        "portal_hub_name": home_hub_name(scope),
        "portal_unread": inbox_unread_count(user=user),
    }
