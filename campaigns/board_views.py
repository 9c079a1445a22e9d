"""The hub team's side of a campaign's applicants: the board (counts per stage, the applicants at
one stage, bulk moves), an application's page (files, screening checklist, timeline, moves), and
closing the campaign."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accesslog.models import Action, Detail
from accesslog.services import access_record
from accounts.http import AuthenticatedRequest
from campaigns import services
from campaigns.access import (
    application_documents_visible_to,
    applications_visible_to,
    get_application_for_user,
    get_campaign_for_user_rw,
)
from campaigns.applicants import application_document_path
from campaigns.forms import BulkForm, CloseForm, MoveForm, ScreeningForm
from campaigns.models import Application, Stage
from campaigns.offers import compliance_items
from campaigns.pipeline import (
    allowed_moves,
    application_move,
    applications_bulk_move,
    screening_items,
    screening_record,
)
from campaigns.prearrival import pre_arrival_items
from campaigns.selectors import application_documents, application_timeline, board_page, stage_counts
from hubs.access import scope_for
from portal.files import stored_file_response
from portal.forms import posted
from portal.pagination import query_with
from recruits.code_of_practice import country_list_on
from recruits.selectors import country_name


def _stage(request: AuthenticatedRequest) -> Stage:
    try:
        return Stage(request.GET.get("stage") or Stage.APPLIED)
    except ValueError:
        return Stage.APPLIED


@login_required
def campaign_board(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    campaign = get_campaign_for_user_rw(request, public_id)
    stage = _stage(request)
    page = board_page(campaign, stage=stage, after=request.GET.get("after"))
    form = BulkForm(posted(request), applications=page.items)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["chosen"])
        picked = [row for row in page.items if str(row.public_id) in chosen]
        try:
            result = applications_bulk_move(
                actor=request.user,
                applications=picked,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if result.refused:
                for application, reason in result.refused:
                    form.add_error(None, f"{application.name}: {reason}")
                form.add_error(None, "Nothing was moved: fix or untick these applicants, then send again.")
            else:
                count = len(result.moved)
                messages.success(request, f"{count} applicant{'s' if count != 1 else ''} moved.")
                return redirect(f"{request.path}?stage={stage.value}")
    for row in page.items:
        row.country_name = country_name(row.country)  # type: ignore[attr-defined]
    context = {
        "campaign": campaign,
        "stage": stage,
        "counts": stage_counts(campaign),
        "page": page,
        "form": form,
        "chosen": set(request.POST.getlist("chosen")) if request.method == "POST" else set(),
        "next_query": query_with(request, after=page.next_cursor),
    }
    return render(request, "campaigns/board.html", context, status=400 if form.errors else 200)


def _detail_context(request: AuthenticatedRequest, application: Application, **forms: object) -> dict:
    answers = {answer.item: answer for answer in application.screening.all()}
    items = screening_items(application.role)
    allowed = allowed_moves(application)
    return {
        "application": application,
        "campaign": application.campaign,
        "country": country_name(application.country),
        "nationality": country_name(application.nationality),
        "country_list": country_list_on(application.country, application.applied_at.date()),
        "documents": application_documents(application),
        "timeline": application_timeline(application),
        "screening": [(item, answers.get(item.code)) for item in items],
        "screening_form": forms.get("screening_form")
        or ScreeningForm(items=items, answers=answers, prefix="screening"),
        "move_form": forms.get("move_form") or MoveForm(allowed=allowed),
        "may_screen": application.stage == Stage.APPLIED,
        "interviews": list(application.interviews.order_by("-booked_at", "-id")),
        "may_book": application.stage == Stage.SHORTLISTED,
        "offers": list(application.offers.select_related("employer").prefetch_related("repayment_items")),
        "checks_done": application.checks.count(),
        "checks_total": len(compliance_items(application.role)),
        "pre_arrival": _pre_arrival_summary(application),
        # The region's lead handles the candidate's data rights (campaigns/personal_data.py).
        "may_handle_rights": scope_for(request.user).is_lead(application.region_id),
    }


def _pre_arrival_summary(application: Application) -> dict | None:
    if application.stage not in (Stage.COS_ASSIGNED, Stage.PRE_ARRIVAL, Stage.ARRIVED):
        return None
    items = pre_arrival_items()
    done = set(application.pre_arrival_tasks.values_list("item", flat=True))
    return {
        "done_count": len(done),
        "items_count": len(items),
        "not_done": [item for item in items if item.code not in done],
        "rated": application.pre_arrival_answers.count(),
        "appointments": application.first_appointments.count(),
    }


def _read_record(request: AuthenticatedRequest, application: Application, *, action: Action, what: str) -> None:
    """Log who read an applicant's passport details or documents, as for a recruit's."""
    detail = Detail.IDENTITY if action == Action.VIEW else Detail.DOCUMENT
    access_record(
        request,
        action=action,
        detail=detail,
        what=what,
        region_id=application.region_id,
        subject=("application", application.public_id),
    )


@login_required
def application_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    _read_record(request, application, action=Action.VIEW, what="an applicant's passport and identity details")
    return render(request, "campaigns/application.html", _detail_context(request, application))


@login_required
@require_POST
def application_move_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    form = MoveForm(request.POST, allowed=allowed_moves(application))
    if form.is_valid():
        try:
            moved = application_move(
                actor=request.user,
                application=application,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{moved.name} is now “{moved.get_stage_display()}”.")
            return redirect(moved)
    context = _detail_context(request, application, move_form=form)
    return render(request, "campaigns/application.html", context, status=400)


@login_required
@require_POST
def application_screening(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    answers = {answer.item: answer for answer in application.screening.all()}
    form = ScreeningForm(request.POST, items=screening_items(application.role), answers=answers, prefix="screening")
    if form.is_valid():
        try:
            screening_record(actor=request.user, application=application, answers=form.answers())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The screening checklist is saved.")
            return redirect(application)
    context = _detail_context(request, application, screening_form=form)
    return render(request, "campaigns/application.html", context, status=400)


@login_required
def application_document(request: AuthenticatedRequest, public_id: UUID) -> HttpResponseBase:
    document = (
        application_documents_visible_to(request.user).filter(public_id=public_id).select_related("application").first()
    )
    if document is None:
        raise Http404("No such document")
    _read_record(
        request, document.application, action=Action.DOWNLOAD, what=f"an applicant's {document.get_kind_display()}"
    )
    return stored_file_response(
        application_document_path(document), filename=document.original_name, content_type=document.content_type
    )


@login_required
def campaign_close_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    campaign = get_campaign_for_user_rw(request, public_id)
    form = CloseForm(posted(request))
    if form.is_valid():
        try:
            services.campaign_close(actor=request.user, campaign=campaign)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The campaign is closed: its form no longer takes applications.")
            return redirect("campaign_detail", public_id=campaign.public_id)
    open_count = (
        applications_visible_to(request.user)
        .filter(campaign=campaign)
        .exclude(stage__in=[Stage.ARRIVED, Stage.REJECTED, Stage.WITHDRAWN])
        .count()
    )
    context = {"form": form, "campaign": campaign, "open_count": open_count}
    return render(request, "campaigns/close.html", context, status=400 if form.errors else 200)
