"""Careers information pages per role: the list, a page (Markdown cleaned by `portal/markdown.py`),
and the hub team's form."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.forms import posted
from portal.markdown import markdown_render
from training.access import get_career_page_for_user, get_career_page_for_user_rw, get_region_for_new_career_page
from training.career_forms import CareerPageForm
from training.careers import FIELDS, career_page_add, career_page_list, career_page_update


@login_required
def career_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers or scope.recruit_id or scope.partner_organisations):
        raise Http404("No careers pages for this role")
    page = career_page_list(user=request.user, after=request.GET.get("after"))
    return render(request, "training/career_list.html", {"page": page, "can_write": bool(scope.hub_regions)})


@login_required
def career_page(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    page = get_career_page_for_user(request, public_id)
    context = {
        "career": page,
        "body_html": markdown_render(page.body),
        "can_write": scope_for(request.user).is_hub_team(page.region_id),
    }
    return render(request, "training/career_page.html", context)


@login_required
def career_page_new(request: AuthenticatedRequest) -> HttpResponse:
    region = get_region_for_new_career_page(request)
    form = CareerPageForm(posted(request))
    if form.is_valid():
        try:
            page = career_page_add(actor=request.user, region=region, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The page about {page.role} is published to {region.name}.")
            return redirect(page.get_absolute_url())
    context = {"form": form, "career": None}
    return render(request, "training/career_form.html", context, status=400 if form.errors else 200)


@login_required
def career_page_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    page = get_career_page_for_user_rw(request, public_id)
    form = CareerPageForm(posted(request), initial={name: getattr(page, name) for name in FIELDS})
    if form.is_valid():
        try:
            career_page_update(actor=request.user, page=page, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The page is saved.")
            return redirect(page.get_absolute_url())
    context = {"form": form, "career": page}
    return render(request, "training/career_form.html", context, status=400 if form.errors else 200)
