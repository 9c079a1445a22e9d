"""The funnel report of the hub team's campaigns (issue 15 item 9): a page with a chart and its
tables, and the same figures as CSV, both filtered by campaign, country of residence and employer.

The hub team of the region (lead and hub staff) only: the funnel is about its applicants, whom
employers do not see before an offer; the national team sees no recruit-level data and has the
monitoring return's campaign figures instead. Everyone else is answered 403.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from campaigns.access import campaigns_editable_by
from campaigns.funnel import OFFERED_ON, Funnel, FunnelFilters, funnel_countries, funnel_employers, funnel_of
from campaigns.models import PIPELINE, Campaign, Stage
from hubs.access import require_hub_team, scope_for
from portal.charts import bar_chart
from portal.exports import csv_response
from providers.models import Provider

REFUSED = "The funnel report is for the hub team that runs the campaigns."


class FunnelFilterForm(forms.Form):
    """The page's GET filters (kept beside the view: it is read by this page alone)."""

    mark_optional = False  # every filter is optional: no "(optional)" on each

    campaign: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Campaign",
        queryset=Campaign.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label="Every campaign",
        error_messages={"invalid_choice": "Choose a campaign from the list"},
    )
    country = forms.ChoiceField(
        label="Country of residence",
        required=False,
        error_messages={"invalid_choice": "Choose a country from the list"},
    )
    employer: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Employer who made the offer",
        queryset=Provider.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label="Any employer",
        error_messages={"invalid_choice": "Choose an employer from the list"},
    )

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        campaign_field = self.fields["campaign"]
        employer_field = self.fields["employer"]
        country_field = self.fields["country"]
        assert isinstance(campaign_field, forms.ModelChoiceField) and isinstance(employer_field, forms.ModelChoiceField)
        assert isinstance(country_field, forms.ChoiceField)
        campaign_field.queryset = campaigns_editable_by(user).order_by("-opens_on", "-id")
        employer_field.queryset = funnel_employers(user)
        country_field.choices = [("", "Any country"), *funnel_countries(user)]

    def filters(self) -> FunnelFilters:
        data = self.cleaned_data
        return FunnelFilters(
            campaign=data.get("campaign"), country=data.get("country") or "", employer=data.get("employer")
        )


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


CSV_HEADER = [
    "Grouping",
    "Group",
    "Stage",
    "Reached",
    "Conversion from the previous stage (%)",
    "Conversion from applied (%)",
    "Median days in the stage",
    "Applications in the median (left the stage)",
    "In the stage now (not in the median)",
]


def _csv_rows(funnel: Funnel) -> list[list[Any]]:
    rows: list[list[Any]] = []
    groups = [("All", funnel.total), *(("Country", g) for g in funnel.by_country)]
    groups += [("Employer", g) for g in funnel.by_employer]
    for grouping, group in groups:
        for figure in group.stages:
            from_applied = _pct(figure.from_first) if grouping != "Employer" else ""
            rows.append(
                [
                    grouping,
                    group.label,
                    figure.stage.label,
                    figure.reached,
                    _pct(figure.from_previous),
                    from_applied,
                    _days(figure.median_days),
                    figure.timed if figure.stage != Stage.ARRIVED else "",
                    figure.now,
                ]
            )
    return rows


def _query(request: AuthenticatedRequest, **extra: str) -> str:
    query = request.GET.copy()
    query.pop("format", None)
    for key, value in extra.items():
        query[key] = value
    return query.urlencode()


@login_required
def campaign_funnel(request: AuthenticatedRequest) -> HttpResponse:
    require_hub_team(request, message=REFUSED)
    form = FunnelFilterForm(request.GET, user=request.user)
    funnel = funnel_of(user=request.user, filters=form.filters()) if form.is_valid() else None
    if funnel is not None and request.GET.get("format") == "csv":
        regions = scope_for(request.user).hub_regions
        access_record_export(request, what="campaigns' funnel report (CSV)", regions=regions)
        return csv_response("campaign-funnel.csv", CSV_HEADER, _csv_rows(funnel))
    context: dict[str, Any] = {
        "form": form,
        "funnel": funnel,
        "csv_query": _query(request, format="csv"),
        "pipeline": [Stage(s) for s in PIPELINE],
        "employer_stages": [Stage(s) for s in OFFERED_ON],
        "chosen_campaign": form.cleaned_data.get("campaign") if form.is_valid() else None,
    }
    if funnel is not None and not funnel.empty:
        context["chart"] = bar_chart(
            "Applications that reached each stage", [(f.stage.label, f.reached) for f in funnel.total.stages]
        )
    return render(request, "campaigns/funnel.html", context, status=200 if funnel is not None else 400)
