"""The region's agency framework: approved agencies and managed service providers, maintained by the
region's IR lead, read by the region's providers and council officers, re-checked by the hub team (rule 19)."""

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
from hubs.models import Agency, AgencyStatus
from portal.policy import policy_figure
from recruits.access import (
    agencies_visible_to,
    get_agency_for_user,
    get_agency_for_user_rw,
    get_agency_to_check,
    get_region_for_new_agency,
)
from recruits.agencies import (
    agency_create,
    agency_recheck_due,
    agency_record_check,
    agency_set_status,
    agency_update,
    recruits_brought_by,
)
from recruits.agency_forms import AgencyCheckForm, AgencyForm, AgencyStatusForm
from recruits.selectors import country_name

STATUS_TAGS = {
    AgencyStatus.APPROVED: "govuk-tag--green",
    AgencyStatus.SUSPENDED: "govuk-tag--orange",
    AgencyStatus.REMOVED: "govuk-tag--red",
    AgencyStatus.NOT_APPROVED: "govuk-tag--grey",
}


def _decorate(agency: Agency) -> Agency:
    agency.status_tag = STATUS_TAGS[AgencyStatus(agency.status)]  # type: ignore[attr-defined]
    agency.country_names = [country_name(code) for code in agency.countries]  # type: ignore[attr-defined]
    return agency


@login_required
def agency_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.on_a_hub_team or scope.providers or scope.council_authorities):
        raise Http404("The agency framework is for the region's hub team, providers and councils")
    today = timezone.localdate()
    agencies = [_decorate(agency) for agency in agencies_visible_to(request.user).order_by("name")]
    hub_team = scope.on_a_hub_team
    if not hub_team:  # members see the framework: what is (or was) on it, not agencies merely seen
        agencies = [agency for agency in agencies if agency.status != AgencyStatus.NOT_APPROVED]
    for agency in agencies:
        agency.recheck_due = agency_recheck_due(agency)  # type: ignore[attr-defined]
    groups = [
        (label, [agency for agency in agencies if agency.status == status])
        for status, label in [
            (AgencyStatus.APPROVED, "Approved"),
            (AgencyStatus.SUSPENDED, "Suspended"),
            (AgencyStatus.REMOVED, "Removed"),
            (AgencyStatus.NOT_APPROVED, "Seen on recruits' records, not approved"),
        ]
    ]
    context = {
        "groups": [(label, rows) for label, rows in groups if rows],
        "hub_team": hub_team,
        "leads_a_region": scope.leads_a_region,
        "today": today,
        "figure": policy_figure("agency_recheck_months", on=today),
    }
    return render(request, "recruits/agency_list.html", context)


@login_required
def agency_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    agency = _decorate(get_agency_for_user(request, public_id))
    scope = scope_for(request.user)
    hub_team = scope.is_hub_team(agency.region_id)
    if not hub_team and agency.status == AgencyStatus.NOT_APPROVED:
        raise Http404("Not on the framework")
    context = {
        "agency": agency,
        "hub_team": hub_team,
        "lead": scope.is_lead(agency.region_id),
        # The people it brought are the hub team's to see, never another provider's.
        "recruits": list(recruits_brought_by(agency)) if hub_team else [],
        "due": agency_recheck_due(agency),
    }
    return render(request, "recruits/agency_detail.html", context)


@login_required
def agency_new(request: AuthenticatedRequest) -> HttpResponse:
    region = get_region_for_new_agency(request)
    form = AgencyForm(request.POST or None, initial={"kind": "agency"})
    if request.method == "POST" and form.is_valid():
        try:
            agency = agency_create(actor=request.user, region=region, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{agency.name} is on your region's approved framework.")
            return redirect("agency_detail", public_id=agency.public_id)
    return render(request, "recruits/agency_form.html", {"form": form, "agency": None, "region": region})


@login_required
def agency_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    agency = get_agency_for_user_rw(request, public_id)
    initial = {field: getattr(agency, field) for field in AgencyForm.base_fields}
    form = AgencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agency_update(actor=request.user, agency=agency, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{agency.name}'s details are saved.")
            return redirect("agency_detail", public_id=agency.public_id)
    return render(request, "recruits/agency_form.html", {"form": form, "agency": agency, "region": agency.region})


@login_required
def agency_status(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    agency = get_agency_for_user_rw(request, public_id)
    initial: dict[str, object] = {"status": agency.status if agency.status != AgencyStatus.NOT_APPROVED else ""}
    if agency.status_reason:
        initial["reason"] = agency.status_reason
    if agency.status_changed_on:
        initial["changed_on"] = agency.status_changed_on
    form = AgencyStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = agency_set_status(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            label = AgencyStatus(form.cleaned_data["status"]).label.lower()
            flagged = f" The Code of Practice flags of {len(changed)} recruit record(s) changed." if changed else ""
            messages.success(request, f"{agency.name} is {label}.{flagged}")
            return redirect("agency_detail", public_id=agency.public_id)
    context = {"form": form, "agency": agency, "recruits": list(recruits_brought_by(agency))}
    return render(request, "recruits/agency_status.html", context)


@login_required
def agency_check(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    agency = get_agency_to_check(request, public_id)
    initial = {"checked_on": agency.last_checked, "on_ethical_recruiters_list": agency.on_ethical_recruiters_list}
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
