"""Pool request pages: file one for a vacancy, the hub's answer, outcomes, the confirmation PDF."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.pdf import pdf_render, pdf_response
from recruits.choices import recruit_choice_label
from rematch.access import (
    get_pool_candidate_for_user_rw,
    get_pool_request_for_user,
    get_pool_request_for_user_rw,
    get_vacancy_for_user_rw,
    pool_requests_visible_to,
)
from rematch.introductions import job_passport
from rematch.matching import matches_for_vacancy
from rematch.models import COS_POOL_STATEMENT, PoolRequest, RematchRequest
from rematch.pool import services
from rematch.pool.forms import NoneAvailableForm, OutcomeForm, ShortlistForm, UkviToldForm


@login_required
def pool_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers):
        raise Http404("No pool requests for this role")
    pools = list(pool_requests_visible_to(request.user).select_related("provider", "vacancy").order_by("-id")[:100])
    return render(request, "rematch/pool/list.html", {"pools": pools, "hub_team": bool(scope.hub_regions)})


@login_required
def pool_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    vacancy = get_vacancy_for_user_rw(request, public_id, related=["provider", "region"])
    error = None
    if request.method == "POST":
        try:
            pool = services.pool_request_file(actor=request.user, vacancy=vacancy)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, "The hub has your request for displaced workers.")
            return redirect(pool)
    return render(request, "rematch/pool/new.html", {"vacancy": vacancy, "error": error})


@login_required
def pool_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    pool = get_pool_request_for_user(request, public_id)
    hub_team = scope_for(request.user).is_hub_team(pool.region_id)
    candidates = list(pool.candidates.select_related("introduction__request__recruit", "introduction__vacancy"))
    now = timezone.now()
    context = {
        "pool": pool,
        "hub_team": hub_team,
        "candidates": [
            (c, job_passport(c.introduction) if c.introduction.expires_at > now or hub_team else None)
            for c in candidates
        ],
        "events": list(pool.events.select_related("actor")),
        "confirmation": getattr(pool, "confirmation", None),
        "cos_statement": COS_POOL_STATEMENT,
        "outcome_form": OutcomeForm(),
        "ukvi_form": UkviToldForm(),
    }
    return render(request, "rematch/pool/detail.html", context)


def _shortlist_choices(request: AuthenticatedRequest, pool: PoolRequest) -> list[tuple[str, str]]:
    matches = matches_for_vacancy(user=request.user, vacancy=pool.vacancy)
    return [
        (str(m.request.public_id), f"{recruit_choice_label(m.request.recruit)}: {' '.join(m.reasons)}")
        for m in matches
        if m.request.recruit is not None  # matches are made for requests linked to a record only
    ]


@login_required
def pool_answer(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The hub's answer: a shortlist of consenting workers, or "none available" (with a reason
    while workers are listed)."""
    pool = get_pool_request_for_user_rw(request, public_id)
    return _answer_page(request, pool, _shortlist_choices(request, pool))


@login_required
@require_POST
def pool_shortlist_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    pool = get_pool_request_for_user_rw(request, public_id)
    choices = _shortlist_choices(request, pool)
    form = ShortlistForm(request.POST, choices=choices)
    if form.is_valid():
        chosen = RematchRequest.objects.filter(
            public_id__in=form.cleaned_data["requests"], region_id=pool.region_id
        ).select_related("recruit")
        try:
            services.pool_shortlist(
                actor=request.user, pool=pool, requests=list(chosen), consent_how=form.cleaned_data["consent_how"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The shortlist is sent to the provider.")
            return redirect(pool)
    return _answer_page(request, pool, choices, form=form)


@login_required
@require_POST
def pool_none_available_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    pool = get_pool_request_for_user_rw(request, public_id)
    choices = _shortlist_choices(request, pool)
    none_form = NoneAvailableForm(request.POST, prefix="none", reason_needed=bool(choices))
    if none_form.is_valid():
        try:
            services.pool_none_available(actor=request.user, pool=pool, reason=none_form.cleaned_data["reason"])
        except ValidationError as error:
            none_form.add_service_error(error)
        else:
            messages.success(request, "You answered that no displaced worker is available.")
            return redirect(pool)
    return _answer_page(request, pool, choices, none_form=none_form)


def _answer_page(
    request: AuthenticatedRequest,
    pool: PoolRequest,
    choices: list[tuple[str, str]],
    *,
    form: ShortlistForm | None = None,
    none_form: NoneAvailableForm | None = None,
) -> HttpResponse:
    """The answer page, with the form just sent (and its errors) in place of its empty copy."""
    context = {
        "pool": pool,
        "form": form if form is not None else ShortlistForm(choices=choices),
        "none_form": none_form
        if none_form is not None
        else NoneAvailableForm(prefix="none", reason_needed=bool(choices)),
        "has_choices": bool(choices),
    }
    return render(request, "rematch/pool/answer.html", context)


@login_required
@require_POST
def pool_candidate_outcome_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    candidate = get_pool_candidate_for_user_rw(request, public_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.pool_candidate_outcome(
                actor=request.user,
                candidate=candidate,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The outcome is recorded.")
    else:
        messages.error(request, "Choose what happened with the candidate.")
    return redirect(candidate.pool_request)


@login_required
@require_POST
def pool_confirmation_issue_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    pool = get_pool_request_for_user_rw(request, public_id)
    try:
        confirmation = services.pool_confirmation_issue(actor=request.user, pool=pool)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Confirmation {confirmation.number} is issued. Send it to UKVI, then record that.")
    return redirect(pool)


@login_required
def pool_confirmation_pdf(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    pool = get_pool_request_for_user(request, public_id)
    confirmation = getattr(pool, "confirmation", None)
    if confirmation is None:
        raise Http404("No confirmation yet")
    candidates = list(pool.candidates.select_related("introduction__request__recruit"))
    content = pdf_render(
        template="pdf/pool_confirmation.html",
        context={"pool": pool, "confirmation": confirmation, "candidates": candidates},
        title=f"Displaced worker pool confirmation {confirmation.number}",
    )
    return pdf_response(content, filename=f"pool-confirmation-{confirmation.number}.pdf")


@login_required
@require_POST
def pool_ukvi_told_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    pool = get_pool_request_for_user_rw(request, public_id)
    form = UkviToldForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(pool)
    try:
        services.pool_ukvi_told(actor=request.user, pool=pool, on=form.cleaned_data["on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Recorded that UKVI was told; the request is closed.")
    return redirect(pool)
