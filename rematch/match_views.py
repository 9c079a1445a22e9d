"""Matching, introductions with consent, the job passport, placements and hand-overs."""

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
from providers.access import providers_editable_by
from providers.eligibility import sponsor_eligibility_many
from providers.models import Provider
from recruits.access import get_duplicate_recruit
from recruits.english import english_check
from recruits.selectors import cross_region_duplicates
from rematch import introductions, matching, placements, selectors, services
from rematch.access import (
    get_handover_for_user_rw,
    get_rematch_request_for_user_rw,
    get_vacancy_for_user,
    handovers_visible_to,
    rematch_requests_visible_to,
)
from rematch.forms import HandoverForm, IntroduceForm, PlacementForm, PreferencesForm
from rematch.models import Handover, HandoverStatus, Introduction, RematchRequest


@login_required
def rematch_preferences(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    initial = {
        "postcode": rematch.postcode,
        "pref_min_hours": rematch.pref_min_hours,
        "pref_max_hours": rematch.pref_max_hours,
        "can_drive": "" if rematch.can_drive is None else ("yes" if rematch.can_drive else "no"),
        "max_travel": rematch.max_travel,
    }
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rematch_update_preferences(actor=request.user, request=rematch, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The worker's preferences are saved.")
            return redirect("rematch_matches", public_id=rematch.public_id)
    return render(request, "rematch/preferences.html", {"rematch": rematch, "form": form})


@login_required
def rematch_matches(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    introduced = set(rematch.introductions.values_list("vacancy_id", flat=True))
    context = {
        "rematch": rematch,
        "clock": selectors.clock_view(rematch),
        "matches": matching.matches_for_request(user=request.user, request=rematch),
        "introduced": introduced,
    }
    return render(request, "rematch/matches.html", context)


@login_required
def rematch_introduce(request: AuthenticatedRequest, public_id: UUID, vacancy_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    vacancy = get_vacancy_for_user(request, vacancy_id, related=["provider"], region_id=rematch.region_id)
    form = IntroduceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = introductions.introduction_record(
                actor=request.user,
                request=rematch,
                vacancy=vacancy,
                consent=form.cleaned_data["consent"],
                consent_how=form.cleaned_data["consent_how"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            link = request.build_absolute_uri(created.passport_path)
            days = introductions.passport_valid_days()
            return render(
                request,
                "rematch/introduced.html",
                {"rematch": rematch, "vacancy": vacancy, "link": link, "days": days},
            )
    english = english_check(rematch.recruit, on=timezone.localdate()) if rematch.recruit else None
    context = {"rematch": rematch, "vacancy": vacancy, "form": form, "english": english}
    return render(request, "rematch/introduce.html", context)


@login_required
def job_passport_view(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The consented profile of an introduced worker, for the vacancy's provider (and the hub)."""
    introduction = introductions.introduction_by_token(token)
    if introduction is None or not introductions.may_view_passport(request.user, introduction):
        raise Http404("Not found")
    return _passport_page(request, introduction)


@login_required
def introduction_passport(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The same passport, opened from the provider's notice in the portal (same expiry)."""
    introduction = introductions.introduction_by_id(public_id)
    if introduction is None or not introductions.may_view_passport(request.user, introduction):
        raise Http404("Not found")
    return _passport_page(request, introduction)


def _passport_page(request: AuthenticatedRequest, introduction: Introduction) -> HttpResponse:
    if introduction.expires_at <= timezone.now():
        return render(request, "rematch/passport_expired.html", {"introduction": introduction}, status=410)
    context = {"passport": introductions.job_passport(introduction), "introduction": introduction}
    response = render(request, "rematch/passport.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _placement_providers(request: AuthenticatedRequest, rematch: RematchRequest) -> list[Provider]:
    candidates = list(
        providers_editable_by(request.user)
        .filter(region_id=rematch.region_id)
        .exclude(pk=rematch.provider_id or 0)
        .order_by("name")
    )
    eligibility = sponsor_eligibility_many(providers=candidates)
    return [p for p in candidates if eligibility[p.pk].eligible]


@login_required
def rematch_place(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    eligible = _placement_providers(request, rematch)
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        providers=Provider.objects.filter(pk__in=[p.pk for p in eligible]).order_by("name"),
        initial={"cos_assigned_on": rematch.cos_assigned_on, "visa_applied_on": rematch.visa_applied_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        provider = data.get("provider")
        if provider is None:
            # An employer of another region, named by its CQC location ID (public register data).
            provider = Provider.objects.filter(cqc_location_id=data["other_region_cqc_location"].strip()).first()
        if provider is None:
            form.add_error("other_region_cqc_location", "No provider on the portal has this CQC location ID")
        else:
            introduction = Introduction.objects.filter(request=rematch, vacancy__provider=provider).first()
            try:
                placements.placement_record(
                    actor=request.user,
                    request=rematch,
                    provider=provider,
                    start_date=data["start_date"],
                    vacancy=introduction.vacancy if introduction else None,
                    note=data["note"],
                    application=(data["cos_assigned_on"], data["visa_applied_on"]),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, f"{rematch.worker_name} is placed with {provider.name}.")
                if rematch_requests_visible_to(request.user).filter(pk=rematch.pk).exists():
                    return redirect(rematch)
                return redirect("rematch_board")
    english = english_check(rematch.recruit, on=timezone.localdate()) if rematch.recruit else None
    return render(request, "rematch/place.html", {"rematch": rematch, "form": form, "english": english})


@login_required
@require_POST
def rematch_handover(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """Ask the other region's hub for the record of this worker (a likely duplicate)."""
    rematch = get_rematch_request_for_user_rw(request, public_id)
    if rematch.recruit is None:
        raise Http404("No record to compare")
    duplicates = cross_region_duplicates(recruit=rematch.recruit)
    if not duplicates:
        messages.info(request, "No record of this person in another region was found.")
        return redirect(rematch)
    form = HandoverForm(request.POST)
    form.is_valid()
    try:
        placements.handover_request(
            actor=request.user,
            recruit=get_duplicate_recruit(duplicates[0]),
            to_region_id=rematch.region_id,
            asking_request=rematch,
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{duplicates[0].hub_name} is asked to hand the record over.")
    return redirect(rematch)


@login_required
def handover_list(request: AuthenticatedRequest) -> HttpResponse:
    """Hand-overs in and out of the lead's regions; the record's name shows only to its holder."""
    scope = scope_for(request.user)
    if not scope.leads_a_region:
        raise Http404("Hand-overs are for leads")
    handovers = list(
        handovers_visible_to(request.user)
        .select_related("recruit", "from_region", "to_region", "requested_by")
        .order_by("-created_at")[:100]
    )
    return render(request, "rematch/handovers.html", {"handovers": handovers, "lead_regions": scope.lead_regions})


@login_required
@require_POST
def handover_accept(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    return _answer_handover(request, get_handover_for_user_rw(request, public_id), accept=True)


@login_required
@require_POST
def handover_decline(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    return _answer_handover(request, get_handover_for_user_rw(request, public_id), accept=False)


def _answer_handover(request: AuthenticatedRequest, handover: Handover, *, accept: bool) -> HttpResponse:
    if handover.status != HandoverStatus.REQUESTED:
        messages.info(request, "This hand-over is already decided.")
        return redirect("handover_list")
    placements.handover_decide(actor=request.user, handover=handover, accept=accept)
    messages.success(request, "The record is handed over." if accept else "The hand-over is declined.")
    return redirect("handover_list")
