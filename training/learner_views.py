"""Learners: a provider's admin nominates its care staff and books them (the cohort page books);
the hub team sees its region's; a nominated learner signs in by emailed code to see their
bookings and certificates (`training/learner_signin.py`)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.forms import add_service_errors, posted
from portal.http import client_ip
from portal.pdf import pdf_response
from providers.access import providers_visible_to
from training import selectors
from training.access import get_learner_for_user
from training.certificates import certificate_pdf
from training.forms import LearnerCodeForm, LearnerForm, LearnerSignInForm
from training.learner_signin import (
    REQUESTS_PER_MINUTE,
    learner_session_email,
    learner_session_end,
    learner_session_start,
    learners_with_email,
    over_limit,
    sign_in_code_check,
    sign_in_code_send,
)
from training.learners import learner_nominate
from training.literacy import literacy_for_learner, literacy_of_learners
from training.literacy_views import take_or_show
from training.models import Certificate, Enrolment, LiteracyBooking
from training.placements import placements_of_learners

PENDING_EMAIL = "training_learner_pending_email"


def _employers(request: AuthenticatedRequest) -> list:
    """Whose staff the user nominates: a provider admin their own providers, the hub team its region's."""
    scope = scope_for(request.user)
    visible = providers_visible_to(request.user)
    rows = visible.filter(id__in=scope.admin_providers) | visible.filter(region_id__in=scope.hub_regions)
    return list(rows.order_by("name", "id")[:1000])


@login_required
def learner_list_view(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers):
        raise Http404("No learners for this role")
    page = selectors.learner_list(user=request.user, after=request.GET.get("after"))
    context = {"page": page, "can_nominate": bool(scope.admin_providers or scope.hub_regions)}
    return render(request, "training/learner_list.html", context)


@login_required
def learner_new(request: AuthenticatedRequest) -> HttpResponse:
    employers = _employers(request)
    if not employers:
        raise Http404("Only a provider's admins and the hub team nominate learners")
    form = LearnerForm(posted(request), employers=employers)
    if form.is_valid():
        try:
            learner = learner_nominate(
                actor=request.user,
                employer=form.cleaned_data["employer"],
                data={name: form.cleaned_data[name] for name in ("name", "job_role", "email")},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{learner.name} was nominated. Book them onto training from a cohort's page; for a course "
                "that asks for English at a set level, book the literacy assessment below first.",
            )
            return redirect(learner.get_absolute_url())
    return render(request, "training/learner_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def learner_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    learner = get_learner_for_user(request, public_id)
    enrolments, certificates = selectors.learner_training(user=request.user, learner=learner)
    scope = scope_for(request.user)
    context = {
        "learner": learner,
        "enrolments": enrolments,
        "certificates": certificates,
        "is_lead": scope.is_lead(learner.region_id) and learner.recruit_id is None,
        # The hub team records the awarding body's number and revokes, as on a recruit's plan.
        "is_hub_team": scope.is_hub_team(learner.region_id),
        "literacy": None if learner.recruit_id else literacy_for_learner(user=request.user, learner=learner),
    }
    return render(request, "training/learner_detail.html", context)


# A learner's own pages, signed in by emailed code (no portal account)


@never_cache
def learner_sign_in(request: HttpRequest) -> HttpResponse:
    form = LearnerSignInForm(posted(request))
    if form.is_valid():
        if over_limit(f"training-learner-sign-in:{client_ip(request)}", REQUESTS_PER_MINUTE, 60):
            return render(request, "training/learner_limited.html", status=429)
        sign_in_code_send(email=form.cleaned_data["email"])
        request.session[PENDING_EMAIL] = form.cleaned_data["email"].strip().lower()
        return redirect("learner_code")
    return render(request, "training/learner_sign_in.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def learner_code(request: HttpRequest) -> HttpResponse:
    email = request.session.get(PENDING_EMAIL)
    if not email:
        return redirect("learner_sign_in")
    form = LearnerCodeForm(posted(request))
    if form.is_valid():
        if over_limit(f"training-learner-code:{client_ip(request)}", REQUESTS_PER_MINUTE, 60):
            return render(request, "training/learner_limited.html", status=429)
        if sign_in_code_check(email=email, code=form.cleaned_data["code"]):
            learner_session_start(request, email)
            request.session.pop(PENDING_EMAIL, None)
            return redirect("my_learning")
        form.add_error("code", "The code is wrong or has expired: check the email, or ask for a new code")
    context = {"form": form, "email": email}
    return render(request, "training/learner_code.html", context, status=400 if form.errors else 200)


@never_cache
def my_learning(request: HttpRequest) -> HttpResponse:
    email = learner_session_email(request)
    if email is None:
        return redirect("learner_sign_in")
    learners = list(learners_with_email(email).select_related("employer", "region"))
    enrolments = list(
        Enrolment.objects.filter(learner__in=learners)
        .select_related("cohort__programme", "learner")
        .prefetch_related("cohort__days")
        .order_by("-booked_at", "-id")
    )
    certificates = list(
        Certificate.objects.filter(learner__in=learners).select_related("programme").order_by("-completed_on", "-id")
    )
    context = {
        "learners": learners,
        "enrolments": enrolments,
        "certificates": certificates,
        "placements": placements_of_learners(learners),
        "literacy_rows": literacy_of_learners(learners),
        "email": email,
    }
    return render(request, "training/my_learning.html", context)


@never_cache
def learner_certificate_download(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A signed-in learner's own certificate; anyone else: 404."""
    email = learner_session_email(request)
    certificate = (
        Certificate.objects.filter(learner__in=learners_with_email(email), public_id=public_id).first()
        if email
        else None
    )
    if certificate is None:
        raise Http404("No such certificate")
    return pdf_response(certificate_pdf(certificate), filename=f"certificate-{certificate.code}.pdf")


@require_POST
def learner_sign_out(request: HttpRequest) -> HttpResponse:
    learner_session_end(request)
    messages.success(request, "You have signed out of your training.")
    return redirect("learner_sign_in")


@never_cache
def learner_literacy(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A signed-in learner takes their literacy assessment here (reached from “Your training”);
    anyone else, signed in to the portal or not: 404, as for a learner's certificate."""
    email = learner_session_email(request)
    booking = (
        LiteracyBooking.objects.filter(learner__in=learners_with_email(email), public_id=public_id)
        .select_related("assessment", "learner")
        .first()
        if email
        else None
    )
    if booking is None:
        raise Http404("No such booking")
    return take_or_show(
        request, booking, is_self=True, actor=None, context={"is_hub_team": False, "learner_self": True}
    )
