from django.http import HttpRequest
from django.urls import reverse

from hubs.access import scope_for
from hubs.navigation import home_hub_name, nav_for


def portal(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    role = scope.primary_role
    items = nav_for(scope)
    for item in items:
        item["current"] = request.path == item["url"] or (
            item["url"] != reverse("home") and request.path.startswith(item["url"])
        )
    return {
        "portal_scope": scope,
        "portal_role_label": role.label if role else ("Administrator" if user.is_superuser else ""),
        "portal_nav": items,
        "portal_hub_name": home_hub_name(scope),
    }
