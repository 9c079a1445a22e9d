"""Monitoring returns: the page, its CSV and XLSX, and the glossary that defines every column.

A lead sees the return of the region they lead; the national team England's (every region, with the
England total) or one region's, with small numbers suppressed (portal/suppression.py). Everyone else
is refused.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import Scope, scope_for
from hubs.models import Region
from portal.db_router import on_replica
from portal.exports import csv_response, file_response, safe_cell
from portal.returns.figures import (
    CAMPAIGNS_NOTE,
    COLUMNS,
    GLOSSARY_EXTRA,
    MonitoringReturn,
    national_return,
    region_return,
)
from portal.returns.forms import ENGLAND, ReturnFilterForm, filter_data
from portal.suppression import EXPLANATION

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFUSED = "Monitoring returns are for regional leads and the national team."


def _regions_for(scope: Scope) -> list[Region]:
    if scope.national:
        return list(Region.objects.order_by("name"))
    if scope.lead_regions:
        return list(Region.objects.filter(pk__in=scope.lead_regions).order_by("name"))
    raise PermissionDenied(REFUSED)


def _form(request: AuthenticatedRequest) -> ReturnFilterForm:
    scope = scope_for(request.user)
    regions = _regions_for(scope)
    default = ENGLAND if scope.national else regions[0].code
    data = filter_data(request.GET, today=timezone.localdate(), default_region=default)
    return ReturnFilterForm(data, regions=regions, national=scope.national)


@on_replica
def _return_of(form: ReturnFilterForm, *, national: bool) -> MonitoringReturn:
    region, period = form.chosen_region(), form.chosen_period()
    if national:
        return national_return(period=period, region=region)
    assert region is not None  # a lead's choices are their own regions
    return region_return(region=region, period=period)


def _page(request: AuthenticatedRequest, form: ReturnFilterForm, result: MonitoringReturn | None) -> HttpResponse:
    query = request.GET.urlencode()
    context: dict[str, Any] = {
        "form": form,
        "result": result,
        "columns": COLUMNS,
        "explanation": EXPLANATION,
        "campaigns_note": CAMPAIGNS_NOTE,
        "csv_url": f"{reverse('monitoring_return_csv')}?{query}" if query else reverse("monitoring_return_csv"),
        "xlsx_url": f"{reverse('monitoring_return_xlsx')}?{query}" if query else reverse("monitoring_return_xlsx"),
    }
    if result is not None:
        lines = [*result.rows, *([result.england] if result.england else [])]
        context["lines"] = lines
        context["figures"] = [(column, [line.shown(column.key) for line in lines]) for column in COLUMNS]
    return render(request, "returns/return.html", context, status=200 if result is not None else 400)


@login_required
def monitoring_return(request: AuthenticatedRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return _page(request, form, None)
    return _page(request, form, _return_of(form, national=scope_for(request.user).national))


def _file_rows(result: MonitoringReturn) -> list[list[Any]]:
    lines = [*result.rows, *([result.england] if result.england else [])]
    period = f"{result.period.start:%Y-%m-%d} to {result.period.end:%Y-%m-%d}"
    return [[line.name, period, *line.values()] for line in lines]


def _glossary_rows(result: MonitoringReturn) -> list[list[str]]:
    rows = [[column.label, column.definition] for column in COLUMNS]
    rows += [[term, definition] for term, definition in GLOSSARY_EXTRA]
    if result.suppressed:
        rows.append(["Suppression", EXPLANATION])
    return rows


HEADER = ["Region", "Period", *[column.label for column in COLUMNS]]


def _file_name(result: MonitoringReturn, extension: str) -> str:
    where = "england" if result.england else result.rows[0].name.lower().replace(" ", "-")
    return f"monitoring-return-{where}-{result.period.start:%Y-%m-%d}-to-{result.period.end:%Y-%m-%d}.{extension}"


def _export(request: AuthenticatedRequest, kind: str) -> tuple[MonitoringReturn | None, HttpResponse | None]:
    form = _form(request)
    if not form.is_valid():
        return None, _page(request, form, None)
    scope = scope_for(request.user)
    result = _return_of(form, national=scope.national)
    region = form.chosen_region()
    covered = [region.pk] if region else [r.pk for r in Region.objects.all()]
    access_record_export(request, what=f"monitoring return, {result.period.label} ({kind})", regions=covered)
    return result, None


@login_required
def monitoring_return_csv(request: AuthenticatedRequest) -> HttpResponse:
    """The figures, one line per region (and England), then a blank line and the glossary: a "Glossary"
    line, then one line per term with its definition in the second column."""
    result, refused = _export(request, "CSV")
    if result is None:
        assert refused is not None
        return refused
    rows: list[list[Any]] = _file_rows(result)
    rows += [[], ["Glossary", "Definition"], *_glossary_rows(result)]
    return csv_response(_file_name(result, "csv"), HEADER, rows)


@login_required
def monitoring_return_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    """A "Return" sheet with the figures and a "Glossary" sheet defining every column."""
    result, refused = _export(request, "XLSX")
    if result is None:
        assert refused is not None
        return refused
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Return"
    sheet.append([safe_cell(cell) for cell in HEADER])
    for row in _file_rows(result):
        sheet.append([safe_cell(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    glossary = book.create_sheet("Glossary")
    glossary.append(["Term", "Definition"])
    for row in _glossary_rows(result):
        glossary.append([safe_cell(cell) for cell in row])
    for cell in glossary[1]:
        cell.font = Font(bold=True)
    glossary.column_dimensions["A"].width = 36
    glossary.column_dimensions["B"].width = 120
    out = io.BytesIO()
    book.save(out)
    return file_response(out.getvalue(), filename=_file_name(result, "xlsx"), content_type=XLSX)


@login_required
def monitoring_return_glossary(request: AuthenticatedRequest) -> HttpResponse:
    _regions_for(scope_for(request.user))
    return render(
        request,
        "returns/glossary.html",
        {"columns": COLUMNS, "extra": GLOSSARY_EXTRA, "explanation": EXPLANATION},
    )
