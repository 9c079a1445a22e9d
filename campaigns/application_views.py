"""The candidate's side of a campaign: the public application form, and following one's own
applications after signing in by emailed code (no portal account)."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accesslog.rights_export import subject_export
from campaigns.applicants import application_submit, campaign_closed_message, campaign_open_for_applications
from campaigns.forms import ApplicantSignInForm, ApplicationForm
from campaigns.interviews import interviews_of_applications
from campaigns.models import Campaign, CampaignStatus
from campaigns.personal_data import SUBJECT
from campaigns.selectors import application_with_email, applications_with_email
from portal.exports import file_response
from portal.forms import posted
from portal.http import client_ip
from portal.markdown import markdown_render
from recruits.selectors import country_name
from training.forms import LearnerCodeForm
from training.learner_signin import (
    REQUESTS_PER_MINUTE,
    email_code_send,
    learner_session_email,
    learner_session_start,
    normalise_email,
    over_limit,
    sign_in_code_check,
)

# At most this many applications per client address and campaign per hour.
APPLICATIONS_PER_HOUR = 5
PENDING_EMAIL = "campaigns_applicant_pending_email"


def _public_campaign(public_id: UUID) -> Campaign:
    """A published or closed campaign (a draft is not public yet): 404 otherwise."""
    campaign = (
        Campaign.objects.filter(public_id=public_id, status__in=[CampaignStatus.PUBLISHED, CampaignStatus.CLOSED])
        .select_related("region")
        .prefetch_related("roles")
        .first()
    )
    if campaign is None:
        raise Http404("No such campaign")
    return campaign


@never_cache
def campaign_apply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    campaign = _public_campaign(public_id)
    context: dict = {"campaign": campaign, "advert_html": markdown_render(campaign.advert)}
    if not campaign_open_for_applications(campaign):
        context["closed_message"] = campaign_closed_message(campaign)
        return render(request, "campaigns/apply_closed.html", context)
    form = ApplicationForm(posted(request), request.FILES or None, campaign=campaign)
    if request.method == "POST":
        if over_limit(f"campaign-apply:{campaign.pk}:{client_ip(request)}", APPLICATIONS_PER_HOUR, 3600):
            response = render(request, "campaigns/apply_limited.html", context, status=429)
            response["Retry-After"] = "3600"
            return response
        if form.is_bot:
            # Answer a bot as if it had worked, and store nothing.
            return render(request, "campaigns/apply_done.html", context)
        if form.is_valid():
            data = form.cleaned_data
            try:
                application_submit(campaign=campaign, data=data, cv=data["cv"], certificates=data["certificates"])
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return render(request, "campaigns/apply_done.html", context)
    context["form"] = form
    return render(request, "campaigns/apply.html", context, status=400 if form.errors else 200)


@never_cache
def applicant_sign_in(request: HttpRequest) -> HttpResponse:
    form = ApplicantSignInForm(posted(request))
    if form.is_valid():
        if over_limit(f"campaigns-applicant-sign-in:{client_ip(request)}", REQUESTS_PER_MINUTE, 60):
            return render(request, "training/learner_limited.html", status=429)
        email = normalise_email(form.cleaned_data["email"])
        if applications_with_email(email):
            email_code_send(email=email, purpose="follow your application")
        request.session[PENDING_EMAIL] = email
        return redirect("applicant_code")
    return render(request, "campaigns/applicant_sign_in.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def applicant_code(request: HttpRequest) -> HttpResponse:
    email = request.session.get(PENDING_EMAIL)
    if not email:
        return redirect("applicant_sign_in")
    form = LearnerCodeForm(posted(request))
    if form.is_valid():
        if over_limit(f"campaigns-applicant-code:{client_ip(request)}", REQUESTS_PER_MINUTE, 60):
            return render(request, "training/learner_limited.html", status=429)
        if sign_in_code_check(email=email, code=form.cleaned_data["code"]):
            learner_session_start(request, email)
            request.session.pop(PENDING_EMAIL, None)
            return redirect("my_applications")
        form.add_error("code", "The code is wrong or has expired: check the email, or ask for a new code")
    context = {"form": form, "email": email}
    return render(request, "campaigns/applicant_code.html", context, status=400 if form.errors else 200)


@never_cache
def my_applications(request: HttpRequest) -> HttpResponse:
    email = learner_session_email(request)
    if email is None:
        return redirect("applicant_sign_in")
    applications = applications_with_email(email)
    booked = interviews_of_applications(applications)
    for application in applications:
        application.country_name = country_name(application.country)  # type: ignore[attr-defined]
        application.interview = booked.get(application.pk)  # type: ignore[attr-defined]
    return render(request, "campaigns/my_applications.html", {"applications": applications, "email": email})


@never_cache
def my_application_data(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The candidate's own subject access export for one of their applications: the ZIP the lead
    downloads on the rights page (data.json, summary.pdf, the documents). 404 for an application
    made with another address."""
    email = learner_session_email(request)
    if email is None:
        return redirect("applicant_sign_in")
    application = application_with_email(email, public_id)
    if application is None:
        raise Http404("No such application")
    export = subject_export(SUBJECT, application, by=f"{application.name} (their own download)")
    return file_response(export.content, filename=export.filename, content_type="application/zip")
