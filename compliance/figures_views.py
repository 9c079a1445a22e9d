"""The ADASS regional page: the region's compliance cases in figures (no names, no records)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from advice.selectors import council_request_figures
from compliance.access import case_figures_regions, get_case_figures_region_for_user
from compliance.figures import region_case_figures
from portal.suppression import EXPLANATION


@login_required
def case_figures(request: AuthenticatedRequest) -> HttpResponse:
    """The menu's "Case figures": the one region's page, or the list of the user's regions."""
    regions = list(case_figures_regions(request.user))
    if not regions:
        raise Http404("No case figures for this role")
    if len(regions) == 1:
        return redirect("region_case_figures", public_id=regions[0].public_id)
    return render(request, "compliance/figures_regions.html", {"regions": regions})


@login_required
def region_case_figures_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    region = get_case_figures_region_for_user(request, public_id)
    figures = region_case_figures(user=request.user, region=region)
    context = {
        "figures": figures,
        "explanation": EXPLANATION,
        # The councils' requests to the hub for support about a provider, as counts (issue 16 item 4).
        "council_requests": council_request_figures(region=region),
    }
    return render(request, "compliance/figures.html", context)
