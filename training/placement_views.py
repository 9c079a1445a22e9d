"""Student placements (issue 18 item 2): offers, students put forward, decisions, attendance and the
report. Fetches go through `training.access`; writes through `training.placements`."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.forms import posted
from providers.access import providers_visible_to
from training.access import (
    get_placement_for_user,
    get_placement_for_user_rw,
    get_placement_offer_for_partner,
    get_placement_offer_for_user,
    placement_may,
)
from training.placement_forms import (
    PlacementAttendanceForm,
    PlacementDecisionForm,
    PlacementOfferForm,
    PlacementReportForm,
    StudentForm,
)
from training.placements import (
    placement_attendance,
    placement_attendance_record,
    placement_decide,
    placement_offer_add,
    placement_offer_list,
    placement_put_forward,
    placement_report_write,
    placements_of_offer,
)


def _offering_providers(request: AuthenticatedRequest) -> list:
    """Whose placements the user offers: a provider admin their own providers, the hub team its region's."""
    scope = scope_for(request.user)
    visible = providers_visible_to(request.user)
    rows = visible.filter(id__in=scope.admin_providers) | visible.filter(region_id__in=scope.hub_regions)
    return list(rows.order_by("name", "id")[:1000])


@login_required
def placement_offer_list_view(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers or scope.partner_organisations):
        raise Http404("No placements for this role")
    page = placement_offer_list(user=request.user, after=request.GET.get("after"))
    context = {
        "page": page,
        "can_offer": bool(scope.admin_providers or scope.hub_regions),
        "is_partner": bool(scope.partner_organisations),
    }
    return render(request, "training/placement_offer_list.html", context)


@login_required
def placement_offer_new(request: AuthenticatedRequest) -> HttpResponse:
    providers = _offering_providers(request)
    if not providers:
        raise Http404("Placements are offered by providers' admins and the hub team")
    form = PlacementOfferForm(posted(request), providers=providers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            offer = placement_offer_add(actor=request.user, provider=data["provider"], data=data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The placement at {offer.provider.name} is offered.")
            return redirect(offer.get_absolute_url())
    return render(request, "training/placement_offer_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def placement_offer_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    offer = get_placement_offer_for_user(request, public_id)
    placements = placements_of_offer(user=request.user, offer=offer)
    scope = scope_for(request.user)
    context = {
        "offer": offer,
        "placements": placements,
        "accepted": sum(1 for p in placements if p.status == "accepted"),
        "can_put_forward": bool(scope.partner_organisations),
    }
    return render(request, "training/placement_offer_detail.html", context)


@login_required
def placement_student_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    offer, partner = get_placement_offer_for_partner(request, public_id)
    form = StudentForm(posted(request))
    if form.is_valid():
        try:
            placement = placement_put_forward(actor=request.user, offer=offer, partner=partner, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{placement.learner.name} is put forward: the provider will decide.")
            return redirect(placement.get_absolute_url())
    context = {"form": form, "offer": offer, "partner": partner}
    return render(request, "training/placement_student_form.html", context, status=400 if form.errors else 200)


def _placement_page(request: AuthenticatedRequest, placement, *, status: int = 200, **forms: object) -> HttpResponse:
    scope = scope_for(request.user)
    attendance, days = placement_attendance(placement)
    may = {to: placement_may(scope, placement, to) for to in ("decide", "attend", "report")}
    context = {
        "placement": placement,
        "offer": placement.offer,
        "attendance": attendance,
        "days": days,
        "may": may,
        "decision_form": forms.get("decision_form") or PlacementDecisionForm(),
        "attendance_form": forms.get("attendance_form") or PlacementAttendanceForm(),
        "report_form": forms.get("report_form") or PlacementReportForm(initial={"report": placement.report}),
    }
    return render(request, "training/placement_detail.html", context, status=status)


@login_required
def placement_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    return _placement_page(request, get_placement_for_user(request, public_id))


@login_required
@require_POST
def placement_decision(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    placement = get_placement_for_user_rw(request, public_id, to="decide")
    form = PlacementDecisionForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            placement_decide(actor=request.user, placement=placement, accept=accept, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{placement.learner.name} is {placement.get_status_display().lower()}.")
            return redirect(placement.get_absolute_url())
    return _placement_page(request, placement, status=400, decision_form=form)


@login_required
@require_POST
def placement_attendance_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    placement = get_placement_for_user_rw(request, public_id, to="attend")
    form = PlacementAttendanceForm(request.POST)
    if form.is_valid():
        try:
            placement_attendance_record(actor=request.user, placement=placement, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Attendance is recorded.")
            return redirect(placement.get_absolute_url())
    return _placement_page(request, placement, status=400, attendance_form=form)


@login_required
@require_POST
def placement_report(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    placement = get_placement_for_user_rw(request, public_id, to="report")
    form = PlacementReportForm(request.POST)
    if form.is_valid():
        try:
            placement_report_write(actor=request.user, placement=placement, report=form.cleaned_data["report"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The placement report is saved: the student and their college can read it.")
            return redirect(placement.get_absolute_url())
    return _placement_page(request, placement, status=400, report_form=form)
