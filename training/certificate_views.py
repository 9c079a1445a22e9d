"""The register of a session day, certificates (PDF, revoke), the public verification page and
the recruit's training plan."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.exports import csv_response
from portal.forms import add_service_errors, posted
from portal.http import client_ip
from portal.pdf import pdf_render, pdf_response
from recruits.access import recruits_visible_to
from training import selectors
from training.access import (
    get_certificate_for_user,
    get_certificate_for_user_rw,
    get_cohort_for_hub_team,
    get_session_day_for_user_rw,
    get_training_plan_recruit_for_user,
    recruits_bookable_by,
)
from training.certificates import (
    REGISTRATION_HEADER,
    attendance_record,
    certificate_normalise_code,
    certificate_pdf,
    certificate_record_award,
    certificate_revoke,
    certificate_verify,
    register_for,
    registration_rows,
)
from training.forms import AwardForm, RevokeForm, VerifyForm
from training.literacy import literacy_for_recruit

# The public page answers this many look-ups a minute per address, then 429.
VERIFY_LIMIT_PER_MINUTE = 20


@login_required
def session_day_register(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    day = get_session_day_for_user_rw(request, public_id)
    error = None
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        try:
            decided = attendance_record(actor=request.user, day=day, present=present)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            done = sum(1 for e in decided if e.status == "completed")
            extra = f" {done} completed the programme; their certificates are ready." if done else ""
            messages.success(request, f"The register for {day} was saved.{extra}")
            return redirect(reverse("session_day_register", args=[day.public_id]))
    context = {"day": day, "cohort": day.cohort, "rows": register_for(day), "error": error}
    return render(request, "training/register.html", context, status=400 if error else 200)


@login_required
def certificate_download(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    certificate = get_certificate_for_user(request, public_id)
    filename = f"certificate-{certificate.code}.pdf"
    return pdf_response(certificate_pdf(certificate), filename=filename)


@login_required
def certificate_revoke_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    certificate = get_certificate_for_user_rw(request, public_id)
    form = RevokeForm(posted(request))
    if form.is_valid():
        try:
            certificate_revoke(actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The certificate was revoked: its code now verifies as revoked.")
            return redirect(certificate.holder_url())
    return render(request, "training/certificate_revoke.html", {"certificate": certificate, "form": form})


@login_required
def certificate_award_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The hub team records the awarding body's certificate number and date."""
    certificate = get_certificate_for_user_rw(
        request, public_id, "The awarding body's certificate is recorded by the hub team."
    )
    initial = {"number": certificate.awarding_body_number, "awarded_on": certificate.awarding_body_awarded_on}
    form = AwardForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            certificate_record_award(
                actor=request.user,
                certificate=certificate,
                number=form.cleaned_data["number"],
                awarded_on=form.cleaned_data["awarded_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The awarding body's certificate was recorded: the public check now shows it.")
            return redirect(certificate.holder_url())
    if certificate.recruit_id:  # part of a recruit's record; a learner's stays under Training
        request.portal_nav_section = "recruit_list"  # type: ignore[attr-defined]
    context = {"certificate": certificate, "form": form, "programme": certificate.programme}
    return render(request, "training/certificate_award.html", context, status=400 if form.errors else 200)


@login_required
def cohort_registration_csv(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The awarding body's registration list for a cohort: its hub team only."""
    cohort = get_cohort_for_hub_team(request, public_id, "The registration list is the hub team's.")
    rows = registration_rows(cohort)
    access_record_export(request, what=f"awarding body registration list, {cohort} (CSV)", regions=[cohort.region_id])
    return csv_response(f"registration-{cohort.public_id}.csv", REGISTRATION_HEADER, rows)


def _over_limit(request: HttpRequest) -> bool:
    key = f"training-verify:{client_ip(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > VERIFY_LIMIT_PER_MINUTE


@never_cache
@require_GET
def certificate_verify_form(request: HttpRequest) -> HttpResponse:
    """Public: anyone with a certificate's code can check it (no sign-in)."""
    if "code" not in request.GET:
        return render(request, "training/verify.html", {"form": VerifyForm()})
    form = VerifyForm(request.GET)
    if form.is_valid():
        code = certificate_normalise_code(form.cleaned_data["code"])
        if code is not None:
            return redirect("certificate_verify_code", code=code)
        form.add_error("code", "A code has 12 letters and numbers, like ABCD-EFGH-JKMN: check it and try again")
    return render(request, "training/verify.html", {"form": form}, status=400)


@never_cache
@require_GET
def certificate_verify_code(request: HttpRequest, code: str) -> HttpResponse:
    if _over_limit(request):
        return render(request, "training/verify_limited.html", status=429)
    result = certificate_verify(code)
    return render(request, "training/verify_result.html", {"result": result, "code": code.upper()})


@login_required
def my_training_plan(request: AuthenticatedRequest) -> HttpResponse:
    recruit_id = scope_for(request.user).recruit_id
    if recruit_id is None:
        return redirect("programme_list")
    recruit = recruits_visible_to(request.user).get(pk=recruit_id)
    return redirect("training_plan", public_id=recruit.public_id)


@login_required
def training_plan_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    scope = scope_for(request.user)
    context = {
        "plan": selectors.training_plan(user=request.user, recruit=recruit),
        "recruit": recruit,
        "evidence": selectors.recruit_evidence(user=request.user, recruit=recruit),
        "is_self": scope.is_recruit(recruit),
        "can_add_evidence": recruits_bookable_by(request.user).filter(pk=recruit.pk).exists(),
        "is_hub_team": scope.is_hub_team(recruit.region_id),
        "literacy": literacy_for_recruit(user=request.user, recruit=recruit),
    }
    # The menu item this page belongs to: the recruit's own "My training", or the hub team's
    # Recruits (a plan is part of a recruit's record), not "Find training" or Training.
    request.portal_nav_section = "my_training_plan" if context["is_self"] else "recruit_list"  # type: ignore[attr-defined]
    return render(request, "training/plan.html", context)


@login_required
def training_plan_pdf(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    plan = selectors.training_plan(user=request.user, recruit=recruit)
    if plan.is_empty:
        # A blank PDF helps nobody: say what would fill it instead.
        is_self = recruit.pk == scope_for(request.user).recruit_id
        request.portal_nav_section = "my_training_plan" if is_self else "recruit_list"  # type: ignore[attr-defined]
        response = render(request, "training/plan_empty_pdf.html", {"recruit": recruit, "is_self": is_self})
        response["Cache-Control"] = "no-store"
        return response
    content = pdf_render(
        template="training/pdf/plan.html", context={"plan": plan}, title=f"Training plan: {recruit.full_name}"
    )
    return pdf_response(content, filename="training-plan.pdf")
