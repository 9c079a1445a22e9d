"""Training pages: the catalogue, programmes, cohorts, booking and enrolments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.models import User
from hubs.access import hubs_visible_to, require_hub_team, scope_for
from hubs.models import RegionGroupObjectPermission, TrainingPartner
from portal.forms import add_service_errors, posted
from training import selectors, services
from training.access import (
    cohorts_registered_by,
    get_cohort_for_user,
    get_enrolment_for_user,
    get_enrolment_for_user_rw,
    get_programme_for_user,
    get_programme_for_user_rw,
    learners_bookable_by,
    recruits_bookable_by,
)
from training.forms import BookForm, CancelForm, CohortForm, ProgrammeForm
from training.models import HOLDS_PLACE, Enrolment, EnrolmentStatus, Programme, WhoMayJoin
from training.services import enrolment_eligibility


def _may_browse(user: User) -> bool:
    scope = scope_for(user)
    return bool(scope.hub_regions or scope.providers or scope.recruit_id is not None)


@login_required
def programme_list_view(request: AuthenticatedRequest) -> HttpResponse:
    if not _may_browse(request.user):
        raise Http404("No training catalogue for this role")
    page = selectors.programme_list(user=request.user, after=request.GET.get("after"))
    context = {
        "page": page,
        "can_edit": scope_for(request.user).on_a_hub_team,
        "can_see_learners": bool(scope_for(request.user).hub_regions or scope_for(request.user).providers),
        "is_later": bool(request.GET.get("after")),
    }
    return render(request, "training/programme_list.html", context)


def _hub_form_field(form: ProgrammeForm, user: User) -> None:
    from django import forms

    form.fields["hub"] = forms.ModelChoiceField(
        label="Hub", queryset=hubs_visible_to(user), error_messages={"required": "Choose the hub that runs it"}
    )
    if form.instance.pk:
        form.fields["hub"].initial = form.instance.hub_id


@login_required
def programme_new(request: AuthenticatedRequest) -> HttpResponse:
    require_hub_team(request, message="Only the hub team adds programmes to the catalogue.")
    return _programme_form(request, None)


@login_required
def programme_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    programme = get_programme_for_user_rw(request, public_id)
    return _programme_form(request, programme)


def _programme_form(request: AuthenticatedRequest, programme: Programme | None) -> HttpResponse:
    form = ProgrammeForm(posted(request), instance=programme)
    _hub_form_field(form, request.user)
    if form.is_valid():
        hub = form.cleaned_data["hub"]
        try:
            saved = services.programme_save(
                actor=request.user,
                region=hub.region,
                data={**form.programme_data(), "hub": hub},
                english_minimum=form.cleaned_data["english_minimum"],
                learners=form.cleaned_data["learners"] or WhoMayJoin.ANY,
                programme=programme,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{saved.title}” was saved.")
            return redirect(saved.get_absolute_url())
    return render(request, "training/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    programme = get_programme_for_user(request, public_id, related=["hub"], prefetch=["rules"])
    context = {
        "programme": programme,
        "cohorts": selectors.programme_cohorts(user=request.user, programme=programme),
        "can_edit": scope_for(request.user).is_hub_team(programme.region_id),
    }
    return render(request, "training/programme_detail.html", context)


def _trainers(region_id: int) -> list[User]:
    groups = RegionGroupObjectPermission.objects.filter(content_object_id=region_id).values("group_id")
    return list(User.objects.filter(groups__in=groups, is_active=True).distinct().order_by("name"))


@login_required
def cohort_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    programme = get_programme_for_user_rw(request, public_id)
    partners = TrainingPartner.objects.filter(region_id=programme.region_id)
    form = CohortForm(posted(request), trainers=_trainers(programme.region_id), partners=partners)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            cohort = services.cohort_create(
                actor=request.user,
                programme=programme,
                days=form.cleaned_data["days_text"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                data=data,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "days" in error.error_dict:
                error.error_dict["days_text"] = error.error_dict.pop("days")
            add_service_errors(form, error)
        else:
            messages.success(request, "The cohort was added.")
            return redirect(cohort.get_absolute_url())
    return render(request, "training/cohort_form.html", {"form": form, "programme": programme})


def _cohort_context(request: AuthenticatedRequest, cohort: Any) -> dict[str, Any]:
    scope = scope_for(request.user)
    is_recruit = scope.recruit_id is not None and not scope.hub_regions and not scope.providers
    own = None
    if scope.recruit_id is not None:
        own = Enrolment.objects.filter(
            cohort=cohort, recruit_id=scope.recruit_id, status__in=[*HOLDS_PLACE, EnrolmentStatus.WAITING]
        ).first()
    recruits = [] if is_recruit else selectors.bookable_recruits(user=request.user, cohort=cohort)
    learners = [] if is_recruit else selectors.bookable_learners(user=request.user, cohort=cohort)
    return {
        "cohort": cohort,
        "programme": cohort.programme,
        "days": cohort.days_list,
        "places_left": max(cohort.capacity - cohort.taken, 0),
        "enrolments": selectors.cohort_enrolments(user=request.user, cohort=cohort),
        "is_recruit": is_recruit,
        "own_enrolment": own,
        "book_form": BookForm(recruits=recruits, learners=learners) if recruits or learners else None,
        "can_register": cohorts_registered_by(request.user).filter(pk=cohort.pk).exists(),
        "is_hub_team": scope.is_hub_team(cohort.region_id),
    }


@login_required
def cohort_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    cohort = get_cohort_for_user(request, public_id, with_places=True)
    return render(request, "training/cohort_detail.html", _cohort_context(request, cohort))


@login_required
@require_POST
def cohort_book(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    cohort = get_cohort_for_user(request, public_id, with_places=True)
    scope = scope_for(request.user)
    if scope.recruit_id is not None and not scope.hub_regions and not scope.providers:
        recruit = recruits_bookable_by(request.user).get(pk=scope.recruit_id)
        learner = None
        form = None
    else:
        form = BookForm(
            request.POST,
            recruits=selectors.bookable_recruits(user=request.user, cohort=cohort),
            learners=selectors.bookable_learners(user=request.user, cohort=cohort),
        )
        if not form.is_valid():
            return _book_failed(request, cohort, form)
        recruit, learner = form.cleaned_data["recruit"], form.cleaned_data["learner"]
    try:
        enrolment = services.enrolment_book(actor=request.user, cohort=cohort, learner=learner, recruit=recruit)
    except ValidationError as error:
        form = form or BookForm(recruits=[])
        add_service_errors(form, error)
        return _book_failed(request, cohort, form)
    messages.success(request, _booked_message(enrolment))
    return redirect(enrolment.get_absolute_url())


def _book_failed(request: AuthenticatedRequest, cohort: Any, form: BookForm) -> HttpResponse:
    context = {**_cohort_context(request, cohort), "book_form": form}
    return render(request, "training/cohort_detail.html", context, status=400)


def _booked_message(enrolment: Enrolment) -> str:
    name = enrolment.learner.full_name
    if enrolment.status == EnrolmentStatus.WAITING:
        return f"The cohort is full: {name} is on the waiting list and will be told if a place frees up."
    if enrolment.status == EnrolmentStatus.PENDING_EVIDENCE:
        return f"{name} has a place, pending evidence: see below what is needed and by when."
    return f"{name} is booked."


@login_required
def enrolment_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    enrolment = get_enrolment_for_user(
        request, public_id, related=["learner__recruit", "recruit", "cohort__programme", "booked_by"]
    )
    results = enrolment_eligibility(enrolment) if enrolment.status in HOLDS_PLACE else []
    context = {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "results": results,
        "missing": [result for result in results if not result.met],
        "can_change": learners_bookable_by(request.user).filter(pk=enrolment.learner_id).exists(),
        "can_cancel": enrolment.status in [*HOLDS_PLACE, EnrolmentStatus.WAITING],
        "is_hub_team": scope_for(request.user).is_hub_team(enrolment.region_id),
    }
    return render(request, "training/enrolment_detail.html", context)


@login_required
def enrolment_cancel_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    enrolment = get_enrolment_for_user_rw(request, public_id, related=["learner__recruit", "cohort__programme"])
    form = CancelForm(posted(request))
    if form.is_valid():
        try:
            services.enrolment_cancel(actor=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The booking of {enrolment.learner.full_name} was cancelled.")
            return redirect(enrolment.cohort.get_absolute_url())
    return render(request, "training/enrolment_cancel.html", {"enrolment": enrolment, "form": form})
