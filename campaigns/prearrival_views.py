"""Pre-arrival pages: the candidate's (signed in by emailed code: checklist, booklet, Care Certificate
self-assessment) and the hub team's (who is stuck, first appointments, recording the arrival)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from campaigns.access import applications_visible_to, get_application_for_user, get_campaign_for_user_rw
from campaigns.arrival import Arrival, accepted_offer, application_arrive
from campaigns.forms import ArrivalForm, ChecklistForm, FirstAppointmentForm
from campaigns.models import Application, FirstAppointment, Stage
from campaigns.prearrival import (
    booklet_opened,
    booklet_sections,
    checklist_save,
    first_appointment_book,
    first_appointment_cancel,
    pre_arrival_items,
    pre_arrival_open,
    pre_arrival_progress,
    pre_arrival_self_assess,
    self_assessment_rows,
)
from portal.forms import posted
from portal.markdown import markdown_render
from training.development_views import SelfAssessmentForm
from training.learner_signin import learner_session_email

# -- the candidate's side --------------------------------------------------------------------------


def _own_application(request: HttpRequest, public_id: UUID) -> Application:
    """The signed-in candidate's own application; anyone else's, or no session: 404."""
    email = learner_session_email(request)
    application = (
        Application.objects.filter(public_id=public_id, email=email).select_related("campaign", "region").first()
        if email
        else None
    )
    if application is None:
        raise Http404("No such application")
    return application


@never_cache
def pre_arrival(request: HttpRequest, public_id: UUID) -> HttpResponse:
    if learner_session_email(request) is None:
        return redirect("applicant_sign_in")
    application = _own_application(request, public_id)
    items = pre_arrival_items()
    done = set(application.pre_arrival_tasks.values_list("item", flat=True))
    form = ChecklistForm(
        posted(request), items=items, done=done, initial={"planned_arrival": application.planned_arrival}
    )
    if form.is_valid():
        try:
            checklist_save(
                application=application, done=form.done(), planned_arrival=form.cleaned_data["planned_arrival"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Saved. The hub sees what you have done.")
            return redirect("pre_arrival", public_id=application.public_id)
    offer = accepted_offer(application)
    context = {
        "application": application,
        "open": pre_arrival_open(application),
        "form": form,
        "done_count": len(done),
        "items_count": len(items),
        "offer": offer,
        "appointments": list(application.first_appointments.filter(starts_at__gte=timezone.now())),
        "rated": application.pre_arrival_answers.count(),
    }
    return render(request, "campaigns/pre_arrival.html", context, status=400 if form.errors else 200)


@never_cache
def pre_arrival_booklet(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own_application(request, public_id)
    if not pre_arrival_open(application):
        raise Http404("The booklet opens once the certificate of sponsorship is assigned")
    booklet_opened(application)
    version, sections = booklet_sections(application)
    for section in sections:
        section.html = markdown_render(section.body)
    context = {
        "application": application,
        "version": version,
        "sections": sections,
        "offer": accepted_offer(application),
        "appointments": list(application.first_appointments.filter(starts_at__gte=timezone.now())),
    }
    return render(request, "campaigns/pre_arrival_booklet.html", context)


@never_cache
def pre_arrival_self_assessment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own_application(request, public_id)
    if not pre_arrival_open(application):
        raise Http404("The self-assessment opens once the certificate of sponsorship is assigned")
    rows = self_assessment_rows(application)
    form = SelfAssessmentForm(posted(request), rows=rows, rate=True, review=False)  # type: ignore[arg-type]
    if form.is_valid():
        data = form.cleaned_data
        answers = {
            row.standard.pk: (
                data.get(f"rating-{row.standard.number}", ""),
                data.get(f"notes-{row.standard.number}", ""),
            )
            for row in rows
        }
        try:
            rated = pre_arrival_self_assess(application=application, answers=answers)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Saved: {rated} of {len(rows)} standards rated. Your employer's trainers will see it."
            )
            return redirect("pre_arrival", public_id=application.public_id)
    context = {"application": application, "form": form, "sections": form.sections()}
    return render(request, "campaigns/pre_arrival_self_assessment.html", context, status=400 if form.errors else 200)


# -- the hub team's side ---------------------------------------------------------------------------


@login_required
def campaign_pre_arrival(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    campaign = get_campaign_for_user_rw(request, public_id)
    rows = pre_arrival_progress(campaign)
    context = {
        "campaign": campaign,
        "rows": rows,
        "items_count": len(pre_arrival_items()),
        "stuck_count": sum(1 for row in rows if row.stuck),
    }
    return render(request, "campaigns/pre_arrival_hub.html", context)


@login_required
def first_appointments(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    form = FirstAppointmentForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            first_appointment_book(
                actor=request.user,
                application=application,
                data={
                    "starts_at": form.starts_at(),
                    "minutes": data["minutes"],
                    "purpose": data["purpose"],
                    "place": data["place"],
                },
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The appointment is booked: the candidate sees it on their pre-arrival page.")
            return redirect("first_appointments", public_id=application.public_id)
    context = {
        "application": application,
        "form": form,
        "open": pre_arrival_open(application),
        "appointments": list(application.first_appointments.all()),
    }
    return render(request, "campaigns/first_appointments.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def first_appointment_cancel_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    appointment = (
        FirstAppointment.objects.filter(public_id=public_id, application__in=applications_visible_to(request.user))
        .select_related("application")
        .first()
    )
    if appointment is None:
        raise Http404("No such appointment")
    try:
        first_appointment_cancel(actor=request.user, appointment=appointment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{appointment.purpose}” is cancelled.")
    return redirect("first_appointments", public_id=appointment.application.public_id)


@login_required
def application_arrive_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    application = get_application_for_user(request, public_id)
    offer = accepted_offer(application)
    visa_applied = application.pre_arrival_tasks.filter(item="visa_applied").values_list("done_on", flat=True).first()
    initial = {
        "arrived_on": application.planned_arrival if application.planned_arrival else None,
        "first_day": offer.starts_on if offer else None,
        "visa_application_date": visa_applied,
    }
    form = ArrivalForm(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            recruit = application_arrive(
                actor=request.user,
                application=application,
                arrival=Arrival(
                    arrived_on=data["arrived_on"],
                    first_day=data["first_day"],
                    cos_reference=data["cos_reference"],
                    visa_application_date=data["visa_application_date"],
                    visa_expiry=data["visa_expiry"],
                ),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                f"{recruit.full_name} has arrived: they are now a recruit of {recruit.provider}, with their checks, "
                "pastoral plan and self-assessment.",
            )
            return redirect(recruit)
    done = set(application.pre_arrival_tasks.values_list("item", flat=True))
    context = {
        "application": application,
        "form": form,
        "offer": offer,
        "may_arrive": application.stage in (Stage.COS_ASSIGNED, Stage.PRE_ARRIVAL),
        "not_done": [item for item in pre_arrival_items() if item.code not in done],
    }
    return render(request, "campaigns/arrive.html", context, status=400 if form.errors else 200)
