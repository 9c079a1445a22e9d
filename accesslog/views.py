"""The region's access log, for its lead."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from accesslog.forms import LogFilterForm
from accesslog.selectors import LogFilter, access_log_for_regions, access_log_page, access_log_regions_of
from accounts.http import AuthenticatedRequest
from portal.pagination import query_with


@login_required
def access_log(request: AuthenticatedRequest) -> HttpResponse:
    regions = access_log_regions_of(request.user)
    if not regions:
        raise PermissionDenied("The access log is for regional leads: ask your region's lead to check it for you.")
    form = LogFilterForm(request.GET or None)
    filters = LogFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = LogFilter(data["person"], data["detail"], data["since"], data["until"], data["subject"])
    page = access_log_page(access_log_for_regions(regions, filters), after=request.GET.get("after"))
    context = {
        "form": form,
        "page": page,
        "next_query": query_with(request, after=page.next_cursor),
        "first_query": query_with(request, after=None),
        "page_is_later": bool(request.GET.get("after")),
    }
    return render(request, "accesslog/list.html", context)
