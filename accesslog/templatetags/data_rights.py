"""`{% data_rights_link recruit %}`: the link to a person's data rights page, for their region's lead only."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from hubs.access import scope_for

register = template.Library()


@register.inclusion_tag("accesslog/rights_link.html", takes_context=True)
def data_rights_link(context: dict[str, Any], recruit: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    show = user is not None and user.is_authenticated and scope_for(user).is_lead(recruit.region_id)
    return {"url": reverse("rights_recruit", kwargs={"public_id": recruit.public_id}) if show else ""}
