"""The region's training partners (colleges, universities, NHS trusts, the hub itself), kept by the
IR lead: a cohort names one as its delivery partner, and the lead invites the partner's people."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from hubs.access import require_hub_team, scope_for
from hubs.roles import PERMISSION_OF_ROLE, Role
from hubs.services import training_partner_create, training_partner_update
from portal.forms import posted
from training.access import (
    get_region_for_new_training_partner,
    get_training_partner_for_user_rw,
    training_partners_visible_to,
)
from training.partner_forms import TrainingPartnerForm


@login_required
def training_partner_list(request: AuthenticatedRequest) -> HttpResponse:
    require_hub_team(request, message="Training partners are kept by the hub team.")
    partners = (
        training_partners_visible_to(request.user)
        .select_related("region")
        .annotate(
            people=Count(
                "trainingpartneruserobjectpermission",
                filter=Q(trainingpartneruserobjectpermission__permission__codename=PERMISSION_OF_ROLE[Role.PARTNER]),
                distinct=True,
            ),
            cohort_count=Count("cohorts", distinct=True),
        )
        .order_by("region__name", "name")
    )
    context = {"partners": partners, "leads_a_region": scope_for(request.user).leads_a_region}
    return render(request, "training/partner_list.html", context)


@login_required
def training_partner_new(request: AuthenticatedRequest) -> HttpResponse:
    region = get_region_for_new_training_partner(request)
    form = TrainingPartnerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            partner = training_partner_create(actor=request.user, region=region, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{partner.name} is a training partner of {region.name}.")
            return redirect("training_partner_list")
    return render(request, "training/partner_form.html", {"form": form, "partner": None, "region": region})


@login_required
def training_partner_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    partner = get_training_partner_for_user_rw(request, public_id)
    initial = {field: getattr(partner, field) for field in TrainingPartnerForm.base_fields}
    form = TrainingPartnerForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training_partner_update(actor=request.user, partner=partner, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{partner.name}'s details are saved.")
            return redirect("training_partner_list")
    return render(request, "training/partner_form.html", {"form": form, "partner": partner, "region": partner.region})
