"""Recruit pages: the list, a record with its tabs, registration, edits, status changes, "My details"."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accesslog.models import Action, Detail
from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from hubs.models import Agency
from providers.access import provider_recruits_managed_by
from recruits import hooks, selectors, services
from recruits.access import (
    can_see_sensitive,
    get_own_recruit_for_user,
    get_recruit_for_user,
    get_recruit_for_user_rw,
    recruits_editable_by,
)
from recruits.care_route import route_warning
from recruits.documents import can_upload_documents, documents_for
from recruits.english import english_check
from recruits.forms import ContactForm, RecruitFilterForm, RecruitForm, TransitionForm
from recruits.models import Recruit, RecruitStatus, RepaymentCost
from recruits.record_reads import recruit_read_record, recruit_tab_read
from recruits.retention import retention_table

TABS = [
    ("profile", "Profile"),
    ("immigration", "Immigration and checks"),
    ("employment", "Employment"),
    ("documents", "Documents"),
    ("history", "History"),
]
CURSOR_PARAMS = ("after", "before")


def _posted(request: AuthenticatedRequest) -> Any:
    """The POST data of a POST, even an empty one (an empty form must be bound to show its errors)."""
    return request.POST if request.method == "POST" else None


def _uuid(value: str | None) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def _add_errors(form: BaseForm, error: ValidationError, *, default_field: str | None = None) -> None:
    """A service's ValidationError, shown on the fields it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else default_field, errors)
    else:
        form.add_error(default_field, error)


@login_required
def recruit_list_view(request: AuthenticatedRequest) -> HttpResponse:
    if not selectors.may_list_recruits(request.user):
        if scope_for(request.user).recruit_id is not None:
            return redirect("recruit_my_details")
        raise Http404("No recruit list for this role")
    form = RecruitFilterForm(
        request.GET,
        providers=selectors.recruit_filter_providers(user=request.user),
        nationalities=selectors.recruit_filter_nationalities(user=request.user),
    )
    page = selectors.recruit_list(
        user=request.user,
        filters=form.filters(),
        after=_uuid(request.GET.get("after")),
        before=_uuid(request.GET.get("before")),
    )
    query = request.GET.copy()
    for param in CURSOR_PARAMS:
        query.pop(param, None)
    scope = scope_for(request.user)
    show_provider = bool(scope.hub_regions) or len(scope.providers) > 1
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "show_provider": show_provider,
        "hub_team": bool(scope.hub_regions),
    }
    return render(request, "recruits/recruit_list.html", context)


def _profile(recruit: Recruit, **_: Any) -> dict[str, Any]:
    return {}


def _employment(recruit: Recruit, **_: Any) -> dict[str, Any]:
    return {
        "employments": selectors.recruit_employments(recruit=recruit),
        "status_changes": selectors.recruit_status_changes(recruit=recruit),
    }


def _documents(recruit: Recruit, *, user: Any, **_: Any) -> dict[str, Any]:
    return {
        "documents": documents_for(user, recruit),
        "can_upload": can_upload_documents(user, recruit),
        "retention": retention_table(),
    }


def _history(recruit: Recruit, **_: Any) -> dict[str, Any]:
    return {"history": selectors.recruit_history(recruit=recruit)}


_TAB_CONTEXT = {
    "profile": _profile,
    "immigration": _profile,
    "employment": _employment,
    "documents": _documents,
    "history": _history,
}


@login_required
def recruit_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id, related=["provider", "agency"])
    if scope_for(request.user).is_recruit(recruit) and not selectors.may_list_recruits(request.user):
        return redirect("recruit_my_details")
    tab = request.GET.get("tab", "profile")
    if tab not in _TAB_CONTEXT:
        tab = "profile"
    can_edit = recruits_editable_by(request.user).filter(pk=recruit.pk).exists()
    sensitive = can_see_sensitive(request.user, recruit)
    if sensitive:
        recruit_tab_read(request, recruit, tab)
    record = _record_context(recruit, sensitive=sensitive, user=request.user)
    context = {
        **record,
        "main_action": main_action(recruit, has_rematch=bool(record.get("rematch"))) if can_edit else None,
        "tab": tab,
        "tab_label": dict(TABS)[tab],
        "tabs": TABS,
        "tab_template": f"recruits/_tab_{tab}.html",
        "can_edit": can_edit,
        **_TAB_CONTEXT[tab](recruit, user=request.user),
    }
    return render(request, "recruits/recruit_detail.html", context)


def main_action(recruit: Recruit, *, has_rematch: bool) -> str:
    """The one green button of the record, chosen by its state: a worker who may lose their sponsor
    needs a rematch (or its open request), an arriving recruit needs their arrival recorded, and
    anyone else needs their record kept up to date."""
    if has_rematch:
        return "rematch"
    if recruit.status in (RecruitStatus.AT_RISK, RecruitStatus.DISPLACED):
        return "rematch_new"
    if recruit.status == RecruitStatus.ARRIVING:
        return "transition"
    return "edit"


def _record_context(recruit: Recruit, *, sensitive: bool, user: Any = None) -> dict[str, Any]:
    today = date.today()
    return {
        # What the apps above recruits show on the record (rematch: the open request and its clock).
        **(hooks.record_context(recruit=recruit, user=user) if user is not None else {}),
        "recruit": recruit,
        "sensitive": sensitive,
        "status_tag": selectors.status_tag(recruit.status),
        "nationality": selectors.country_name(recruit.nationality),
        "visa_left": selectors.days_left_text(recruit.visa_expiry, today=today),
        "rtw_left": selectors.days_left_text(recruit.rtw_followup_due, today=today),
        "is_nurse": recruit.job_role == "nurse",
        "english": english_check(recruit, on=today),
        "route": route_warning(recruit, on=today),
        "repayment_costs": [RepaymentCost(cost).label for cost in recruit.repayment_costs],
    }


@login_required
def recruit_register_view(request: AuthenticatedRequest) -> HttpResponse:
    employers = provider_recruits_managed_by(request.user).order_by("name", "id")
    first_two = list(employers[:2])
    if not first_two:
        raise Http404("Your role does not register recruits")
    single = first_two[0] if len(first_two) == 1 else None
    form = RecruitForm(
        _posted(request),
        agencies=Agency.objects.filter(region_id__in=employers.values("region_id")),
        employers=None if single else employers,
    )
    if request.method == "POST" and form.is_valid():
        try:
            recruit = services.recruit_register(
                actor=request.user,
                provider=single or form.cleaned_data["employer"],
                data=form.record_data(),
                start_date=form.cleaned_data.get("start_date"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{recruit.full_name} is registered.")
            _warn_of_duplicates(request, recruit)
            return redirect("recruit_detail", public_id=recruit.public_id)
    context = {"form": form, "employer": single, "title": "Register a recruit", "cancel": reverse("recruit_list")}
    return render(request, "recruits/recruit_form.html", context)


def _warn_of_duplicates(request: AuthenticatedRequest, recruit: Recruit) -> None:
    """Likely the same person in another region: name only that hub (the record stays theirs)."""
    for duplicate in selectors.cross_region_duplicates(recruit=recruit)[:1]:
        messages.warning(
            request, f"This person is already supported by {duplicate.hub_name}; ask them for a hand-over."
        )


@login_required
def recruit_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user_rw(request, public_id)
    name = recruit.full_name
    if request.method == "GET":
        recruit_read_record(
            request, recruit, detail=Detail.IDENTITY, what="record to edit (passport, visa and DBS)", action=Action.VIEW
        )
    form = RecruitForm(_posted(request), instance=recruit, agencies=Agency.objects.filter(region=recruit.region_id))
    if request.method == "POST" and form.is_valid():
        try:
            services.recruit_update(actor=request.user, recruit=recruit, data=form.record_data())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{recruit.full_name}'s record is saved.")
            return redirect("recruit_detail", public_id=recruit.public_id)
    cancel = reverse("recruit_detail", kwargs={"public_id": recruit.public_id})
    context = {"form": form, "title": "Edit the record", "caption": name, "cancel": cancel}
    return render(request, "recruits/recruit_form.html", context)


@login_required
def recruit_transition_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user_rw(request, public_id, related=["provider"])
    employers = selectors.recruit_new_employer_choices(user=request.user, recruit=recruit)
    form = TransitionForm(_posted(request), recruit=recruit, employers=employers)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.recruit_transition(
                actor=request.user,
                recruit=recruit,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                new_provider=form.cleaned_data.get("new_provider"),
            )
        except ValidationError as error:
            _add_errors(form, error, default_field="to_status")
        else:
            label = RecruitStatus(change.to_status).label
            messages.success(request, f"{recruit.full_name} is now “{label}”.")
            return redirect(reverse("recruit_detail", kwargs={"public_id": recruit.public_id}) + "?tab=employment")
    context = {
        "recruit": recruit,
        "form": form,
        "status_tag": selectors.status_tag(recruit.status),
        "can_move": bool(services.TRANSITIONS[RecruitStatus(recruit.status)]),
        "status_changes": selectors.recruit_status_changes(recruit=recruit),
    }
    return render(request, "recruits/recruit_transition.html", context)


@login_required
def recruit_my_details(request: AuthenticatedRequest) -> HttpResponse:
    """A recruit's own record, read-only, and the contact details they may change themselves."""
    recruit = get_own_recruit_for_user(
        request, related=["provider__hub", "agency"], refusal="Only recruits have their own details here"
    )
    form = ContactForm(_posted(request), instance=recruit)
    if request.method == "POST" and form.is_valid():
        try:
            services.recruit_update_contact(actor=request.user, recruit=recruit, data=form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your contact details are saved.")
            return redirect("recruit_my_details")
    context = {**_record_context(recruit, sensitive=True, user=request.user), "form": form, "hub": _hub_of(recruit)}
    return render(request, "recruits/my_details.html", context)


def _hub_of(recruit: Recruit) -> Any:
    return recruit.provider.hub if recruit.provider else None
