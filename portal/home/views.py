"""The home page: one dashboard per role."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from hubs.roles import Role
from portal.home import queue, selectors

_HOME_TEMPLATES = {
    Role.NATIONAL: ("home/national.html", selectors.national_dashboard),
    Role.LEAD: ("home/hub.html", selectors.hub_dashboard),
    Role.HUB_STAFF: ("home/hub.html", selectors.hub_dashboard),
    Role.COUNCIL: ("home/council.html", selectors.council_dashboard),
    Role.ADASS: ("home/adass.html", selectors.adass_dashboard),
    Role.PROVIDER_ADMIN: ("home/provider.html", selectors.provider_dashboard),
    Role.PROVIDER_STAFF: ("home/provider.html", selectors.provider_dashboard),
    Role.RECRUIT: ("home/recruit.html", selectors.recruit_dashboard),
    Role.PARTNER: ("home/partner.html", selectors.partner_dashboard),
}


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    role = scope_for(request.user).primary_role
    if role is None:
        return render(request, "home/no_role.html")
    template, dashboard = _HOME_TEMPLATES[role]
    context = {"role": role, **dashboard(user=request.user)}
    if role in (Role.LEAD, Role.HUB_STAFF):
        mine = request.GET.get("view") == "mine"
        context["view"] = "mine" if mine else "today"
        context["queue"] = (queue.hub_assigned_to_me if mine else queue.hub_queue)(user=request.user)
        if mine:
            context["charts"] = None  # the charts go with the region's day, not one person's work
        else:
            context["region_label"] = ", ".join(region.name for region in context["regions"])
    return render(request, template, context)
