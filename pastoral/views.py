"""Pastoral pages for one recruit: the plan, check-ins, help, concerns and appointments.

Providers reach the plan and the check-in rows only; they read dates and "done", never the
recruit's answers, red flags, concerns or appointments (hubs/access.py).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accesslog.models import Action, Detail
from accounts.http import AuthenticatedRequest
from accounts.models import User
from hubs.access import require_hub_team, scope_for
from hubs.models import RegionGroupObjectPermission
from pastoral import booklet, selectors, services
from pastoral.access import (
    appointments_visible_to,
    concerns_visible_to,
    get_appointment_for_user,
    get_appointment_for_user_rw,
    get_check_in_for_user,
    get_check_in_for_user_rw,
    get_concern_for_user,
    get_pastoral_plan_for_user,
    get_pastoral_recruit_for_user,
    pastoral_plans_visible_to,
)
from pastoral.forms import (
    AppointmentForm,
    ConcernActionForm,
    ConcernCloseForm,
    EmployerCheckInForm,
    HelpForm,
    HubCheckInForm,
    PlanContactsForm,
    RearrangeForm,
    RecruitCheckInForm,
    RescheduleForm,
    StartPlanForm,
)
from pastoral.models import (
    Appointment,
    AppointmentStatus,
    CheckInMethod,
    CheckInStatus,
    Concern,
    ConcernStatus,
    PastoralPlan,
)
from pastoral.signposts import signposts_for
from portal.forms import add_service_errors, posted
from portal.pdf import pdf_response
from recruits.access import get_own_recruit_for_user, get_recruit_for_user
from recruits.models import Recruit
from recruits.record_reads import recruit_read_record


def _is_hub(user: User, recruit: Recruit) -> bool:
    return scope_for(user).is_hub_team(recruit.region_id)


def _is_self(user: User, recruit: Recruit) -> bool:
    return scope_for(user).is_recruit(recruit)


def hub_team(region_id: int) -> Any:
    """The region's leads and hub staff, for owner and contact choices."""
    groups = RegionGroupObjectPermission.objects.filter(
        content_object_id=region_id, permission__codename__in=["act_as_lead", "act_as_hub_staff"]
    ).values("group_id")
    return User.objects.filter(groups__in=groups, is_active=True).distinct().order_by("name", "email")


def _log_read(request: AuthenticatedRequest, recruit: Recruit, what: str) -> None:
    """Confidential pastoral details read by the hub team go in the access log."""
    recruit_read_record(request, recruit, detail=Detail.PASTORAL, what=what, action=Action.VIEW)


OWN_RECRUIT_RELATED = ("provider__hub", "region")


@login_required
def pastoral_plan(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id, related=["provider", "region"])
    plan = pastoral_plans_visible_to(request.user).select_related("contact", "hub").filter(recruit=recruit).first()
    hub, me = _is_hub(request.user, recruit), _is_self(request.user, recruit)
    context: dict[str, Any] = {
        "recruit": recruit,
        "plan": plan,
        "is_hub": hub,
        "is_self": me,
        "check_ins": selectors.plan_check_ins(user=request.user, plan=plan) if plan else [],
        "employments": selectors.employer_history(recruit),
    }
    if hub:
        _log_read(request, recruit, "pastoral plan, check-in answers and concerns")
        context["concerns"] = list(concerns_visible_to(request.user).filter(recruit=recruit).order_by("-opened_at"))
        context["appointments"] = list(
            appointments_visible_to(request.user).filter(recruit=recruit).order_by("-starts_at")
        )
        context["start_form"] = StartPlanForm(initial={"start_date": _first_start(recruit)})
        if plan:
            context["contacts_form"] = PlanContactsForm(team=hub_team(recruit.region_id), initial=_contacts(plan))
    return render(request, "pastoral/plan.html", context)


def _contacts(plan: PastoralPlan) -> dict[str, Any]:
    """The plan's contacts as the form shows them."""
    return {
        "contact": plan.contact_id,
        "manager_name": plan.manager_name,
        "manager_phone": plan.manager_phone,
        "manager_email": plan.manager_email,
    }


def _first_start(recruit: Recruit) -> Any:
    return recruit.employments.order_by("start_date").values_list("start_date", flat=True).first()


@login_required
def pastoral_plan_start_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id)
    require_hub_team(request, recruit.region_id, "Plans are started by the hub team.")
    form = StartPlanForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.pastoral_plan_start(
                actor=request.user, recruit=recruit, start_date=form.cleaned_data["start_date"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The pastoral plan has started.")
            return redirect("pastoral_plan", recruit.public_id)
    return render(
        request,
        "pastoral/plan_start.html",
        {"recruit": recruit, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def pastoral_plan_contacts(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id)
    plan = get_pastoral_plan_for_user(request, recruit)
    require_hub_team(request, recruit.region_id, "The hub team keeps the plan's contacts.")
    form = PlanContactsForm(posted(request), team=hub_team(recruit.region_id), initial=_contacts(plan))
    if request.method == "POST" and form.is_valid():
        services.pastoral_plan_update(actor=request.user, plan=plan, data=form.cleaned_data)
        messages.success(request, "Contacts saved.")
        return redirect("pastoral_plan", recruit.public_id)
    return render(
        request,
        "pastoral/plan_contacts.html",
        {"recruit": recruit, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def pastoral_check_in(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """One page, three forms: the hub's (call, visit, video), the employer's short one, the recruit's own."""
    check_in = get_check_in_for_user(request, public_id, related=["plan__recruit__provider", "plan__recruit__region"])
    recruit = check_in.plan.recruit
    hub, me = _is_hub(request.user, recruit), _is_self(request.user, recruit)
    data = posted(request)
    form: Any
    if hub:
        form = HubCheckInForm(
            data, initial={"done_on": check_in.due_date if check_in.due_date <= _today() else _today()}
        )
    elif me:
        form = RecruitCheckInForm(data)
    else:
        form = EmployerCheckInForm(data, initial={"done_on": _today()})
    if request.method == "POST" and check_in.status == CheckInStatus.DUE and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            _, concern = services.check_in_record(
                actor=request.user,
                check_in=check_in,
                method=fields.pop("method", CheckInMethod.SELF if me else CheckInMethod.EMPLOYER),
                done_on=fields.pop("done_on", None),
                hub_notes=fields.pop("hub_notes", ""),
                employer_note=fields.pop("employer_note", ""),
                answers=fields if (hub or me) else None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_check_in(request, check_in, concern=concern, me=me)
    answers = None
    if hub or me:
        answers = getattr(check_in, "answers", None) if check_in.status == CheckInStatus.DONE else None
    if hub and answers is not None:
        _log_read(request, recruit, f"answers to the {check_in.label} check-in")
    context = {
        "check_in": check_in,
        "recruit": recruit,
        "form": form,
        "is_hub": hub,
        "is_self": me,
        "answers": answers,
        "reschedule_form": RescheduleForm(initial={"due_date": check_in.due_date}) if hub else None,
    }
    return render(request, "pastoral/check_in.html", context, status=400 if form.errors else 200)


def _after_check_in(request: AuthenticatedRequest, check_in: Any, *, concern: Concern | None, me: bool) -> HttpResponse:
    if me:
        if concern is not None:
            return redirect(reverse("pastoral_help") + "?after=check-in")
        messages.success(request, "Thank you. Your hub has your answers.")
        return redirect("home")
    messages.success(request, "The check-in was recorded." + (" A concern was opened for the hub." if concern else ""))
    return redirect("pastoral_plan", check_in.plan.recruit.public_id)


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@login_required
def pastoral_check_in_reschedule(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    check_in = get_check_in_for_user_rw(request, public_id)
    form = RescheduleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.check_in_reschedule(actor=request.user, check_in=check_in, due_date=form.cleaned_data["due_date"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The {check_in.label.lower()} check-in moved to {check_in.due_date:%-d %B %Y}.")
            return redirect("pastoral_plan", check_in.plan.recruit.public_id)
    return render(
        request,
        "pastoral/reschedule.html",
        {"check_in": check_in, "form": form},
        status=400 if form.errors else 200,
    )


# -- the recruit: help, their check-in, booklet --------------------------------------------------


@login_required
def pastoral_help(request: AuthenticatedRequest) -> HttpResponse:
    """Where to get help, and the "I need help" button that opens a concern for the hub."""
    recruit = get_own_recruit_for_user(request, related=OWN_RECRUIT_RELATED, refusal="This page is for recruits")
    hub = services.hub_for(recruit)
    form = HelpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.concern_help_request(actor=request.user, recruit=recruit, **form.cleaned_data)
        messages.success(request, "Your hub has your message and will contact you. If you are in danger now, call 999.")
        return redirect(reverse("pastoral_help") + "?after=help")
    context = {
        "recruit": recruit,
        "hub": hub,
        "signposts": signposts_for(hub),
        "form": form,
        "after": request.GET.get("after", ""),
    }
    return render(request, "pastoral/help.html", context)


@login_required
def pastoral_my_check_in(request: AuthenticatedRequest) -> HttpResponse:
    """The recruit's next check-in (the link in their reminders and on their home page)."""
    recruit = get_own_recruit_for_user(request, related=OWN_RECRUIT_RELATED, refusal="This page is for recruits")
    check_in = selectors.next_check_in(recruit)
    if check_in is None:
        messages.info(request, "You have no check-in due. Your hub will tell you when the next one is.")
        return redirect("home")
    return redirect("pastoral_check_in", check_in.public_id)


@login_required
def pastoral_my_booklet(request: AuthenticatedRequest) -> HttpResponse:
    recruit = get_own_recruit_for_user(request, related=OWN_RECRUIT_RELATED, refusal="This page is for recruits")
    return render(
        request,
        "pastoral/booklet.html",
        {**booklet.booklet_context(user=request.user, recruit=recruit), "is_self": True},
    )


@login_required
def pastoral_my_booklet_pdf(request: AuthenticatedRequest) -> HttpResponse:
    recruit = get_own_recruit_for_user(request, related=OWN_RECRUIT_RELATED, refusal="This page is for recruits")
    return pdf_response(booklet.booklet_pdf(user=request.user, recruit=recruit), filename="welcome-booklet.pdf")


@login_required
def pastoral_recruit_booklet(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_pastoral_recruit_for_user(request, public_id, related=["provider__hub"])
    return render(request, "pastoral/booklet.html", booklet.booklet_context(user=request.user, recruit=recruit))


@login_required
def pastoral_recruit_booklet_pdf(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_pastoral_recruit_for_user(request, public_id, related=["provider__hub"])
    return pdf_response(booklet.booklet_pdf(user=request.user, recruit=recruit), filename="welcome-booklet.pdf")


# -- concerns (hub team only) --------------------------------------------------------------------


@login_required
def pastoral_concern(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    concern = get_concern_for_user(request, public_id)
    return _concern_page(request, concern)


@login_required
@require_POST
def pastoral_concern_act(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    concern = get_concern_for_user(request, public_id)
    form = ConcernActionForm(request.POST, team=hub_team(concern.recruit.region_id), prefix="act")
    if form.is_valid():
        try:
            services.concern_act(actor=request.user, concern=concern, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The concern was updated.")
            return redirect("pastoral_concern", concern.public_id)
    return _concern_page(request, concern, act_form=form)


@login_required
@require_POST
def pastoral_concern_close(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    concern = get_concern_for_user(request, public_id)
    form = ConcernCloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.concern_close(actor=request.user, concern=concern, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The concern was updated.")
            return redirect("pastoral_concern", concern.public_id)
    return _concern_page(request, concern, close_form=form)


def _concern_page(
    request: AuthenticatedRequest,
    concern: Concern,
    *,
    act_form: ConcernActionForm | None = None,
    close_form: ConcernCloseForm | None = None,
) -> HttpResponse:
    """The concern's page, with the form just sent (and its errors) in place of its empty copy."""
    if act_form is None:
        act_form = ConcernActionForm(team=hub_team(concern.recruit.region_id), prefix="act")
    if close_form is None:
        close_form = ConcernCloseForm(prefix="close")
    _log_read(request, concern.recruit, "concern and its actions")
    context = {
        "concern": concern,
        "actions": list(concern.actions.select_related("actor")),
        "answers": getattr(concern.check_in, "answers", None) if concern.check_in else None,
        "act_form": act_form,
        "close_form": close_form,
        "closed": concern.status == ConcernStatus.CLOSED,
    }
    status = 400 if (act_form.errors or close_form.errors) else 200
    return render(request, "pastoral/concern.html", context, status=status)


# -- appointments --------------------------------------------------------------------------------


@login_required
def pastoral_appointment_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_pastoral_recruit_for_user(request, public_id, related=["provider__hub"])
    form = AppointmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_book(actor=request.user, recruit=recruit, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The appointment is booked; the recruit is reminded the day before.")
            return redirect("pastoral_plan", recruit.public_id)
    return render(
        request,
        "pastoral/appointment_form.html",
        {"recruit": recruit, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def pastoral_appointment(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    appointment = get_appointment_for_user(request, public_id)
    return _appointment_page(request, appointment)


@login_required
@require_POST
def pastoral_appointment_change(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    appointment = get_appointment_for_user_rw(request, public_id, refusal="Appointments are changed by the hub team.")
    form = _appointment_change_form(appointment, request.POST)
    if form.is_valid():
        try:
            services.appointment_change(actor=request.user, appointment=appointment, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The appointment was changed; the recruit's reminder moved with it.")
            return redirect("pastoral_appointment", appointment.public_id)
    return _appointment_page(request, appointment, form)


@login_required
@require_POST
def pastoral_appointment_done(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    appointment = get_appointment_for_user_rw(request, public_id, refusal="Appointments are closed by the hub team.")
    services.appointment_close(actor=request.user, appointment=appointment, status=AppointmentStatus.DONE)
    messages.success(request, "The appointment was updated.")
    return redirect("pastoral_plan", appointment.recruit.public_id)


@login_required
@require_POST
def pastoral_appointment_cancel(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    appointment = get_appointment_for_user_rw(request, public_id, refusal="Appointments are closed by the hub team.")
    services.appointment_close(actor=request.user, appointment=appointment, status=AppointmentStatus.CANCELLED)
    messages.success(request, "The appointment was updated.")
    return redirect("pastoral_plan", appointment.recruit.public_id)


@login_required
@require_POST
def pastoral_appointment_rearrange(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The recruit asks for another time."""
    appointment = get_appointment_for_user(request, public_id)
    if not _is_self(request.user, appointment.recruit):
        raise PermissionDenied("Only the recruit asks to rearrange their appointment.")
    form = RearrangeForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_request_rearrange(
                actor=request.user, appointment=appointment, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your hub has your request and will offer another time.")
            return redirect("pastoral_appointment", appointment.public_id)
    return _appointment_page(request, appointment, form)


def _appointment_change_form(appointment: Appointment, data: QueryDict | None = None) -> AppointmentForm:
    """The hub's form to change the appointment, showing it as booked."""
    initial = {
        "starts_at": timezone.localtime(appointment.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "minutes": appointment.minutes,
        "purpose": appointment.purpose,
        "place": appointment.place,
        "video_link": appointment.video_link,
    }
    return AppointmentForm(data, initial=initial, stored=appointment.starts_at)


def _appointment_page(
    request: AuthenticatedRequest, appointment: Appointment, form: AppointmentForm | RearrangeForm | None = None
) -> HttpResponse:
    """The appointment: the hub may change or close it, the recruit ask for another time."""
    recruit = appointment.recruit
    hub, me = _is_hub(request.user, recruit), _is_self(request.user, recruit)
    if form is None:
        form = _appointment_change_form(appointment) if hub else RearrangeForm()
    context = {"appointment": appointment, "recruit": recruit, "form": form, "is_hub": hub, "is_self": me}
    return render(request, "pastoral/appointment.html", context, status=400 if form.errors else 200)
