"""The offer and the pre-employment checks of an application (hub team)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from accesslog.models import Action, Detail
from accesslog.services import access_record
from accounts.http import AuthenticatedRequest
from campaigns.access import get_application_for_user
from campaigns.forms import CheckForm, OfferForm
from campaigns.models import ComplianceCheck, Stage
from campaigns.offers import (
    check_document_path,
    check_record,
    compliance_items,
    missing_checks,
    offer_make,
    pay_threshold,
)
from hubs.access import scope_for
from portal.files import stored_file_response
from portal.forms import posted


@login_required
def offer_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    employers = application.campaign.employers.order_by("name")
    form = OfferForm(posted(request), employers=employers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            offer_make(
                actor=request.user,
                application=application,
                employer=data["employer"],
                salary=data["salary"],
                hours_per_week=data["hours_per_week"],
                starts_on=data["starts_on"],
                repayment=form.repayment(),
                repayment_months=data["repayment_months"],
                interest=data["interest"],
                cash=data["cash"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The offer is recorded: the application is now “Offered”.")
            return redirect(application)
    from django.utils import timezone

    context = {
        "application": application,
        "form": form,
        "threshold": pay_threshold(application.role, on=timezone.localdate()),
        "interviewed": application.stage == Stage.INTERVIEWED,
    }
    return render(request, "campaigns/offer_form.html", context, status=400 if form.errors else 200)


@login_required
def application_checks(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    items = compliance_items(application.role)
    form = CheckForm(posted(request), request.FILES or None, items=items)
    if form.is_valid():
        data = form.cleaned_data
        try:
            check_record(
                actor=request.user,
                application=application,
                item=data["item"],
                checked_on=data["checked_on"],
                expires_on=data["expires_on"],
                reference=data["reference"],
                upload=data["upload"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The check is recorded.")
            return redirect("application_checks", public_id=application.public_id)
    recorded = {check.item: check for check in application.checks.all()}
    context = {
        "application": application,
        "form": form,
        "rows": [(item, recorded.get(item.code)) for item in items],
        "missing": missing_checks(application),
        "may_record": application.stage in (Stage.ACCEPTED, Stage.CHECKS),
    }
    return render(request, "campaigns/checks.html", context, status=400 if form.errors else 200)


@login_required
def check_document(request: AuthenticatedRequest, public_id: UUID) -> HttpResponseBase:
    check = (
        ComplianceCheck.objects.filter(
            public_id=public_id, application__region_id__in=scope_for(request.user).hub_regions
        )
        .select_related("application")
        .first()
    )
    if check is None:
        raise Http404("No such check")
    access_record(
        request,
        action=Action.DOWNLOAD,
        detail=Detail.DOCUMENT,
        what="an applicant's pre-employment check evidence",
        region_id=check.application.region_id,
        subject=("application", check.application.public_id),
    )
    return stored_file_response(
        check_document_path(check), filename=check.original_name, content_type=check.content_type
    )
