"""Interview pages: booking (hub team), the interview with its panel and scores (hub team and panel
members), scoring (panel members), the decision (hub team), and the candidate's request to
rearrange (signed in by emailed code)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from campaigns.access import get_application_for_user, get_interview_for_user
from campaigns.forms import DecisionForm, InterviewForm, RearrangeForm, ScoreForm
from campaigns.interviews import (
    competency_questions,
    interview_ask_to_rearrange,
    interview_book,
    interview_decide,
    interview_score,
    is_clinical,
    may_decide,
    panel_candidates,
    user_on_panel,
)
from campaigns.models import Interview, InterviewStatus, Stage
from hubs.access import region_people, require_hub_team
from hubs.roles import Role
from portal.forms import posted
from training.learner_signin import learner_session_email


@login_required
def interview_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    hub_team = set(region_people(application.region_id, [Role.LEAD, Role.HUB_STAFF]).values_list("id", flat=True))
    form = InterviewForm(
        posted(request),
        candidates=panel_candidates(application),
        hub_team=hub_team,
        clinical=is_clinical(application.role),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            interview = interview_book(
                actor=request.user,
                application=application,
                starts_at=form.starts_at(),
                minutes=data["minutes"],
                where=data["where"],
                panel=list(data["panel"]),
                clinical_lead=data["clinical_lead"],
                registration=data["registration"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, "The interview is booked: the candidate is emailed the time with a calendar file."
            )
            return redirect(interview)
    context = {
        "application": application,
        "form": form,
        "clinical": is_clinical(application.role),
        "shortlisted": application.stage == Stage.SHORTLISTED,
    }
    return render(request, "campaigns/interview_form.html", context, status=400 if form.errors else 200)


def _detail_context(request: AuthenticatedRequest, interview: Interview, **forms: object) -> dict:
    panel = list(interview.panel.select_related("user").prefetch_related("scores"))
    visible = all(member.scored_at is not None for member in panel)
    questions = competency_questions(interview.application.role)
    me = next((member for member in panel if member.user_id == request.user.pk), None)
    rows = []
    if visible:
        for question in questions:
            by_member = []
            for member in panel:
                score = next((s for s in member.scores.all() if s.question == question.code), None)
                by_member.append(score)
            numbers = [score.score for score in by_member if score is not None]
            rows.append((question, by_member, sum(numbers) / len(numbers) if numbers else None))
    return {
        "interview": interview,
        "application": interview.application,
        "panel": panel,
        "me": me,
        "scores_visible": visible,
        "rows": rows,
        "may_decide": may_decide(request.user, interview) and interview.status == InterviewStatus.BOOKED,
        "decision_form": forms.get("decision_form") or DecisionForm(),
    }


@login_required
def interview_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    interview = get_interview_for_user(request, public_id)
    return render(request, "campaigns/interview.html", _detail_context(request, interview))


@login_required
def interview_score_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    interview = get_interview_for_user(request, public_id)
    member = user_on_panel(request.user, interview)
    if member is None:
        raise PermissionDenied("Only the panel members score the interview.")
    questions = competency_questions(interview.application.role)
    form = ScoreForm(posted(request), questions=questions)
    if member.scored_at is None and form.is_valid():
        try:
            interview_score(actor=request.user, interview=interview, scores=form.scores())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, "Your scores are sent. The panel's scores show once every member has sent theirs."
            )
            return redirect(interview)
    context = {"interview": interview, "application": interview.application, "form": form, "member": member}
    return render(request, "campaigns/interview_score.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def interview_decide_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    interview = get_interview_for_user(request, public_id)
    require_hub_team(request, interview.application.region_id, message="The hub team records the decision.")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = interview_decide(
                actor=request.user,
                interview=interview,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                f"The decision is recorded: {decided.application.name} is now "
                f"“{decided.application.get_stage_display()}”.",
            )
            return redirect(decided.application)
    context = _detail_context(request, interview, decision_form=form)
    return render(request, "campaigns/interview.html", context, status=400)


@never_cache
def interview_rearrange(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The candidate, signed in by emailed code, asks to move their interview; anyone else: 404."""
    email = learner_session_email(request)
    interview = (
        Interview.objects.filter(public_id=public_id, application__email=email)
        .select_related("application__campaign", "application__region")
        .first()
        if email
        else None
    )
    if interview is None:
        raise Http404("No such interview")
    form = RearrangeForm(posted(request))
    if form.is_valid():
        try:
            interview_ask_to_rearrange(interview=interview, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The hub has your request: they will email you a new time.")
            return redirect("my_applications")
    context = {"interview": interview, "form": form}
    return render(request, "campaigns/interview_rearrange.html", context, status=400 if form.errors else 200)
