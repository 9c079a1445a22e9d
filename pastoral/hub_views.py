"""The hub team's pastoral pages: the queues and completion figures, CSV exports, each hub's
schedule and signposting, and booklet authoring."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseFormSet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accesslog.services import access_record_export
from accounts.http import AuthenticatedRequest
from hubs.access import get_hub_for_user, hubs_visible_to, scope_for
from hubs.models import Hub
from pastoral import booklet as booklets
from pastoral import selectors, services
from pastoral.access import get_booklet_for_user_rw, get_booklet_section_for_user_rw
from pastoral.forms import PublishForm, ScheduleForm, SectionForm, SignpostForm, SignpostFormSet
from pastoral.models import Booklet, BookletSection, step_label
from pastoral.signposts import signposts_for, signposts_save
from portal.exports import csv_response
from portal.forms import add_service_errors, posted
from portal.home import snapshots
from portal.markdown import markdown_render
from providers.access import providers_visible_to


def _hub_team_only(request: AuthenticatedRequest) -> None:
    if not scope_for(request.user).on_a_hub_team:
        raise Http404("Pastoral queues are the hub team's")


def _filters(request: AuthenticatedRequest) -> tuple[selectors.Filters, dict[str, Any]]:
    provider = hub = None
    provider_id, hub_id = _uuid(request.GET.get("provider", "")), _uuid(request.GET.get("hub", ""))
    if provider_id is not None:
        provider = providers_visible_to(request.user).filter(public_id=provider_id).first()
    if hub_id is not None:
        hub = hubs_visible_to(request.user).filter(public_id=hub_id).first()
    chosen = {"provider": provider, "hub": hub}
    return selectors.Filters(provider=provider, hub_id=hub.pk if hub else None), chosen


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


EMPLOYERS_SHOWN = 20


@login_required
def pastoral_overview(request: AuthenticatedRequest) -> HttpResponse:
    _hub_team_only(request)
    filters, chosen = _filters(request)
    queue = request.GET.get("show", "overdue")
    if queue not in selectors.QUEUES:
        queue = "overdue"
    regions = scope_for(request.user).hub_regions
    if filters == selectors.Filters():
        # The whole region: the rates over a year of check-ins are stored (portal/home/snapshots.py).
        rates = snapshots.pastoral_rates(user=request.user, region_ids=regions)
        by_month, by_provider, rates_as_of = rates.value["by_month"], rates.value["by_provider"], rates.label
    else:
        by_month = selectors.completion_by_month(user=request.user, filters=filters)
        by_provider = selectors.completion_by_provider(user=request.user, filters=filters)
        rates_as_of = ""
    context = {
        "queue": queue,
        "queues": selectors.QUEUES,
        "counts": selectors.queue_counts(user=request.user, filters=filters),
        "page": selectors.queue_page(user=request.user, queue=queue, filters=filters, after=request.GET.get("after")),
        # The employers that need the hub most: the lowest share done first (a region has hundreds;
        # all of them are in the CSV).
        "by_provider": sorted(by_provider, key=lambda rate: (rate.percent, -rate.due, rate.label))[:EMPLOYERS_SHOWN],
        "employers_total": len(by_provider),
        "by_month": by_month,
        "rates_as_of": rates_as_of,
        "chart": selectors.chart(by_month),
        "providers": providers_visible_to(request.user)
        .filter(region_id__in=regions)
        .order_by("name")
        .only("public_id", "name"),
        "hubs": hubs_visible_to(request.user).order_by("name").only("public_id", "name"),
        "chosen": chosen,
        "query": request.GET.urlencode(),
        "filter_query": "&".join(f"{k}={request.GET[k]}" for k in ("provider", "hub") if request.GET.get(k)),
    }
    return render(request, "pastoral/overview.html", context)


EXPORTS = ("due", "overdue", "red", "concerns", "by_provider", "by_month")


@login_required
def pastoral_export(request: AuthenticatedRequest, table: str) -> HttpResponse:
    """CSV of one queue or figure, with the page's filters. Hub team only: it names people."""
    _hub_team_only(request)
    if table not in EXPORTS:
        raise Http404("No such export")
    filters, _ = _filters(request)
    header, rows = _export_rows(request, table, filters)
    access_record_export(request, what=f"pastoral {table} (CSV)", regions=scope_for(request.user).hub_regions)
    return csv_response(f"pastoral-{table}.csv", header, rows)


def _export_rows(request: AuthenticatedRequest, table: str, filters: Any) -> tuple[list[str], Iterable[list[Any]]]:
    if table in ("by_provider", "by_month"):
        rates = (selectors.completion_by_provider if table == "by_provider" else selectors.completion_by_month)(
            user=request.user, filters=filters
        )
        header = ["provider" if table == "by_provider" else "month", "due", "done", "percent done"]
        return header, ([rate.label, rate.due, rate.done, rate.percent] for rate in rates)
    queue = selectors.queue_rows(user=request.user, queue=table, filters=filters)
    if table == "concerns":
        header = ["opened", "recruit", "employer", "categories", "status", "owner", "referral"]
        return header, (
            [
                f"{concern.opened_at:%Y-%m-%d}",
                concern.recruit.full_name,
                concern.recruit.provider.name if concern.recruit.provider else "",
                "; ".join(concern.get_categories_display()),
                concern.get_status_display(),
                (concern.owner.name or concern.owner.email) if concern.owner else "",
                concern.get_referral_display() if concern.referral else "",
            ]
            for concern in queue.iterator(chunk_size=500)
        )
    # A region's queue can hold tens of thousands of check-ins: read the columns, not four model
    # instances a row (a fifth of the time at 17,500 rows).
    header = ["recruit", "employer", "check-in", "due", "done", "red"]
    columns = (
        "plan__recruit__given_names", "plan__recruit__family_name", "provider__name",
        "step", "due_date", "done_on", "red",
    )  # fmt: skip
    return header, (
        [
            f"{given} {family}",
            provider or "",
            step_label(step),
            f"{due:%Y-%m-%d}",
            f"{done:%Y-%m-%d}" if done else "",
            "yes" if red else "no",
        ]
        for given, family, provider, step, due, done, red in queue.values_list(*columns).iterator(chunk_size=2000)
    )


# -- a hub's schedule and signposting ----------------------------------------------------------


@login_required
def pastoral_hub_settings(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    hub = get_hub_for_user(request, public_id)
    return _hub_settings_page(request, hub)


@login_required
@require_POST
def pastoral_schedule_update_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    hub = get_hub_for_user(request, public_id)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            changed = services.pastoral_schedule_update(
                actor=request.user,
                hub=hub,
                steps=form.cleaned_data["steps"],
                apply_to_plans=form.cleaned_data["apply_to_plans"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            extra = f" {changed} plans under way moved to it." if changed else " Plans under way keep their dates."
            messages.success(request, "The schedule was saved." + extra)
            return redirect("pastoral_hub_settings", hub.public_id)
    return _hub_settings_page(request, hub, schedule_form=form)


@login_required
@require_POST
def pastoral_signposts_save(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    hub = get_hub_for_user(request, public_id)
    formset = _signpost_forms(hub, request.POST)
    if formset.is_valid():
        rows = [f.cleaned_data for f in formset if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        signposts_save(hub=hub, rows=rows)
        messages.success(request, "Where to get help was saved.")
        return redirect("pastoral_hub_settings", hub.public_id)
    return _hub_settings_page(request, hub, signpost_forms=formset)


def _signpost_forms(hub: Hub, data: QueryDict | None = None) -> BaseFormSet[SignpostForm]:
    initial = [
        {"name": s.name, "description": s.description, "phone": s.phone, "url": s.url} for s in signposts_for(hub)
    ]
    return SignpostFormSet(data, initial=initial, prefix="signposts")


def _hub_settings_page(
    request: AuthenticatedRequest,
    hub: Hub,
    *,
    schedule_form: ScheduleForm | None = None,
    signpost_forms: BaseFormSet[SignpostForm] | None = None,
) -> HttpResponse:
    """The settings page, with the form just sent (and its errors) in place of its filled-in copy."""
    if schedule_form is None:
        schedule_form = ScheduleForm(initial={"steps": ", ".join(services.hub_steps(hub))})
    if signpost_forms is None:
        signpost_forms = _signpost_forms(hub)
    context = {
        "hub": hub,
        "is_lead": scope_for(request.user).is_lead(hub.region_id),
        "schedule_form": schedule_form,
        "signpost_forms": signpost_forms,
        "booklet": Booklet.objects.filter(hub=hub).first(),
    }
    status = (
        400 if (schedule_form.errors or any(f.errors for f in signpost_forms.forms if signpost_forms.is_bound)) else 200
    )
    return render(request, "pastoral/hub_settings.html", context, status=status)


# -- booklet authoring -------------------------------------------------------------------------


@login_required
@require_POST
def pastoral_booklet_create(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    hub = get_hub_for_user(request, public_id)
    booklet = booklets.booklet_create(actor=request.user, hub=hub)
    return redirect("pastoral_booklet_edit", booklet.public_id)


@login_required
def pastoral_booklet_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    booklet = get_booklet_for_user_rw(request, public_id, related=["hub"])
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = booklets.booklet_publish(actor=request.user, booklet=booklet, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Version {version.number} is published; recruits see it now.")
            return redirect("pastoral_booklet_edit", booklet.public_id)
    draft = list(booklet.sections.filter(version__isnull=True).order_by("order", "id"))
    for section in draft:
        section.html = markdown_render(section.body)  # type: ignore[attr-defined]
    context = {
        "booklet": booklet,
        "draft": draft,
        "versions": list(booklet.versions.select_related("published_by")[:10]),
        "form": form,
    }
    return render(request, "pastoral/booklet_edit.html", context, status=400 if form.errors else 200)


@login_required
def pastoral_section_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    booklet = get_booklet_for_user_rw(request, public_id)
    return _section_form(request, booklet, None)


@login_required
def pastoral_section_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    section = get_booklet_section_for_user_rw(request, public_id)
    return _section_form(request, section.booklet, section)


@login_required
@require_POST
def pastoral_section_delete(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    section = get_booklet_section_for_user_rw(request, public_id)
    booklets.booklet_section_delete(actor=request.user, section=section)
    messages.success(request, f"“{section.heading}” was removed from the draft.")
    return redirect("pastoral_booklet_edit", section.booklet.public_id)


def _section_form(request: AuthenticatedRequest, booklet: Booklet, section: BookletSection | None) -> HttpResponse:
    form = SectionForm(posted(request), instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            booklets.booklet_section_save(actor=request.user, booklet=booklet, data=form.cleaned_data, section=section)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The section was saved in the draft. Publish to show it to recruits.")
            return redirect("pastoral_booklet_edit", booklet.public_id)
    preview = markdown_render(form.data.get("body", "") if form.is_bound else (section.body if section else ""))
    context = {"booklet": booklet, "section": section, "form": form, "preview": preview}
    return render(request, "pastoral/section_form.html", context, status=400 if form.errors else 200)
