"""Provider pages and reporting duties: fetch through hubs/access.py, validate a form, call one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from compliance.access import compliance_cases_visible_to
from hubs.access import get_editable_or_403, get_visible_or_404, regions_visible_to, scope_for
from providers import selectors, services
from providers.access import (
    duties_visible_to,
    provider_recruits_managed_by,
    providers_editable_by,
    providers_licence_editable_by,
    providers_visible_to,
)
from providers.eligibility import sponsor_eligibility
from providers.forms import (
    DutyForm,
    DutyReportedForm,
    LicenceChangeForm,
    ProviderCreateForm,
    ProviderForm,
    provider_initial,
)
from providers.models import LicenceStatus, Provider
from recruits.models import RecruitStatus

OPEN_CASE = ["open", "active", "monitoring"]


def _require_list_role(request: AuthenticatedRequest) -> None:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.council_authorities):
        raise PermissionDenied("The provider list is for the hub team and council officers.")


@login_required
def provider_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_list_role(request)
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    status = status if status in LicenceStatus.values else ""
    authorities = selectors.provider_filter_authorities(user=request.user)
    council = next((la for la in authorities if str(la.public_id) == request.GET.get("council")), None)
    page = selectors.provider_list(
        user=request.user,
        search=search,
        licence_status=status,
        local_authority=council,
        after=request.GET.get("after"),
    )
    return render(
        request,
        "providers/provider_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "statuses": LicenceStatus.choices,
            "council": council,
            "authorities": authorities,
            "can_add": bool(scope_for(request.user).hub_regions),
            "filtered": bool(search or status or council),
            "next_query": _query_with(request, after=page.next_cursor),
            "first_query": _query_with(request, after=None),
            "page_is_later": bool(request.GET.get("after")),
        },
    )


def _query_with(request: AuthenticatedRequest, **changes: str | None) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    return query.urlencode()


@login_required
def provider_detail(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_visible_or_404(
        providers_visible_to(request.user).select_related("region", "local_authority", "hub"), public_id=public_id
    )
    scope = scope_for(request.user)
    sees_duties = provider.region_id in scope.hub_regions or provider.pk in scope.providers
    counts = selectors.provider_recruit_counts(provider=provider)
    context: dict[str, Any] = {
        "provider": provider,
        "history": selectors.provider_licence_history(provider=provider),
        "recruit_counts": [(status.label, counts[status.value]) for status in RecruitStatus],
        "recruit_total": sum(counts.values()),
        "can_edit": provider.region_id in scope.hub_regions,
        "can_change_licence": provider.region_id in scope.lead_regions,
        "can_invite": provider.region_id in scope.hub_regions,
        "sees_duties": sees_duties,
        "duties": selectors.provider_open_duties(provider=provider) if sees_duties else [],
        "eligibility": sponsor_eligibility(provider=provider),
        # Licence compliance (issue 6): the provider's open case, for those who may see it.
        "open_case": compliance_cases_visible_to(request.user).filter(provider=provider, status__in=OPEN_CASE).first(),
    }
    return render(request, "providers/provider_detail.html", context)


@login_required
def provider_create(request: AuthenticatedRequest) -> HttpResponse:
    regions = regions_visible_to(request.user)
    if not scope_for(request.user).hub_regions:
        raise PermissionDenied("Only the hub team can add providers.")
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
    provider = _editable_provider(request, public_id)
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


def _editable_provider(request: AuthenticatedRequest, public_id: str) -> Provider:
    return get_editable_or_403(
        providers_visible_to(request.user).select_related("region"),
        providers_editable_by(request.user),
        public_id=public_id,
    )


@login_required
def provider_licence_change(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_editable_or_403(
        providers_visible_to(request.user), providers_licence_editable_by(request.user), public_id=public_id
    )
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


@login_required
def duty_new(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_editable_or_403(
        providers_visible_to(request.user), provider_recruits_managed_by(request.user), public_id=public_id
    )
    recruits = selectors.provider_recruits_for_duties(user=request.user, provider=provider)
    form = DutyForm(request.POST or None, recruits=recruits)
    if request.method == "POST" and form.is_valid():
        try:
            duty = services.duty_record(actor=request.user, provider=provider, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            row = selectors.duty_rows([duty])[0]
            messages.success(request, f"Recorded. Report to UKVI by {duty.deadline:%-d %B %Y} ({row.when.lower()}).")
            return redirect("provider_detail", public_id=provider.public_id)
    return render(request, "providers/duty_new.html", {"form": form, "provider": provider})


@login_required
def duty_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers):
        raise PermissionDenied("Reporting duties are for the hub team and the provider's own people.")
    show = request.GET.get("show", "open")
    show = show if show in selectors.DUTY_FILTERS else "open"
    counts = selectors.duty_counts(user=request.user)
    page = selectors.duty_list(user=request.user, show=show, after=request.GET.get("after"))
    filters = [(key, label, counts[key]) for key, label in selectors.DUTY_FILTERS.items()]
    context = {
        "page": page,
        "show": show,
        "caption": f"{selectors.DUTY_FILTERS[show]} ({counts[show]})",
        "filters": filters,
        "with_provider": bool(scope.hub_regions) or len(scope.providers) > 1,
        "next_query": _query_with(request, after=page.next_cursor),
        "first_query": _query_with(request, after=None),
        "page_is_later": bool(request.GET.get("after")),
    }
    return render(request, "providers/duty_list.html", context)


@login_required
def duty_mark_reported(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    duty = get_visible_or_404(
        duties_visible_to(request.user).select_related("provider", "recruit"), public_id=public_id
    )
    form = DutyReportedForm(request.POST or None, initial={"reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_mark_reported(actor=request.user, duty=duty, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Marked as reported to UKVI on {duty.reported_on:%-d %B %Y}.")
            return redirect("duty_list")
    row = selectors.duty_rows([duty])[0]
    return render(request, "providers/duty_mark_reported.html", {"form": form, "row": row, "duty": duty})
