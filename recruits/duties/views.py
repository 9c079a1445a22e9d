"""Reporting duty pages: record one from a provider's page, the list, mark one reported."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.pagination import query_with
from providers.access import get_provider_for_user_rw
from recruits.access import get_duty_for_user
from recruits.duties import selectors, services
from recruits.duties.forms import DutyForm, DutyReportedForm


@login_required
def duty_new(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    provider = get_provider_for_user_rw(request, public_id, to="recruits")
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
    return render(request, "recruits/duties/duty_new.html", {"form": form, "provider": provider})


@login_required
def duty_list_view(request: AuthenticatedRequest) -> HttpResponse:
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
        "next_query": query_with(request, after=page.next_cursor),
        "first_query": query_with(request, after=None),
        "page_is_later": bool(request.GET.get("after")),
    }
    return render(request, "recruits/duties/duty_list.html", context)


@login_required
def duty_mark_reported_view(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    duty = get_duty_for_user(request, public_id, related=["provider", "recruit"])
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
    return render(request, "recruits/duties/duty_mark_reported.html", {"form": form, "row": row, "duty": duty})
