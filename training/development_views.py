"""The Care Certificate self-assessment (with its review) and the personal development plan."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.models import User
from hubs.access import scope_for
from portal.forms import DateField, add_service_errors, posted
from recruits.models import Recruit
from training import development
from training import osce as osce_service
from training.access import get_training_plan_recruit_for_user
from training.models import OsceAttempt, OsceResult, OsceTracker, SelfRating, StandardReview

ACTION_ROWS = 6


def _roles(user: User, recruit: Recruit) -> dict[str, bool]:
    scope = scope_for(user)
    hub = scope.is_hub_team(recruit.region_id)
    employer = scope.is_provider_user(recruit.provider_id)
    return {"is_self": scope.is_recruit(recruit), "is_hub": hub, "is_manager": hub or employer}


class SelfAssessmentForm(forms.Form):
    def __init__(self, *args: Any, rows: list[development.StandardRow], rate: bool, review: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            n, answer = row.standard.number, row.answer
            if rate:
                self.fields[f"rating-{n}"] = forms.ChoiceField(
                    label=str(row.standard),
                    choices=SelfRating.choices,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=answer.rating if answer else "",
                )
                self.fields[f"notes-{n}"] = forms.CharField(
                    label="What you have done that shows it",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=answer.evidence_notes if answer else "",
                )
            if review:
                self.fields[f"review-{n}"] = forms.ChoiceField(
                    label=f"Review of standard {n}",
                    choices=StandardReview.choices,
                    initial=answer.review if answer else StandardReview.NOT_REVIEWED,
                )

    def sections(self) -> list[dict[str, Any]]:
        return [
            {
                "row": row,
                "rating": self[f"rating-{row.standard.number}"]
                if f"rating-{row.standard.number}" in self.fields
                else None,
                "notes": self[f"notes-{row.standard.number}"]
                if f"notes-{row.standard.number}" in self.fields
                else None,
                "review": self[f"review-{row.standard.number}"]
                if f"review-{row.standard.number}" in self.fields
                else None,
            }
            for row in self.rows
        ]


@login_required
def care_certificate(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    roles = _roles(request.user, recruit)
    rate, review = roles["is_self"] or roles["is_hub"], roles["is_manager"]
    rows = development.self_assessment_rows(recruit)
    if request.method == "POST" and not (rate or review):
        raise PermissionDenied("You can see this self-assessment but not change it.")
    form = SelfAssessmentForm(posted(request), rows=rows, rate=rate, review=review)
    if form.is_valid():
        data = form.cleaned_data
        answers = {
            row.standard.pk: (
                data.get(f"rating-{row.standard.number}", row.answer.rating if row.answer else ""),
                data.get(f"notes-{row.standard.number}", row.answer.evidence_notes if row.answer else ""),
            )
            for row in rows
        }
        reviews = {row.standard.pk: data[f"review-{row.standard.number}"] for row in rows} if review else None
        added = development.self_assessment_save(actor=request.user, recruit=recruit, answers=answers, reviews=reviews)
        extra = f" {len(added)} suggestion{'s' if len(added) != 1 else ''} added to the training plan." if added else ""
        messages.success(request, f"The self-assessment was saved.{extra}")
        return redirect(reverse("care_certificate", args=[recruit.public_id]))
    context = {"recruit": recruit, "form": form, "sections": form.sections(), "can_save": rate or review, **roles}
    return render(request, "training/care_certificate.html", context)


class DevelopmentPlanForm(forms.Form):
    goals = forms.CharField(label="Goals", widget=forms.Textarea, required=False)
    strengths = forms.CharField(label="Strengths", widget=forms.Textarea, required=False)
    gaps = forms.CharField(label="Gaps", widget=forms.Textarea, required=False)
    next_review = DateField(
        label="Next review",
        help_text="At least once a year.",
        error_messages={"required": "Enter the date of the next review"},
    )

    def __init__(self, *args: Any, actions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = [*actions, *[None] * max(ACTION_ROWS - len(actions), 2)]
        for i, action in enumerate(rows, start=1):
            self.fields[f"action-{i}"] = forms.CharField(
                label=f"Action {i}", max_length=300, required=False, initial=action.action if action else ""
            )
            self.fields[f"due-{i}"] = DateField(
                label=f"Action {i}: by when", required=False, initial=action.due if action else None
            )
            self.fields[f"done-{i}"] = forms.BooleanField(
                label=f"Action {i} is done", required=False, initial=action.done if action else False
            )
        self.action_count = len(rows)

    def action_rows(self) -> list[dict[str, Any]]:
        return [
            {"action": self[f"action-{i}"], "due": self[f"due-{i}"], "done": self[f"done-{i}"]}
            for i in range(1, self.action_count + 1)
        ]

    def actions(self) -> list[tuple[str, date | None, bool]]:
        data = self.cleaned_data
        return [
            (data[f"action-{i}"], data[f"due-{i}"], data[f"done-{i}"])
            for i in range(1, self.action_count + 1)
            if data[f"action-{i}"].strip()
        ]


class ReviewPlanForm(forms.Form):
    notes = forms.CharField(label="What was discussed", widget=forms.Textarea, required=False)
    next_review = DateField(
        label="Next review",
        error_messages={"required": "Enter the date of the next review"},
    )


@login_required
def development_plan(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    return _development_plan_page(request, recruit, ReviewPlanForm(prefix="review"))


@login_required
@require_POST
def development_plan_agree_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    roles = _roles(request.user, recruit)
    plan = development.development_plan_for(recruit)
    if plan is None or not (roles["is_self"] or roles["is_manager"]):
        raise PermissionDenied("You can see this plan but not change it.")
    development.development_plan_agree(actor=request.user, plan=plan, as_recruit=roles["is_self"])
    messages.success(request, "You agreed the plan.")
    return redirect(reverse("development_plan", args=[recruit.public_id]))


@login_required
@require_POST
def development_plan_review_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    plan = development.development_plan_for(recruit)
    if plan is None or not _roles(request.user, recruit)["is_manager"]:
        raise PermissionDenied("You can see this plan but not review it.")
    form = ReviewPlanForm(request.POST, prefix="review")
    if form.is_valid():
        try:
            development.development_plan_review(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review was recorded.")
            return redirect(reverse("development_plan", args=[recruit.public_id]))
    return _development_plan_page(request, recruit, form)


def _development_plan_page(
    request: AuthenticatedRequest, recruit: Recruit, review_form: ReviewPlanForm
) -> HttpResponse:
    plan = development.development_plan_for(recruit)
    context = {"recruit": recruit, "plan": plan, "review_form": review_form, **_roles(request.user, recruit)}
    return render(request, "training/development_plan.html", context, status=400 if review_form.errors else 200)


@login_required
def development_plan_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    if not _roles(request.user, recruit)["is_manager"]:
        raise PermissionDenied("The plan is written with the recruit by their manager or the hub.")
    plan = development.development_plan_for(recruit)
    initial = (
        {"goals": plan.goals, "strengths": plan.strengths, "gaps": plan.gaps, "next_review": plan.next_review}
        if plan
        else None
    )
    form = DevelopmentPlanForm(posted(request), initial=initial, actions=list(plan.actions.all()) if plan else [])
    if form.is_valid():
        try:
            development.development_plan_save(
                actor=request.user, recruit=recruit, data=form.cleaned_data, actions=form.actions()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The plan was saved. The recruit and the manager now agree it.")
            return redirect(reverse("development_plan", args=[recruit.public_id]))
    return render(request, "training/development_plan_form.html", {"recruit": recruit, "form": form})


class OsceDeadlineForm(forms.Form):
    cos_start = DateField(
        label="Certificate of sponsorship (CoS) start date",
        error_messages={"required": "Enter the start date on the certificate of sponsorship"},
    )
    deadline = DateField(
        label="OSCE deadline",
        required=False,
        help_text="Leave empty to count it from the CoS start (the rule is unconfirmed today: check it).",
    )


class OsceAttemptForm(forms.Form):
    date = DateField(label="Date of the OSCE", error_messages={"required": "Enter the date"})
    result = forms.ChoiceField(label="Result", choices=OsceResult.choices)


@login_required
def osce(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    return _osce_page(request, recruit)


@login_required
@require_POST
def osce_set_deadline_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    _osce_manager_only(request.user, recruit)
    form = OsceDeadlineForm(request.POST, prefix="deadline")
    if form.is_valid():
        try:
            osce_service.osce_set_deadline(actor=request.user, recruit=recruit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The OSCE record was saved.")
            return redirect(reverse("osce", args=[recruit.public_id]))
    return _osce_page(request, recruit, deadline_form=form)


@login_required
@require_POST
def osce_record_attempt_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_training_plan_recruit_for_user(request, public_id)
    _osce_manager_only(request.user, recruit)
    form = OsceAttemptForm(request.POST, prefix="attempt")
    if form.is_valid():
        try:
            osce_service.osce_record_attempt(actor=request.user, recruit=recruit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The OSCE record was saved.")
            return redirect(reverse("osce", args=[recruit.public_id]))
    return _osce_page(request, recruit, attempt_form=form)


def _osce_manager_only(user: User, recruit: Recruit) -> None:
    if not _roles(user, recruit)["is_manager"]:
        raise PermissionDenied("The OSCE is recorded by the employer or the hub.")


def _osce_page(
    request: AuthenticatedRequest,
    recruit: Recruit,
    *,
    deadline_form: OsceDeadlineForm | None = None,
    attempt_form: OsceAttemptForm | None = None,
) -> HttpResponse:
    """The OSCE page, with the form just sent (and its errors) in place of its empty copy."""
    tracker = OsceTracker.objects.filter(recruit=recruit).first()
    shown = {"cos_start": tracker.cos_start, "deadline": tracker.deadline} if tracker else None
    if deadline_form is None:
        deadline_form = OsceDeadlineForm(prefix="deadline", initial=shown)
    if attempt_form is None:
        attempt_form = OsceAttemptForm(prefix="attempt")
    context = {
        "recruit": recruit,
        "tracker": tracker,
        "attempts": list(OsceAttempt.objects.filter(recruit=recruit)),
        "max_attempts": osce_service.MAX_ATTEMPTS,
        "months": osce_service.osce_deadline_months(),
        "deadline_form": deadline_form,
        "attempt_form": attempt_form,
        "errors": deadline_form.errors or attempt_form.errors,
        **_roles(request.user, recruit),
    }
    return render(request, "training/osce.html", context, status=400 if context["errors"] else 200)
