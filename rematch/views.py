"""Rematch pages: the triage board, one request, the three doors, and the hub's actions on a request.

Each view fetches through hubs/access.py, validates one form and calls one service.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from hubs.models import Hub
from portal.http import client_ip
from portal.pagination import query_with
from providers.access import get_provider_for_user_rw
from recruits.access import get_own_recruit_for_user, get_recruit_for_user_rw
from recruits.models import Recruit, RecruitStatus
from recruits.selectors import cross_region_duplicates
from rematch import selectors, services
from rematch.access import (
    get_rematch_request_for_user,
    get_rematch_request_for_user_rw,
    rematch_requests_visible_to,
)
from rematch.forms import (
    BoardFilterForm,
    BulkRequestForm,
    ConfirmForm,
    DatesForm,
    HubRequestForm,
    NoteForm,
    OwnerForm,
    ProviderRequestForm,
    PublicReferralForm,
    SelfReferralForm,
    TransitionForm,
)
from rematch.models import OPEN_STATUSES, Door, RematchRequest

# The public form: at most this many referrals per address and hub per hour.
PUBLIC_REFERRALS_PER_HOUR = 5
ACTIVE_FOR_BULK = [RecruitStatus.EMPLOYED, RecruitStatus.AT_RISK, RecruitStatus.DISPLACED, RecruitStatus.ARRIVING]


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
def rematch_board_view(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers):
        if scope.recruit_id is not None:
            return redirect("rematch_self_refer")
        raise Http404("No rematch requests for this role")
    form = BoardFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.BoardFilters(
        within=data.get("within"),
        status=data.get("status", ""),
        owner=data.get("owner", ""),
        door=data.get("door", ""),
        pending=bool(data.get("pending")),
        search=data.get("q", "").strip(),
    )
    page = selectors.rematch_board(user=request.user, filters=filters, after=request.GET.get("after"))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "hub_team": bool(scope.hub_regions),
        "is_lead": bool(scope.lead_regions),
        "referral_links": selectors.public_referral_links(user=request.user),
        "next_query": query_with(request, after=page.next_cursor),
        "first_query": query_with(request, after=None),
        "page_is_later": bool(request.GET.get("after")),
        "bands": [
            (band, label, page.band_counts[f"within_{band}"])
            for band, label in [
                (7, "7 days or fewer"),
                (14, "8 to 14 days"),
                (30, "15 to 30 days"),
                (45, "31 to 45 days"),
            ]
        ],
    }
    return render(request, "rematch/board.html", context)


@login_required
def rematch_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user(request, public_id, related=["recruit", "provider", "owner", "hub"])
    return render(request, "rematch/detail.html", _detail_context(request, rematch, NoteForm()))


def _detail_context(request: AuthenticatedRequest, rematch: RematchRequest, note_form: NoteForm) -> dict[str, Any]:
    scope = scope_for(request.user)
    hub_team = scope.is_hub_team(rematch.region_id)
    return {
        "rematch": rematch,
        "own_recruit_id": scope.recruit_id,
        "clock": selectors.clock_view(rematch),
        "status_tag": selectors.status_tag(rematch.status),
        "hub_team": hub_team,
        "timeline": selectors.rematch_timeline(request=rematch, include_notes=hub_team),
        "note_form": note_form if hub_team else None,
        "allowed": services.allowed_moves(rematch) if hub_team else [],
        "introductions": list(rematch.introductions.select_related("vacancy__provider")) if hub_team else [],
        "duplicates": (
            cross_region_duplicates(recruit=rematch.recruit)
            if hub_team and rematch.recruit is not None and rematch.is_open
            else []
        ),
    }


@login_required
def rematch_new_for_recruit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The employer's door and the hub's door for one recruit on record."""
    recruit = get_recruit_for_user_rw(request, public_id, related=["provider"])
    existing = services.open_request_of(recruit)
    if existing is not None and rematch_requests_visible_to(request.user).filter(pk=existing.pk).exists():
        messages.info(request, f"{recruit.full_name} already has an open rematch request.")
        return redirect(existing)
    hub_team = scope_for(request.user).is_hub_team(recruit.region_id)
    form: ProviderRequestForm | HubRequestForm
    if hub_team:
        owners = selectors.rematch_owner_choices(request=RematchRequest(region_id=recruit.region_id))
        form = HubRequestForm(_posted(request), owners=owners)
    else:
        form = ProviderRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rematch = services.rematch_open(
                actor=request.user,
                recruit=recruit,
                door=Door.HUB if hub_team else Door.PROVIDER,
                reason=data["reason"],
                reason_details=data.get("reason_details", ""),
                last_working_day=data.get("last_working_day"),
                owner=data.get("owner"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The hub has the rematch request for {recruit.full_name}.")
            return redirect(rematch)
    return render(request, "rematch/new.html", {"recruit": recruit, "form": form, "hub_team": hub_team})


@login_required
def rematch_bulk(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The hub opens requests for many of a provider's workers at once (a licence revocation)."""
    provider = get_provider_for_user_rw(request, public_id)
    recruits = (
        Recruit.objects.filter(provider=provider, status__in=ACTIVE_FOR_BULK)
        .exclude(rematch_requests__status__in=OPEN_STATUSES)
        .order_by("family_name", "given_names", "id")
    )
    initial = {"recruits": list(recruits)} if request.method != "POST" else None
    form = BulkRequestForm(_posted(request), recruits=recruits, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.rematch_open_many(
                actor=request.user,
                provider=provider,
                recruits=list(data["recruits"]),
                reason=data["reason"],
                reason_details=data["reason_details"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            count = len(result.created)
            messages.success(request, f"{count} rematch request{'s' if count != 1 else ''} opened for {provider.name}.")
            return redirect("rematch_board")
    return render(request, "rematch/bulk.html", {"provider": provider, "form": form, "count": recruits.count()})


@login_required
def rematch_self_refer_view(request: AuthenticatedRequest) -> HttpResponse:
    """A recruit with an account asks their hub for help."""
    recruit = get_own_recruit_for_user(
        request, related=["provider__hub"], refusal="Only recruits refer themselves here"
    )
    existing = services.open_request_of(recruit)
    if existing is not None:
        return redirect(existing)
    initial = {
        "email": recruit.email,
        "phone": recruit.phone,
        "address": recruit.address,
        "postcode": recruit.postcode,
        "current_sponsor_name": recruit.provider.name if recruit.provider else "",
        "curtailment_letter_date": recruit.curtailment_letter_date,
    }
    form = (
        SelfReferralForm(request.POST, request.FILES) if request.method == "POST" else SelfReferralForm(initial=initial)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rematch = services.rematch_self_refer(
                actor=request.user,
                recruit=recruit,
                contact={key: data[key] for key in ("email", "phone", "address", "postcode")},
                current_sponsor_name=data["current_sponsor_name"],
                details=data["reason_details"],
                letter_date=data.get("curtailment_letter_date"),
                letter=data.get("letter"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Your hub has your request. Someone will contact you soon.")
            return redirect(rematch)
    return render(request, "rematch/self_refer.html", {"form": form, "recruit": recruit})


def rematch_public_refer_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A hub's public self-referral form, for workers without an account."""
    hub = Hub.objects.filter(public_id=public_id).select_related("region").first()
    if hub is None:
        raise Http404("No such hub")
    form = PublicReferralForm(_posted(request))
    if request.method == "POST":
        key = f"rematch-public:{hub.pk}:{client_ip(request)}"
        cache.add(key, 0, timeout=3600)
        if cache.incr(key) > PUBLIC_REFERRALS_PER_HOUR:
            response = render(request, "rematch/public_limited.html", {"hub": hub}, status=429)
            response["Retry-After"] = "3600"
            return response
        if form.is_bot:
            # Answer a bot as if it had worked, and store nothing.
            return render(request, "rematch/public_done.html", {"hub": hub})
        if form.is_valid():
            try:
                services.rematch_public_refer(hub=hub, data=form.cleaned_data)
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return render(request, "rematch/public_done.html", {"hub": hub})
    return render(request, "rematch/public_refer.html", {"form": form, "hub": hub})


@login_required
def rematch_transition_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    allowed = services.allowed_moves(rematch)
    form = TransitionForm(_posted(request), allowed=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rematch_transition(
                actor=request.user,
                request=rematch,
                to_status=data["to_status"],
                outcome=data["outcome"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            rematch.refresh_from_db()
            messages.success(request, f"The request is now “{rematch.get_status_display()}”.")
            return redirect(rematch)
    context = {"rematch": rematch, "form": form, "allowed": allowed, "status_tag": selectors.status_tag(rematch.status)}
    return render(request, "rematch/transition.html", context)


@login_required
@require_POST
def rematch_note(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.rematch_add_note(actor=request.user, request=rematch, text=form.cleaned_data["text"])
        messages.success(request, "The note is added.")
        return redirect(rematch)
    return render(request, "rematch/detail.html", _detail_context(request, rematch, form), status=400)


DATE_FIELDS = ("curtailment_letter_date", "visa_expiry", "cos_assigned_on", "visa_applied_on")


@login_required
def rematch_dates(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    initial = {name: getattr(rematch, name) for name in DATE_FIELDS}
    form = DatesForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rematch_update_dates(
                actor=request.user,
                request=rematch,
                letter_date=data["curtailment_letter_date"],
                visa_expiry=data["visa_expiry"],
                cos_assigned_on=data["cos_assigned_on"],
                visa_applied_on=data["visa_applied_on"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The dates are saved; the clock and its reminders follow them.")
            return redirect(rematch)
    return render(request, "rematch/dates.html", {"rematch": rematch, "form": form})


@login_required
def rematch_owner(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    form = OwnerForm(
        _posted(request), owners=selectors.rematch_owner_choices(request=rematch), initial={"owner": rematch.owner}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rematch_assign(actor=request.user, request=rematch, owner=form.cleaned_data["owner"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The owner is saved.")
            return redirect(rematch)
    return render(request, "rematch/owner.html", {"rematch": rematch, "form": form})


@login_required
def rematch_confirm_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    rematch = get_rematch_request_for_user_rw(request, public_id)
    if not rematch.pending:
        return redirect(rematch)
    candidates = selectors.confirm_candidates(user=request.user, request=rematch)
    form = ConfirmForm(_posted(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["record"]
        recruit = None
        if choice != ConfirmForm.NEW:
            recruit = next(r for r in candidates if str(r.public_id) == choice)
        try:
            services.rematch_confirm(actor=request.user, request=rematch, recruit=recruit)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The referral is confirmed; its clock is running.")
            return redirect(rematch)
    return render(request, "rematch/confirm.html", {"rematch": rematch, "form": form, "candidates": candidates})
