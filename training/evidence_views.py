"""English evidence: a certificate upload (recruit, provider or hub), an assessment result
(hub), and the hub's check of what was uploaded."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import require_hub_team, scope_for
from hubs.models import Region
from portal.charts import bar_chart
from portal.exports import csv_response, file_response
from portal.files import document_limit_text
from portal.forms import add_service_errors, posted
from portal.suppression import EXPLANATION, SuppressedTable, suppress
from recruits.access import get_recruit_for_user
from training import figures, selectors, services
from training.access import get_english_evidence_for_user, recruits_bookable_by
from training.forms import AssessmentForm, CertificateEvidenceForm, ReviewForm


def _back(request: AuthenticatedRequest, recruit_public_id: UUID) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    # Only our own enrolment pages: never an open redirect.
    if nxt.startswith("/training/enrolments/") and "//" not in nxt:
        return nxt
    return reverse("training_plan", args=[recruit_public_id])


@login_required
def evidence_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id)
    if not recruits_bookable_by(request.user).filter(pk=recruit.pk).exists():
        raise PermissionDenied("You can see this record but not add evidence to it.")
    form = CertificateEvidenceForm(posted(request), request.FILES or None)
    if form.is_valid():
        try:
            services.evidence_upload_certificate(
                actor=request.user,
                recruit=recruit,
                upload=form.cleaned_data["file"],
                level=form.cleaned_data["level"],
                evidence_date=form.cleaned_data["evidence_date"],
                valid_until=form.cleaned_data["valid_until"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The certificate was uploaded. The hub will check it and the booking will update."
            )
            return redirect(_back(request, recruit.public_id))
    context = {
        "recruit": recruit,
        "form": form,
        "limit": document_limit_text(),
        "next": _back(request, recruit.public_id),
    }
    return render(request, "training/evidence_new.html", context)


@login_required
def assessment_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id)
    require_hub_team(request, recruit.region_id, "Assessment results are recorded by the hub team.")
    form = AssessmentForm(posted(request))
    if form.is_valid():
        try:
            services.evidence_record_assessment(actor=request.user, recruit=recruit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The assessment result was recorded.")
            return redirect(_back(request, recruit.public_id))
    context = {"recruit": recruit, "form": form, "next": _back(request, recruit.public_id)}
    return render(request, "training/assessment_new.html", context)


@login_required
def evidence_list(request: AuthenticatedRequest) -> HttpResponse:
    if not scope_for(request.user).on_a_hub_team:
        raise Http404("Evidence is checked by the hub team")
    page = selectors.evidence_to_check(user=request.user, after=request.GET.get("after"))
    return render(request, "training/evidence_list.html", {"page": page, "is_later": bool(request.GET.get("after"))})


@login_required
def evidence_review_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    evidence = get_english_evidence_for_user(request, public_id, related=["recruit", "document", "reviewed_by"])
    require_hub_team(request, evidence.region_id, "Evidence is checked by the hub team.")
    form = ReviewForm(posted(request))
    if form.is_valid():
        try:
            services.evidence_review(
                actor=request.user,
                evidence=evidence,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            verdict = "accepted" if form.cleaned_data["decision"] == "approve" else "not accepted"
            messages.success(
                request,
                f"The evidence of {evidence.recruit.full_name if evidence.recruit else 'the learner'} was {verdict}.",
            )
            return redirect("evidence_list")
    return render(request, "training/evidence_review.html", {"evidence": evidence, "form": form})


@login_required
def training_figures_view(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if scope.national and not scope.on_a_hub_team:
        return _national_training_figures(request)
    if not scope.on_a_hub_team:
        raise Http404("Training figures are for the hub team")
    return render(request, "training/figures.html", {"figures": figures.training_figures(user=request.user)})


def _national_table(regions: list[Region]) -> SuppressedTable:
    """Every region's training counts, suppressed (portal/suppression.py): the national team's only view."""
    rows = figures.training_figures_by_region(regions=regions)
    keys = [key for key, _ in figures.NATIONAL_MEASURES]
    return suppress({row.region.pk: {key: getattr(row, key) for key in keys} for row in rows}, keys)


def _national_training_figures(request: AuthenticatedRequest) -> HttpResponse:
    """Counts by region for the national team: one table, an England total and a chart (no names),
    small counts hidden."""
    regions = list(Region.objects.order_by("name"))
    suppressed = _national_table(regions)
    keys = [key for key, _ in figures.NATIONAL_MEASURES]
    table = [(region.name, [suppressed.rows[region.pk][key] for key in keys]) for region in regions]
    total = [suppressed.totals[key] for key in keys]
    chart = bar_chart(
        "Courses completed, by region", [(region.name, suppressed.rows[region.pk]["completed"]) for region in regions]
    )
    context = {
        "measures": figures.NATIONAL_MEASURES,
        "table": table,
        "total": total,
        "chart": chart,
        "suppressed": suppressed,
        "explanation": EXPLANATION,
    }
    return render(request, "training/figures_national.html", context)


@login_required
def training_regions_csv(request: AuthenticatedRequest) -> HttpResponse:
    """The national team's table as on its page, small counts hidden."""
    if not scope_for(request.user).national:
        raise Http404("Not found")
    regions = list(Region.objects.order_by("name"))
    rows = _national_table(regions).csv_rows({region.pk: region.name for region in regions})
    access_record_export(request, what="training figures by region (CSV)", regions=[region.pk for region in regions])
    return csv_response("training-by-region.csv", ["region", *(label for _, label in figures.NATIONAL_MEASURES)], rows)


@login_required
def training_figures_csv(request: AuthenticatedRequest, table: str) -> HttpResponse:
    if not scope_for(request.user).on_a_hub_team or table not in ("cohorts", "completions"):
        raise Http404("Not found")
    data = figures.training_figures(user=request.user)
    content = figures.cohorts_csv(data) if table == "cohorts" else figures.completions_csv(data)
    access_record_export(request, what=f"training {table} (CSV)", regions=scope_for(request.user).hub_regions)
    return file_response(content.encode(), filename=f"training-{table}.csv", content_type="text/csv; charset=utf-8")
