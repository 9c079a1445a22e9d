"""The literacy assessment's pages (issue 18 item 3): the hub's set-up and questions, booking a
recruit, the recruit taking it one question per screen, and the hub recording an external result."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.models import User
from hubs.access import regions_visible_to, require_hub_team, scope_for
from portal.forms import add_service_errors, posted
from recruits.access import get_recruit_for_user
from training import literacy
from training.access import (
    get_learner_for_user,
    get_literacy_assessment_for_user_rw,
    get_literacy_booking_for_user,
    get_literacy_booking_for_user_rw,
    get_literacy_question_for_user_rw,
    learners_bookable_by,
)
from training.literacy_forms import LiteracyAnswerForm, LiteracyAssessmentForm, LiteracyQuestionForm, LiteracyResultForm
from training.models import LiteracyBooking, LiteracyMode


@login_required
def literacy_overview_view(request: AuthenticatedRequest) -> HttpResponse:
    if not scope_for(request.user).on_a_hub_team:
        raise Http404("The literacy assessment is set up by the hub team")
    return render(
        request, "training/literacy_overview.html", {"regions": literacy.literacy_overview(user=request.user)}
    )


@login_required
def literacy_assessment_new(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.on_a_hub_team:
        raise PermissionDenied("The literacy assessment is set up by the hub team.")
    regions = list(regions_visible_to(request.user).order_by("name"))
    form = LiteracyAssessmentForm(posted(request), regions=[(r.pk, r.name) for r in regions])
    if form.is_valid():
        chosen = form.cleaned_data.get("region")
        region = next((r for r in regions if str(r.pk) == str(chosen)), regions[0]) if chosen else regions[0]
        try:
            assessment = literacy.literacy_assessment_create(
                actor=request.user, region=region, data=form.assessment_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The literacy assessment was set up.")
            return redirect(assessment)
    return render(request, "training/literacy_form.html", {"form": form, "assessment": None})


@login_required
def literacy_assessment(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    assessment = get_literacy_assessment_for_user_rw(request, public_id)
    questions = list(assessment.questions.all())
    return render(request, "training/literacy_assessment.html", {"assessment": assessment, "questions": questions})


@login_required
def literacy_assessment_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    assessment = get_literacy_assessment_for_user_rw(request, public_id)
    form = LiteracyAssessmentForm(posted(request), instance=assessment)
    if form.is_valid():
        try:
            literacy.literacy_assessment_update(actor=request.user, assessment=assessment, data=form.assessment_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The literacy assessment was saved.")
            return redirect(assessment)
    return render(request, "training/literacy_form.html", {"form": form, "assessment": assessment})


@login_required
def literacy_question_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    assessment = get_literacy_assessment_for_user_rw(request, public_id)
    form = LiteracyQuestionForm(posted(request))
    if form.is_valid():
        try:
            literacy.literacy_question_add(
                actor=request.user,
                assessment=assessment,
                text=form.cleaned_data["text"],
                options=form.options(),
                correct=form.cleaned_data["correct"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The question was added.")
            return redirect(assessment)
    return render(request, "training/literacy_question_form.html", {"form": form, "assessment": assessment})


@login_required
@require_POST
def literacy_question_remove_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    question = get_literacy_question_for_user_rw(request, public_id)
    literacy.literacy_question_remove(actor=request.user, question=question)
    messages.success(request, "The question was removed.")
    return redirect(question.assessment)


@login_required
@require_POST
def literacy_book_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id)
    require_hub_team(request, recruit.region_id, "Learners are booked onto the literacy assessment by the hub team.")
    try:
        booking = literacy.literacy_book(actor=request.user, recruit=recruit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training_plan", public_id=recruit.public_id)
    messages.success(request, f"{recruit.full_name} is booked onto the literacy assessment.")
    return redirect(booking)


def take_or_show(
    request: HttpRequest, booking: LiteracyBooking, *, is_self: bool, actor: User | None, context: dict[str, Any]
) -> HttpResponse:
    """The booking page: the taker answers one question per screen (in-portal mode); others see the
    result. Shared by the recruit's page (signed in) and the learner's (signed in by emailed code)."""
    context.update({"booking": booking, "assessment": booking.assessment, "is_self": is_self, "form": None})
    if is_self and not booking.is_taken and booking.assessment.mode == LiteracyMode.IN_PORTAL:
        question, number, total = literacy.literacy_next_question(booking)
        if question is not None:
            form = LiteracyAnswerForm(posted(request), question=question)
            if form.is_valid():
                try:
                    literacy.literacy_answer(
                        actor=actor, booking=booking, question_id=question.pk, choice=form.cleaned_data["answer"]
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return redirect(request.path)
            context.update({"form": form, "number": number, "total": total})
    elif request.method == "POST":
        raise PermissionDenied("There is nothing to answer here.")
    return render(request, "training/literacy_booking.html", context)


@login_required
def literacy_booking(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The booking: the recruit takes it here (one question per screen); others see the result."""
    booking = get_literacy_booking_for_user(request, public_id)
    scope = scope_for(request.user)
    is_self = booking.recruit_id is not None and scope.is_recruit(booking.recruit)
    if is_self:
        request.portal_nav_section = "my_training_plan"  # type: ignore[attr-defined]
    context = {"is_hub_team": scope.is_hub_team(booking.region_id)}
    return take_or_show(request, booking, is_self=is_self, actor=request.user, context=context)


@login_required
@require_POST
def learner_literacy_book(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """Book a learner who is not a recruit: the region's hub team, or the employer who nominated them."""
    learner = get_learner_for_user(request, public_id)
    if not learners_bookable_by(request.user).filter(pk=learner.pk).exists():
        raise PermissionDenied("Learners are booked onto the literacy assessment by the hub team or their employer.")
    try:
        booking = literacy.literacy_book(actor=request.user, learner=learner)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(learner)
    messages.success(
        request,
        f"{learner.full_name} is booked onto the literacy assessment. Let them know: how they take it is below.",
    )
    return redirect(learner if booking.learner_id else booking)


@login_required
def literacy_result(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    booking = get_literacy_booking_for_user_rw(request, public_id)
    form = LiteracyResultForm(posted(request))
    if form.is_valid():
        try:
            literacy.literacy_record_result(actor=request.user, booking=booking, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The result was recorded.")
            return redirect(booking)
    return render(request, "training/literacy_result.html", {"booking": booking, "form": form})
