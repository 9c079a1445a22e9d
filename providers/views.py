"""Provider pages: fetch through providers/access.py, validate a form, call one service.

What the apps above providers show on a provider's page (its recruits, reporting duties, open
compliance case) comes from the panels they register (providers/panels.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from hubs.access import regions_visible_to, require_hub_team, scope_for
from portal.pagination import query_with
from providers import selectors, services
from providers.access import get_provider_for_user, get_provider_for_user_rw
from providers.eligibility import sponsor_eligibility
from providers.forms import LicenceChangeForm, ProviderCreateForm, ProviderForm, provider_initial
from providers.models import LicenceRating, LicenceStatus
from providers.panels import provider_cells, provider_columns, provider_panels


def _require_list_role(request: AuthenticatedRequest) -> None:
    scope = scope_for(request.user)
    if not (scope.on_a_hub_team or scope.council_authorities):
        raise PermissionDenied("The provider list is for the hub team and council officers.")


@login_required
def provider_list_view(request: AuthenticatedRequest) -> HttpResponse:
    _require_list_role(request)
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    status = status if status in LicenceStatus.values else ""
    rating = request.GET.get("rating", "")
    rating = rating if rating in LicenceRating.values else ""
    authorities = selectors.provider_filter_authorities(user=request.user)
    council = next((la for la in authorities if str(la.public_id) == request.GET.get("council")), None)
    page = selectors.provider_list(
        user=request.user,
        search=search,
        licence_status=status,
        licence_rating=rating,
        local_authority=council,
        after=request.GET.get("after"),
    )
    return render(
        request,
        "providers/provider_list.html",
        {
            "page": page,
            "columns": provider_columns(),
            "rows": [(provider, provider_cells(provider)) for provider in page.items],
            "search": search,
            "status": status,
            "statuses": LicenceStatus.choices,
            "rating": rating,
            "council": council,
            "authorities": authorities,
            "can_add": scope_for(request.user).on_a_hub_team,
            "filtered": bool(search or status or rating or council),
            "next_query": query_with(request, after=page.next_cursor),
            "first_query": query_with(request, after=None),
            "page_is_later": bool(request.GET.get("after")),
        },
    )


@login_required
def provider_detail(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_provider_for_user(request, public_id, related=["region", "local_authority", "hub"])
    scope = scope_for(request.user)
    context: dict[str, Any] = {
        "provider": provider,
        "history": selectors.provider_licence_history(provider=provider),
        "can_edit": scope.is_hub_team(provider.region_id),
        "can_change_licence": scope.is_lead(provider.region_id),
        "can_invite": scope.is_hub_team(provider.region_id),
        # The region's hub team or the provider's own people: they work with its records.
        "hub_or_own": scope.is_hub_team(provider.region_id) or scope.is_provider_user(provider),
        "eligibility": sponsor_eligibility(provider=provider),
        # Its recruits and reporting duties (recruits/), its open compliance case (compliance/).
        "panels": provider_panels(user=request.user, provider=provider),
    }
    return render(request, "providers/provider_detail.html", context)


@login_required
def provider_create_view(request: AuthenticatedRequest) -> HttpResponse:
    regions = regions_visible_to(request.user)
    require_hub_team(request, message="Only the hub team can add providers.")
    form = ProviderCreateForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            provider = services.provider_create(actor=request.user, region=data.pop("region"), data=data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{provider.name} was added. Invite their administrator next.")
            return redirect("provider_detail", public_id=provider.public_id)
    return render(request, "providers/provider_form.html", {"form": form, "provider": None})


@login_required
def provider_edit(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_provider_for_user_rw(request, public_id, related=["region"])
    regions = regions_visible_to(request.user).filter(id=provider.region_id)
    form = ProviderForm(request.POST or None, regions=regions, initial=provider_initial(provider))
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "region"}
        try:
            services.provider_update(actor=request.user, provider=provider, data=data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The details of {provider.name} were saved.")
            return redirect("provider_detail", public_id=provider.public_id)
    return render(request, "providers/provider_form.html", {"form": form, "provider": provider})


@login_required
def provider_licence_change(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_provider_for_user_rw(request, public_id, to="licence")
    initial = {"status": provider.licence_status, "rating": provider.licence_rating}
    form = LicenceChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.provider_change_licence(actor=request.user, provider=provider, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Licence change recorded: {change}.")
            return redirect("provider_detail", public_id=provider.public_id)
    return render(request, "providers/licence_change.html", {"form": form, "provider": provider})
