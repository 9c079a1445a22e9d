"""The region's agencies and their periodic re-checks (rule 19): the hub team's pages."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.policy import policy_figure
from recruits.access import agencies_visible_to, get_agency_for_user
from recruits.agencies import agency_recheck_due, agency_record_check
from recruits.agency_forms import AgencyCheckForm


@login_required
def agency_list(request: AuthenticatedRequest) -> HttpResponse:
    if not scope_for(request.user).on_a_hub_team:
        raise Http404("Agencies are the hub team's")
    today = timezone.localdate()
    rows = [(agency, agency_recheck_due(agency)) for agency in agencies_visible_to(request.user).order_by("name")]
    figure = policy_figure("agency_recheck_months", on=today)
    context = {"rows": rows, "today": today, "figure": figure}
    return render(request, "recruits/agency_list.html", context)


@login_required
def agency_check(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    agency = get_agency_for_user(request, public_id)
    initial = {
        "checked_on": agency.last_checked,
        "on_framework": agency.on_framework,
        "on_ethical_recruiters_list": agency.on_ethical_recruiters_list,
    }
    form = AgencyCheckForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agency_record_check(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The re-check of {agency.name} is recorded.")
            return redirect("agency_list")
    return render(request, "recruits/agency_check.html", {"form": form, "agency": agency})
