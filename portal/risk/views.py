"""/providers/risk/: the hub team's table of providers by risk score (leads and hub staff only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accounts.http import AuthenticatedRequest
from hubs.access import hub_team_required
from portal.pagination import PAGE_PARAM, query_with
from portal.risk import selectors
from portal.risk.weights import SIGNALS


def _page_number(request: AuthenticatedRequest) -> int:
    """The page asked for: the pagination tag's links carry `page=` with a cursor (`after`/`before`)."""
    if not (request.GET.get("after") or request.GET.get("before")):
        return 1
    try:
        return max(1, int(request.GET.get(PAGE_PARAM, "")))
    except ValueError:
        return 1


def _direction(*, numeric: bool, descending: bool) -> str:
    if numeric:
        return "highest first" if descending else "lowest first"
    return "Z to A" if descending else "A to Z"


def _columns(request: AuthenticatedRequest, sort: str) -> list[dict[str, Any]]:
    """The sortable headers: each with its link (the other direction when it is the current sort;
    numbers start highest first, names A to Z) and its aria-sort."""
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    headers = [
        (selectors.NAME, "Provider", False),
        (selectors.SCORE, "Score", True),
        *((signal.key, signal.label, True) for signal in SIGNALS),
    ]
    columns = []
    for key, label, numeric in headers:
        if key == current:
            aria = "descending" if descending else "ascending"
            target = key if descending else f"-{key}"
        else:
            aria = None
            target = f"-{key}" if numeric else key
        columns.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "aria_sort": aria,
                "query": query_with(request, sort=target, after=None, before=None, page=None),
                "next_direction": _direction(numeric=numeric, descending=target.startswith("-")),
            }
        )
    return columns


@login_required
@hub_team_required
def provider_risk(request: AuthenticatedRequest) -> HttpResponse:
    sort = selectors.parse_sort(request.GET.get("sort"))
    page = selectors.provider_risk_page(user=request.user, sort=sort, number=_page_number(request))
    return render(
        request,
        "risk/provider_risk.html",
        {"page": page, "columns": _columns(request, sort), "signals": SIGNALS, "sort": sort},
    )
