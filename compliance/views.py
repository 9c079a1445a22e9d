"""Compliance case pages: the list and figures, recording an event, one case (the hub team's view
and the council's view without workers), its steps, timeline, workers, PDF and CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from advice.access import advice_requests_visible_to
from compliance import selectors, services, workers
from compliance.access import (
    get_affected_worker_for_user_rw,
    get_case_entry_file_for_user,
    get_case_step_for_user_rw,
    get_compliance_case_for_user,
    get_compliance_case_for_user_rw,
    get_licence_event_for_user_rw,
)
from compliance.b_rating import licence_event_fee_paid, next_b_rating_warning
from compliance.corrections import licence_event_correct_date
from compliance.documents import entry_document_path
from compliance.forms import (
    CaseOwnerForm,
    CaseStatusForm,
    CouncilNoteForm,
    EntryForm,
    EventDateForm,
    EventForm,
    FeePaidForm,
    StepCompleteForm,
    StepEditForm,
    WorkerListForm,
    WorkerStatusForm,
)
from compliance.models import CaseStatus, CaseStep, ComplianceCase, LicenceEvent
from hubs.access import region_people, require_lead, scope_for
from hubs.roles import Role
from portal.exports import csv_response
from portal.files import stored_file_response
from portal.pdf import pdf_render, pdf_response
from providers.access import get_provider_for_user_rw


@login_required
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.on_a_hub_team or scope.council_authorities):
        raise Http404("No compliance cases for this role")
    status = request.GET.get("status", "")
    show = request.GET.get("show", "")
    show = show if show in ("overdue", "mine") else ""
    page = selectors.cases_page(user=request.user, status=status, show=show, after=request.GET.get("after"))
    context = {
        "page": page,
        "status": status,
        "statuses": CaseStatus.choices,
        "figures": selectors.region_figures(user=request.user) if scope.hub_regions else [],
        "is_later": bool(request.GET.get("after")),
        "is_lead": bool(scope.lead_regions),
        "is_hub": bool(scope.hub_regions),
        "show": show,
        "next_query": f"status={status}&show={show}&after={page.next_cursor}" if page.next_cursor else "",
        "first_query": f"status={status}&show={show}",
    }
    return render(request, "compliance/case_list.html", context)


@login_required
def event_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    provider = get_provider_for_user_rw(request, public_id, to="licence", hub_team_only=True)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.licence_event_record(actor=request.user, provider=provider, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Recorded: {provider.name}, {result.event}.")
            if result.case is not None:
                return redirect(result.case)
            return redirect("provider_detail", public_id=provider.public_id)
    warning = next_b_rating_warning(provider.licence_events.all(), on=timezone.localdate())  # rule 4
    return render(request, "compliance/event_form.html", {"form": form, "provider": provider, "warning": warning})


def _after_event(event: LicenceEvent) -> HttpResponse:
    """Back to the event's case when it has one, else to the provider."""
    case = event.cases.order_by("-id").first()
    return redirect(case if case is not None else event.provider)


@login_required
def event_date(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The lead corrects a wrongly entered event date (its deadlines and reminders move with it)."""
    event = get_licence_event_for_user_rw(request, public_id)
    form = EventDateForm(request.POST or None, initial={"event_date": event.event_date})
    if request.method == "POST" and form.is_valid():
        try:
            licence_event_correct_date(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The date is {form.cleaned_data['event_date']:%-d %B %Y}.")
            return _after_event(event)
    corrections = list(event.date_corrections.select_related("corrected_by"))
    context = {"form": form, "event": event, "corrections": corrections}
    return render(request, "compliance/event_date.html", context)


@login_required
def event_fee(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The lead records the day a B-rated provider paid its action-plan fee (rule 3)."""
    event = get_licence_event_for_user_rw(request, public_id)
    form = FeePaidForm(request.POST or None, initial={"paid_on": event.fee_paid_on})
    if request.method == "POST" and form.is_valid():
        try:
            licence_event_fee_paid(actor=request.user, event=event, paid_on=form.cleaned_data["paid_on"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The action-plan fee is recorded as paid: its reminders stop.")
            return _after_event(event)
    return render(request, "compliance/event_fee.html", {"form": form, "event": event})


def next_steps(steps: list[Any], *, how_many: int = 3) -> list[Any]:
    """The steps still to do, the soonest due (so the overdue ones) first: what the page opens with."""
    return sorted((step for step in steps if not step.completed_at), key=lambda step: step.due_on)[:how_many]


@dataclass(frozen=True)
class StepProgress:
    """The case's steps as the page shows them: what is overdue first, then what is to do, then done."""

    overdue: list[Any]
    to_do: list[Any]
    done: list[Any]

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.to_do) + len(self.done)

    @property
    def percent(self) -> int:
        return round(100 * len(self.done) / self.total) if self.total else 0

    @property
    def open(self) -> list[Any]:
        return self.overdue + self.to_do


def step_progress(steps: list[Any], today: Any) -> StepProgress:
    open_steps = sorted((step for step in steps if not step.completed_at), key=lambda step: (step.due_on, step.pk))
    return StepProgress(
        overdue=[step for step in open_steps if step.due_on < today],
        to_do=[step for step in open_steps if step.due_on >= today],
        done=sorted((step for step in steps if step.completed_at), key=lambda step: step.completed_at),
    )


def worker_summary(counts: list[tuple[str, int]]) -> str:
    """ "12 affected workers: 9 not contacted, 1 contacted and 2 no response." (only the statuses held)."""
    total = sum(number for _, number in counts)
    if not total:
        return "No affected workers on record."
    parts = [f"{number} {label[0].lower()}{label[1:]}" for label, number in counts if number]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{total} affected worker{'s' if total != 1 else ''}: {listed}."


@login_required
def case_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    case = get_compliance_case_for_user(request, public_id)
    scope = scope_for(request.user)
    hub_team = scope.is_hub_team(case.region_id)
    context: dict[str, Any] = {
        "case": case,
        "event": case.event,
        "steps": list(case.steps.select_related("assignee")),
        "entries": list(selectors.case_entries(case, council=not hub_team)),
        "counts": selectors.worker_counts(case),
        "hub_team": hub_team,
        "is_lead": scope.is_lead(case.region_id),
        "today": timezone.localdate(),
    }
    context["progress"] = step_progress(context["steps"], context["today"])
    context["worker_summary"] = worker_summary(context["counts"])
    if not hub_team:
        # The council's own requests to the hub about this provider (issue 16 item 4), newest first.
        context["support_requests"] = list(
            advice_requests_visible_to(request.user).filter(about_provider=case.provider_id).order_by("-raised_at")[:20]
        )
        return render(request, "compliance/case_council.html", context)
    context["workers"] = selectors.worker_rows(case)
    context["next_steps"] = next_steps(context["steps"])
    context["worker_statuses"] = WorkerStatusForm.base_fields["status"].choices  # type: ignore[attr-defined]
    context["entry_form"] = EntryForm()
    return render(request, "compliance/case_detail.html", context)


@login_required
def case_status(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    case = get_compliance_case_for_user_rw(request, public_id, to="decide", related=["provider"])
    form = CaseStatusForm(request.POST or None, initial={"status": case.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_transition(
                actor=request.user, case=case, to_status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The case's status was changed.")
            return redirect(case)
    return render(request, "compliance/case_status.html", {"form": form, "case": case})


@login_required
def case_owner(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """Hand the case to another lead of the region, or change its priority (leads only)."""
    case = get_compliance_case_for_user_rw(request, public_id, to="decide", related=["provider", "owner"])
    form = CaseOwnerForm(
        request.POST or None,
        leads=region_people(case.region_id, [Role.LEAD]),
        initial={"owner": case.owner_id, "priority": case.priority},
    )
    if request.method == "POST" and form.is_valid():
        owner, priority = form.cleaned_data["owner"], form.cleaned_data["priority"]
        unchanged = owner.pk == case.owner_id and priority == case.priority
        try:
            services.case_reassign(actor=request.user, case=case, owner=owner, priority=priority)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if unchanged:
                messages.info(request, "Nothing changed: the case keeps its owner and priority.")
            else:
                messages.success(request, "The case's owner and priority are saved.")
            return redirect(case)
    return render(request, "compliance/case_owner.html", {"form": form, "case": case})


@login_required
def entry_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    case = get_compliance_case_for_user_rw(request, public_id)
    form = EntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_add_entry(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Added to the timeline.")
            return redirect(case)
    return render(request, "compliance/entry_form.html", {"form": form, "case": case})


@login_required
def council_note_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """A council officer adds a note for the hub (the hub team: 403, their notes are "Add to the timeline")."""
    case = get_compliance_case_for_user_rw(request, public_id, to="council_note")
    form = CouncilNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_add_council_note(actor=request.user, case=case, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Your note is on the case: the hub team can read it.")
            return redirect(case)
    return render(request, "compliance/council_note_form.html", {"form": form, "case": case})


@login_required
def entry_download(request: AuthenticatedRequest, public_id: UUID) -> HttpResponseBase:
    entry = get_case_entry_file_for_user(request, public_id)
    return stored_file_response(
        entry_document_path(entry), filename=entry.document_name, content_type=entry.content_type
    )


def _hub_people(case: ComplianceCase) -> Any:
    return region_people(case.region_id, [Role.LEAD, Role.HUB_STAFF])


@login_required
def step_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    step = get_case_step_for_user_rw(request, public_id)
    return _step_page(request, step, done_form=StepCompleteForm(), edit_form=_step_edit_form(step))


@login_required
@require_POST
def step_complete_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    step = get_case_step_for_user_rw(request, public_id)
    form = StepCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.step_complete(actor=request.user, step=step, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Step “{step.title}” saved.")
            return redirect(step.case)
    return _step_page(request, step, done_form=form, edit_form=_step_edit_form(step))


@login_required
@require_POST
def step_update_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    step = get_case_step_for_user_rw(request, public_id)
    form = _step_edit_form(step, request.POST)
    if form.is_valid():
        try:
            services.step_update(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Step “{step.title}” saved.")
            return redirect(step.case)
    return _step_page(request, step, done_form=StepCompleteForm(), edit_form=form)


def _step_edit_form(step: CaseStep, data: QueryDict | None = None) -> StepEditForm:
    return StepEditForm(
        data,
        people=_hub_people(step.case),
        initial={"due_on": step.due_on, "assignee": step.assignee.public_id if step.assignee else None},
    )


def _step_page(
    request: AuthenticatedRequest, step: CaseStep, *, done_form: StepCompleteForm, edit_form: StepEditForm
) -> HttpResponse:
    context = {
        "step": step,
        "case": step.case,
        "done_form": done_form,
        "edit_form": edit_form,
        "form": done_form if done_form.is_bound else edit_form,  # the one the error summary is about
    }
    return render(request, "compliance/step_detail.html", context)


@login_required
def workers_add(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    case = get_compliance_case_for_user_rw(request, public_id)
    form = WorkerListForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = workers.workers_add_from_list(actor=request.user, case=case, text=form.cleaned_data["text"])
        if report.ok:
            messages.success(
                request,
                f"{report.created + report.linked} workers added ({report.created} new records marked unverified, "
                f"{report.linked} already on record); {report.already} were on the case already.",
            )
            return redirect(case)
    return render(request, "compliance/workers_add.html", {"form": form, "case": case, "report": report})


@login_required
@require_POST
def worker_status(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    worker = get_affected_worker_for_user_rw(request, public_id)
    form = WorkerStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the statuses listed.")
    else:
        try:
            workers.worker_set_status(actor=request.user, worker=worker, status=form.cleaned_data["status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(f"{worker.case.get_absolute_url()}#workers")


@login_required
def workers_rematch(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    case = get_compliance_case_for_user_rw(request, public_id)
    error = None
    if request.method == "POST":
        try:
            result = workers.workers_open_rematch_for_all(actor=request.user, case=case)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                f"Rematch requests opened for {result.opened} workers; {result.already_open} already had one"
                f" and {result.left_out} are placed, have left or work elsewhere.",
            )
            return redirect(case)
    count = case.workers.count()
    return render(request, "compliance/workers_rematch.html", {"case": case, "count": count, "error": error})


@login_required
def case_pdf(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    case = get_compliance_case_for_user(request, public_id, hub_team_only=True)
    context = {
        "case": case,
        "event": case.event,
        "steps": list(case.steps.select_related("assignee", "completed_by")),
        "entries": list(case.entries.exclude(kind="system").select_related("author")),
        "counts": selectors.worker_counts(case),
        "total": case.workers.count(),
    }
    content = pdf_render(
        template="pdf/compliance_case.html", context=context, title=f"Compliance case: {case.provider.name}"
    )
    return pdf_response(content, filename=f"compliance-case-{case.public_id}.pdf")


CSV_HEADER = ["given names", "family name", "status on the case", "source", "unverified record", "leave ends", "clock"]


@login_required
def case_workers_csv(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    """The lead's list of affected workers (personal data: leads of the region only)."""
    case = get_compliance_case_for_user(request, public_id, hub_team_only=True)
    require_lead(request, case.region_id, "The list of affected workers is for the region's lead.")
    access_record_export(request, what=f"affected workers of {case.provider.name} (CSV)", regions=[case.region_id])
    rows = (
        [
            row.worker.recruit.given_names,
            row.worker.recruit.family_name,
            row.worker.get_status_display(),
            row.worker.get_source_display(),
            "yes" if row.worker.recruit.unverified else "no",
            row.leave_end.isoformat() if row.leave_end else "",
            row.clock_text,
        ]
        for row in selectors.worker_rows(case)
    )
    return csv_response(f"affected-workers-{case.public_id}.csv", CSV_HEADER, rows)
