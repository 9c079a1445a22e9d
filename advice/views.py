"""The advice pages: what a provider or council has and what is left, its requests and their
threads; the hub's advisers answer, record time and close; the lead keeps services and
subscriptions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from advice import services
from advice.access import (
    get_advice_message_for_user,
    get_advice_request_for_user,
    get_advice_request_for_user_rw,
    get_region_for_new_subscription,
    get_subscription_for_user_rw,
    is_adviser,
    may_use_advice,
    providers_asking_as,
    providers_of_council_area,
    services_visible_to,
    subscriptions_visible_to,
)
from advice.documents import message_document_path
from advice.forms import (
    AdviceRequestForm,
    CloseForm,
    CouncilSupportForm,
    ReplyForm,
    ServiceForm,
    SponsorHelpForm,
    SubscriptionEndForm,
    SubscriptionForm,
)
from advice.models import AdviceRequest, RequestKind, RequestStatus, Subscription, Urgency
from advice.selectors import requests_page, subscription_balances, thread_of, with_use
from advice.targets import first_answer_due, first_answer_hours, resolution_days, resolution_due
from hubs.access import scope_for
from hubs.models import LocalAuthority
from portal.files import stored_file_response
from portal.forms import posted
from providers.models import Provider


def _require_advice(request: AuthenticatedRequest) -> None:
    if not may_use_advice(request.user):
        raise Http404("No advice pages for this role")


def _targets() -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "urgency": label,
            "hours": first_answer_hours(value, on=today),
            "days": resolution_days(value, on=today),
        }
        for value, label in Urgency.choices
    ]


@login_required
def advice_home(request: AuthenticatedRequest) -> HttpResponse:
    _require_advice(request)
    scope = scope_for(request.user)
    show = request.GET.get("show", "")
    page = requests_page(user=request.user, show=show, after=request.GET.get("after"))
    context = {
        "balances": subscription_balances(user=request.user),
        "page": page,
        "show": show,
        "targets": _targets(),
        "hub_team": bool(scope.hub_regions),
        "leads": bool(scope.lead_regions),
        "provider_user": bool(scope.providers),
        "council_officer": bool(scope.council_authorities),
    }
    return render(request, "advice/home.html", context)


def _active_subscriptions(request: AuthenticatedRequest) -> Any:
    """The asker's own subscriptions in force today (the hub team asks nothing)."""
    today = timezone.localdate()
    scope = scope_for(request.user)
    return (
        subscriptions_visible_to(request.user)
        .filter(Q(provider_id__in=scope.providers) | Q(local_authority_id__in=scope.council_authorities))
        .filter(starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("service", "provider", "local_authority")
        .order_by("service__name", "id")
    )


def _raise(request: AuthenticatedRequest, form: Any, kind: str, template: str, context: dict[str, Any]) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("upload", None)
        try:
            row = services.advice_request_raise(actor=request.user, kind=kind, data=data, upload=upload)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Your request is with the hub. You will hear by email when they answer.")
            return redirect(row)
    return render(request, template, {"form": form, **context})


@login_required
def advice_request_new(request: AuthenticatedRequest) -> HttpResponse:
    """A subscriber's question under one of its subscriptions in force."""
    scope = scope_for(request.user)
    if not (scope.providers or scope.council_authorities):
        raise Http404("Advice requests are raised by providers and councils")
    form = AdviceRequestForm(posted(request), request.FILES or None, subscriptions=_active_subscriptions(request))
    return _raise(request, form, RequestKind.ADVICE, "advice/request_form.html", {"heading": "Ask the hub for advice"})


@login_required
def sponsor_help_new(request: AuthenticatedRequest) -> HttpResponse:
    """Any provider of the region asks for help to apply for or keep a sponsor licence (issue 15 item 8)."""
    if not scope_for(request.user).providers:
        raise Http404("Sponsor licence help is asked for by providers")
    form = SponsorHelpForm(posted(request), request.FILES or None, providers=providers_asking_as(request.user))
    return _raise(
        request,
        form,
        RequestKind.SPONSOR_LICENCE,
        "advice/request_form.html",
        {"heading": "Ask for sponsor licence help"},
    )


@login_required
def council_support_new(request: AuthenticatedRequest) -> HttpResponse:
    """A council officer asks the hub for support about a provider of the council's area."""
    if not scope_for(request.user).council_authorities:
        raise Http404("Support requests about a provider are raised by council officers")
    providers = providers_of_council_area(request.user).order_by("name")
    form = CouncilSupportForm(posted(request), request.FILES or None, providers=providers)
    context = {"heading": "Ask the hub for support about a provider"}
    return _raise(request, form, RequestKind.COUNCIL_SUPPORT, "advice/request_form.html", context)


def _detail(
    request: AuthenticatedRequest,
    row: AdviceRequest,
    *,
    reply_form: ReplyForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    adviser = is_adviser(request.user, row)
    balance = None
    if row.subscription_id is not None:
        subscription = with_use(Subscription.objects.filter(pk=row.subscription_id)).get()
        used: int = subscription.used_minutes  # type: ignore[attr-defined]
        balance = {
            "allowance": subscription.allowance_minutes,
            "used": used,
            "left": max(subscription.allowance_minutes - used, 0),
            "over": max(used - subscription.allowance_minutes, 0),
        }
    context = {
        "row": row,
        "thread": thread_of(row),
        "adviser": adviser,
        "closed": row.status == RequestStatus.CLOSED,
        "balance": balance,
        "first_answer_due": first_answer_due(row),
        "resolution_due": resolution_due(row),
        "now": timezone.now(),
        "reply_form": reply_form or ReplyForm(adviser=adviser),
        "close_form": close_form or CloseForm(),
    }
    return render(request, "advice/request_detail.html", context, status=status)


@login_required
def advice_request_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    return _detail(request, get_advice_request_for_user(request, public_id))


@login_required
@require_POST
def advice_request_reply(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    row = get_advice_request_for_user_rw(request, public_id, to="reply")
    adviser = is_adviser(request.user, row)
    form = ReplyForm(request.POST, request.FILES or None, adviser=adviser)
    if form.is_valid():
        try:
            message = services.advice_reply(
                actor=request.user,
                request_row=row,
                text=form.cleaned_data["text"],
                minutes=form.cleaned_data.get("minutes") or 0,
                upload=form.cleaned_data.get("upload"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if message.over_allowance_minutes:
                messages.warning(
                    request,
                    f"Recorded. {message.over_allowance_minutes} of these minutes go beyond the allowance: "
                    "they are flagged for the lead.",
                )
            else:
                messages.success(request, "Your message is in the thread.")
            return redirect(row)
    return _detail(request, row, reply_form=form, status=400)


@login_required
@require_POST
def advice_request_close(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    row = get_advice_request_for_user_rw(request, public_id, to="answer")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.advice_close(
                actor=request.user,
                request_row=row,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The request is closed and the requester is told.")
            return redirect(row)
    return _detail(request, row, close_form=form, status=400)


@login_required
def advice_document(request: AuthenticatedRequest, public_id: UUID) -> HttpResponseBase:
    message = get_advice_message_for_user(request, public_id)
    return stored_file_response(
        message_document_path(message), filename=message.document_name, content_type=message.content_type
    )


# -- the lead's: services and subscriptions ---------------------------------------------------------


@login_required
def subscription_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.hub_regions:
        raise PermissionDenied("Subscriptions are kept by the hub team.")
    context = {
        "balances": subscription_balances(user=request.user),
        "services": list(services_visible_to(request.user).select_related("region").order_by("region__name", "name")),
        "leads": bool(scope.lead_regions),
    }
    return render(request, "advice/subscription_list.html", context)


@login_required
def subscription_new(request: AuthenticatedRequest) -> HttpResponse:
    region = get_region_for_new_subscription(request)
    form = SubscriptionForm(
        posted(request),
        services=services_visible_to(request.user).filter(region=region).order_by("name"),
        providers=Provider.objects.filter(region=region).order_by("name"),
        councils=LocalAuthority.objects.filter(region=region).order_by("council_name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            subscription = services.subscription_create(actor=request.user, region=region, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The subscription to {subscription.service.name} is added.")
            return redirect("subscription_list")
    return render(request, "advice/subscription_form.html", {"form": form, "region": region})


@login_required
def subscription_end_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    subscription = get_subscription_for_user_rw(request, public_id)
    form = SubscriptionEndForm(posted(request), initial={"ends_on": subscription.ends_on or timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_end(
                actor=request.user, subscription=subscription, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, f"The subscription to {subscription.service.name} ends on {subscription.ends_on:%-d %B %Y}."
            )
            return redirect("subscription_list")
    return render(request, "advice/subscription_end.html", {"form": form, "subscription": subscription})


@login_required
def service_new(request: AuthenticatedRequest) -> HttpResponse:
    region = get_region_for_new_subscription(request)
    form = ServiceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(actor=request.user, region=region, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{region.name} now offers {service.name}.")
            return redirect("subscription_list")
    return render(request, "advice/service_form.html", {"form": form, "region": region})
