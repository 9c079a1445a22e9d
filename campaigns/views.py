"""The campaign pages: the list, a campaign, adding and changing one, and publishing it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from campaigns import services
from campaigns.access import (
    get_campaign_for_user,
    get_campaign_for_user_rw,
    require_campaign_reader,
)
from campaigns.forms import CampaignForm, PublishForm, campaign_initial
from campaigns.models import Campaign, CampaignStatus
from campaigns.selectors import campaign_employers, campaign_page, campaign_roles
from hubs.access import regions_visible_to, require_hub_team, scope_for
from portal.forms import posted
from portal.markdown import markdown_render
from portal.pagination import query_with


@login_required
def campaign_list(request: AuthenticatedRequest) -> HttpResponse:
    require_campaign_reader(request.user)
    page = campaign_page(request.user, after=request.GET.get("after"))
    context = {
        "page": page,
        "next_query": query_with(request, after=page.next_cursor),
        "may_add": scope_for(request.user).on_a_hub_team,
    }
    return render(request, "campaigns/list.html", context)


@login_required
def campaign_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    campaign = get_campaign_for_user(request, public_id)
    context = {
        "campaign": campaign,
        "roles": campaign_roles(campaign),
        "employers": campaign_employers(campaign),
        "advert_html": markdown_render(campaign.advert),
        "may_edit": scope_for(request.user).is_hub_team(campaign.region_id),
    }
    return render(request, "campaigns/detail.html", context)


def _save_form(request: AuthenticatedRequest, form: CampaignForm, campaign: Campaign | None) -> Campaign | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if campaign is None:
            return services.campaign_create(
                actor=request.user,
                region=data["region"],
                data=data,
                roles=form.roles(),
                employers=list(data["employers"]),
            )
        return services.campaign_update(
            actor=request.user, campaign=campaign, data=data, roles=form.roles(), employers=list(data["employers"])
        )
    except ValidationError as error:
        form.add_service_error(error)
        return None


@login_required
def campaign_new(request: AuthenticatedRequest) -> HttpResponse:
    require_hub_team(request, message="Campaigns are run by the hub team.")
    form = CampaignForm(posted(request), regions=regions_visible_to(request.user))
    campaign = _save_form(request, form, None)
    if campaign is not None:
        messages.success(request, "The campaign is saved as a draft. Publish it when it is ready.")
        return redirect("campaign_detail", public_id=campaign.public_id)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@login_required
def campaign_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    campaign = get_campaign_for_user_rw(request, public_id)
    regions = regions_visible_to(request.user).filter(id=campaign.region_id)
    form = CampaignForm(posted(request), regions=regions, initial=campaign_initial(campaign))
    if _save_form(request, form, campaign) is not None:
        messages.success(request, "The campaign is saved.")
        return redirect("campaign_detail", public_id=campaign.public_id)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_publish(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    campaign = get_campaign_for_user_rw(request, public_id)
    form = PublishForm(posted(request))
    if form.is_valid():
        try:
            services.campaign_publish_draft(
                actor=request.user, campaign=campaign, no_fee_confirmed=form.cleaned_data["no_fee_confirmed"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The campaign is published.")
            return redirect("campaign_detail", public_id=campaign.public_id)
    return render(request, "campaigns/publish.html", {"form": form, "campaign": campaign, "draft": is_draft(campaign)})


def is_draft(campaign: Campaign) -> bool:
    return campaign.status == CampaignStatus.DRAFT
