"""The register watch pages (imports, alerts, uncertain matches) and the region's protocol template."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from compliance import selectors, services
from compliance.access import (
    get_register_alert_for_user,
    get_register_alert_for_user_rw,
    get_register_candidate_for_user,
    get_register_candidate_for_user_rw,
    register_candidates_visible_to,
)
from compliance.forms import AlertEventForm, ProtocolFormSet
from compliance.models import AlertStatus, RegisterAlert, RegisterImport
from compliance.register import register_candidate_confirm, register_candidate_reject
from hubs.access import get_region_for_user, regions_visible_to, scope_for


def _hub_team_only(request: AuthenticatedRequest) -> None:
    if not scope_for(request.user).on_a_hub_team:
        raise Http404("Not for this role")


@login_required
def register_overview(request: AuthenticatedRequest) -> HttpResponse:
    _hub_team_only(request)
    show = request.GET.get("show", "open")
    page = selectors.alerts_page(user=request.user, show=show, after=request.GET.get("after"))
    candidates = list(
        register_candidates_visible_to(request.user).filter(rejected=False).select_related("provider")[:50]
    )
    context = {
        "page": page,
        "show": show,
        "candidates": candidates,
        "imports": list(RegisterImport.objects.all()[:10]),
        "is_later": bool(request.GET.get("after")),
        "next_query": f"show={show}&after={page.next_cursor}" if page.next_cursor else "",
        "first_query": f"show={show}",
    }
    return render(request, "compliance/register.html", context)


@login_required
def alert_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    alert = get_register_alert_for_user(request, public_id)
    return _alert_page(request, alert, _alert_form(alert))


@login_required
@require_POST
def alert_record_event_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    alert = get_register_alert_for_user_rw(request, public_id)
    form = _alert_form(alert, request.POST)
    if form.is_valid():
        try:
            result = services.alert_record_event(actor=request.user, alert=alert, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Recorded: {alert.provider.name}, {result.event}.")
            return redirect(result.case or alert.provider)
    return _alert_page(request, alert, form)


@login_required
@require_POST
def alert_dismiss_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    alert = get_register_alert_for_user_rw(request, public_id)
    try:
        services.alert_dismiss(actor=request.user, alert=alert)
    except ValidationError as error:  # another lead dealt with it first
        messages.error(request, " ".join(error.messages))
        return redirect("alert_detail", alert.public_id)
    messages.success(request, "The alert was dismissed.")
    return redirect("register_overview")


def _alert_form(alert: RegisterAlert, data: QueryDict | None = None) -> AlertEventForm:
    """The event to record, filled in with the alert's suggestion and the day of the import."""
    imported_on = timezone.localdate(alert.register_import.started_at)
    return AlertEventForm(data, initial={"kind": alert.suggested_event, "event_date": imported_on})


def _alert_page(request: AuthenticatedRequest, alert: RegisterAlert, form: AlertEventForm) -> HttpResponse:
    is_lead = scope_for(request.user).is_lead(alert.region_id)
    return render(
        request,
        "compliance/alert_detail.html",
        {"alert": alert, "form": form, "is_lead": is_lead, "open": alert.status == AlertStatus.OPEN},
    )


@login_required
def register_candidate(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    candidate = get_register_candidate_for_user(request, public_id)
    is_lead = scope_for(request.user).is_lead(candidate.region_id)
    return render(request, "compliance/candidate.html", {"candidate": candidate, "is_lead": is_lead})


@login_required
@require_POST
def register_candidate_confirm_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    candidate = get_register_candidate_for_user_rw(request, public_id)
    register_candidate_confirm(actor=request.user, candidate=candidate)
    messages.success(request, f"Confirmed: the register's “{candidate.register_name}” is {candidate.provider.name}.")
    return redirect("register_overview")


@login_required
@require_POST
def register_candidate_reject_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    candidate = get_register_candidate_for_user_rw(request, public_id)
    register_candidate_reject(actor=request.user, candidate=candidate)
    messages.success(request, f"Noted: “{candidate.register_name}” is not {candidate.provider.name}.")
    return redirect("register_overview")


@login_required
def protocol_list(request: AuthenticatedRequest) -> HttpResponse:
    regions = list(regions_visible_to(request.user).order_by("name"))
    if not regions:
        raise Http404("Not for this role")
    if len(regions) == 1:
        return redirect("protocol_edit", public_id=regions[0].public_id)
    return render(request, "compliance/protocol_list.html", {"regions": regions})


@login_required
def protocol_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    region = get_region_for_user(request, public_id)
    is_lead = scope_for(request.user).is_lead(region)
    template = services.protocol_for(region)
    initial = [
        {"order": n, **row}
        for n, row in enumerate(template.steps.values("title", "guidance", "performer", "due_offset", "offset_unit"), 1)
    ]
    formset = ProtocolFormSet(request.POST or None, initial=initial, prefix="steps")
    error = None
    if request.method == "POST":
        if not is_lead:
            raise PermissionDenied("The protocol is the region's lead's to change.")
        if formset.is_valid():
            rows = [form.cleaned_data for form in formset if form.cleaned_data.get("title")]
            ordered = sorted(enumerate(rows), key=lambda pair: (pair[1].get("order") or pair[0] + 1, pair[0]))
            steps = [{k: v for k, v in row.items() if k != "order"} for _, row in ordered]
            try:
                services.protocol_replace_steps(actor=request.user, region=region, steps=steps)
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                messages.success(request, "The protocol was saved. Cases already open keep their steps.")
                return redirect("protocol_edit", public_id=region.public_id)
    context = {"region": region, "template": template, "formset": formset, "is_lead": is_lead, "error": error}
    return render(request, "compliance/protocol.html", context)
