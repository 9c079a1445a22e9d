"""The access review page and its export: who holds which role, and whether they use two-factor authentication."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accesslog.forms import ReviewFilterForm
from accesslog.review import ReviewFilter, coverage, review_page, review_rows
from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from hubs.models import Region
from hubs.roles import Role
from portal.exports import csv_response
from portal.pagination import Page, query_with

NOT_ALLOWED = "The access review is for regional leads and the national team."


def _reviewed_regions(request: AuthenticatedRequest) -> frozenset[int] | None:
    """The regions the user reviews (None: every region, for the national team)."""
    scope = scope_for(request.user)
    if scope.national:
        return None
    if not scope.lead_regions:
        raise PermissionDenied(NOT_ALLOWED)
    return scope.lead_regions


def _filters(form: ReviewFilterForm) -> ReviewFilter:
    if not form.is_valid():
        return ReviewFilter()
    data = form.cleaned_data
    return ReviewFilter(
        role=Role(data["role"]) if data["role"] else None,
        without_second_factor=data["without_second_factor"],
        include_inactive=data["include_inactive"],
    )


@login_required
def access_review(request: AuthenticatedRequest) -> HttpResponse:
    regions = _reviewed_regions(request)
    form = ReviewFilterForm(request.GET or None)
    people, next_cursor = review_page(regions, _filters(form), after=request.GET.get("after"))
    where = (
        "England"
        if regions is None
        else ", ".join(Region.objects.filter(id__in=regions).values_list("name", flat=True))
    )
    context = {
        "form": form,
        "where": where,
        "coverage": coverage(regions),
        "page": Page(items=people, next_cursor=next_cursor),
        "next_query": query_with(request, after=next_cursor),
        "first_query": query_with(request, after=None),
        "page_is_later": bool(request.GET.get("after")),
        "export_query": query_with(request, after=None),
    }
    return render(request, "accesslog/review.html", context)


@login_required
def access_review_export(request: AuthenticatedRequest) -> HttpResponse:
    regions = _reviewed_regions(request)
    filters = _filters(ReviewFilterForm(request.GET or None))
    exported = regions if regions is not None else frozenset(Region.objects.values_list("id", flat=True))
    access_record_export(request, what="Access review (who has which role)", regions=exported)
    header = [
        "Name",
        "Email address",
        "Account active",
        "Two-factor authentication",
        "Last signed in",
        "Role",
        "Held on",
        "Region",
    ]
    rows = (
        [
            person.user.name,
            person.user.email,
            "Yes" if person.user.is_active else "No",
            "Yes" if person.has_second_factor else ("No: required" if person.needs_second_factor else "No"),
            timezone.localtime(person.user.last_login).strftime("%Y-%m-%d %H:%M")
            if person.user.last_login
            else "Never",
            grant.role.label,
            grant.on,
            grant.region,
        ]
        for person in review_rows(regions, filters)
        for grant in person.grants
    )
    today = timezone.localdate().isoformat()
    return csv_response(f"access-review-{today}.csv", header, rows)
