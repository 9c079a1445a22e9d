"""The home page's work queue: what needs the user today, most urgent first, one click from each record.

Each section costs one query (its first lines, each carrying the section's size as a window
count), whatever the number of rows, so the home page answers in a fixed number of queries. Every
section reads through the apps' access scopes: a user sees only their own regions' (or
providers', or councils') work. A concern's
content never appears here: a line names the worker and the date, and only the hub team gets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone

from compliance.access import compliance_cases_visible_to, compliance_cases_workable_by
from compliance.models import CaseStatus, CaseStep
from hubs.access import scope_for
from notifications.access import reminders_operable_by
from notifications.actions import reminder_failure_action
from notifications.models import Reminder
from pastoral.access import concerns_visible_to
from pastoral.models import ConcernStatus
from recruits.access import duties_visible_to
from recruits.leave import days_left_text
from recruits.models import Recruit
from rematch.access import rematch_requests_visible_to
from rematch.models import OPEN_STATUSES

SHOWN = 5  # lines per section; the section's link leads to all of them
LEAVE_END_DAYS = 14  # workers this close to their leave end without a placement come first
VISA_DAYS = 90  # a provider's workers whose visa expires within this many days


@dataclass(frozen=True)
class Line:
    link_text: str  # the record, linked
    url: str
    detail: str  # what is due, in words
    urgent: bool = False


@dataclass
class Section:
    key: str
    title: str
    total: int
    list_url: str
    list_text: str
    lines: list[Line] = field(default_factory=list)


def _days(n: int, word: str = "day") -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _late(due: dt.date, today: dt.date) -> str:
    late = (today - due).days
    return f"{_days(late)} overdue (due {due:%-d %B %Y})" if late > 0 else f"due today ({due:%-d %B %Y})"


def _section(key: str, title: str, rows: QuerySet[Any], list_url: str, list_text: str, line: Any) -> Section:
    # COUNT(*) OVER () is worked out over every matching row before the LIMIT: the first lines and
    # the section's size in one query.
    shown = list(rows.annotate(section_total=Window(Count("*")))[:SHOWN])
    return Section(
        key=key,
        title=title,
        total=shown[0].section_total if shown else 0,
        list_url=list_url,
        list_text=list_text,
        lines=[line(row) for row in shown],
    )


# The hub team ----------------------------------------------------------------------------------


def _leave_end_rows(user: Any, today: dt.date) -> QuerySet[Any]:
    return (
        rematch_requests_visible_to(user)
        .filter(
            region_id__in=scope_for(user).hub_regions,
            status__in=OPEN_STATUSES,
            leave_end__lte=today + dt.timedelta(days=LEAVE_END_DAYS),
        )
        .select_related("recruit")
        .order_by("leave_end", "id")
    )


def _leave_end_line(today: dt.date) -> Any:
    def line(request: Any) -> Line:
        days = (request.leave_end - today).days
        return Line(request.worker_name, request.get_absolute_url(), f"{days_left_text(days)}, no placement yet", True)

    return line


def _open_steps(user: Any) -> QuerySet[CaseStep]:
    return CaseStep.objects.filter(
        case__in=compliance_cases_workable_by(user).exclude(status=CaseStatus.CLOSED), completed_at__isnull=True
    )


def _step_line(today: dt.date) -> Any:
    def line(step: CaseStep) -> Line:
        late = _late(step.due_on, today)
        return Line(f"{step.title}: {step.case.provider.name}", step.get_absolute_url(), late, True)

    return line


def _concern_line(concern: Any) -> Line:
    what = "Red check-in" if concern.check_in_id and concern.check_in and concern.check_in.red else "Concern"
    owner = f"owned by {concern.owner.get_full_name() or concern.owner.email}" if concern.owner else "no owner yet"
    return Line(
        f"{what}: {concern.recruit.full_name}",
        concern.get_absolute_url(),
        f"raised {timezone.localtime(concern.opened_at):%-d %B %Y}, {owner}",
        concern.status == ConcernStatus.ESCALATED,
    )


def _open_concerns(user: Any) -> QuerySet[Any]:
    return (
        concerns_visible_to(user)
        .exclude(status=ConcernStatus.CLOSED)
        .select_related("recruit", "check_in", "owner")
        .order_by("opened_at", "id")
    )


def _duty_line(today: dt.date) -> Any:
    def line(duty: Any) -> Line:
        record = duty.recruit or duty.provider
        name = f"{duty.get_kind_display()}: {record.full_name if duty.recruit else record.name}"
        return Line(name, record.get_absolute_url(), f"{duty.provider.name} to report, {_late(duty.deadline, today)}")

    return line


def _reminder_line(reminder: Reminder) -> Line:
    action = reminder_failure_action(reminder)
    return Line(f"{action.text}: {action.link_text}", action.url, "a reminder could not be sent", False)


def hub_queue(*, user: Any, today: dt.date | None = None) -> list[Section]:
    """What needs a lead or hub staff member today, most urgent first. Leads also see failed reminders."""
    today = today or timezone.localdate()
    scope = scope_for(user)
    sections = [
        _section(
            "leave_end",
            f"Workers with {LEAVE_END_DAYS} days or fewer to their leave end and no placement",
            _leave_end_rows(user, today),
            f"{reverse('rematch_board')}?within={LEAVE_END_DAYS}",
            "All of them on the rematch board",
            _leave_end_line(today),
        ),
        _section(
            "steps",
            "Overdue compliance case steps",
            _open_steps(user).filter(due_on__lt=today).select_related("case__provider").order_by("due_on", "id"),
            f"{reverse('case_list')}?show=overdue",
            "Cases with overdue steps",
            _step_line(today),
        ),
        _section(
            "concerns",
            "Red check-ins and open concerns without an owner",
            _open_concerns(user).filter(owner__isnull=True),
            f"{reverse('pastoral_overview')}?show=concerns",
            "All open concerns",
            _concern_line,
        ),
        _section(
            "duties",
            "Overdue reporting duties",
            duties_visible_to(user)
            .filter(reported_on__isnull=True, deadline__lt=today)
            .select_related("recruit", "provider")
            .order_by("deadline", "id"),
            f"{reverse('duty_list')}?show=overdue",
            "All overdue reporting duties",
            _duty_line(today),
        ),
    ]
    if scope.lead_regions:
        sections.append(
            _section(
                "reminders",
                "Reminders that could not be sent",
                reminders_operable_by(user)
                .filter(status=Reminder.Status.FAILED)
                .select_related("local_authority", "provider", "region")
                .order_by("-due_at", "-id"),
                reverse("notification_operations"),
                "All of them on the Reminders page",
                _reminder_line,
            )
        )
    return sections


def hub_assigned_to_me(*, user: Any, today: dt.date | None = None) -> list[Section]:
    """Open work whose owner or assignee is the user: rematch requests, case steps, concerns."""
    today = today or timezone.localdate()
    me = scope_for(user).user_id

    def request_line(request: Any) -> Line:
        days = (request.leave_end - today).days if request.leave_end else None
        return Line(
            request.worker_name,
            request.get_absolute_url(),
            f"{request.get_status_display()}, {days_left_text(days).lower()}",
            days is not None and days <= LEAVE_END_DAYS,
        )

    def step_line(step: CaseStep) -> Line:
        late = step.due_on < today
        when = _late(step.due_on, today) if step.due_on <= today else f"due {step.due_on:%-d %B %Y}"
        return Line(f"{step.title}: {step.case.provider.name}", step.get_absolute_url(), when, late)

    return [
        _section(
            "my_requests",
            "Rematch requests you own",
            rematch_requests_visible_to(user)
            .filter(region_id__in=scope_for(user).hub_regions, status__in=OPEN_STATUSES, owner_id=me)
            .select_related("recruit")
            .order_by("leave_end", "id"),
            f"{reverse('rematch_board')}?owner=me",
            "All your requests on the rematch board",
            request_line,
        ),
        _section(
            "my_steps",
            "Case steps for you",
            _open_steps(user)
            .filter(Q(assignee_id=me) | Q(assignee__isnull=True, case__owner_id=me))
            .select_related("case__provider")
            .order_by("due_on", "id"),
            f"{reverse('case_list')}?show=mine",
            "Your cases",
            step_line,
        ),
        _section(
            "my_concerns",
            "Concerns you own",
            _open_concerns(user).filter(owner_id=me),
            f"{reverse('pastoral_overview')}?show=concerns",
            "All open concerns",
            _concern_line,
        ),
    ]


# Providers, councils ---------------------------------------------------------------------------


def provider_queue(*, user: Any, today: dt.date | None = None) -> list[Section]:
    """A provider's open rematch requests and its workers' visa deadlines (duties have their own table)."""
    today = today or timezone.localdate()
    scope = scope_for(user)

    def request_line(request: Any) -> Line:
        days = (request.leave_end - today).days if request.leave_end else None
        return Line(
            request.worker_name,
            request.get_absolute_url(),
            f"{request.get_status_display()}, {days_left_text(days).lower()}",
            days is not None and days <= LEAVE_END_DAYS,
        )

    def visa_line(recruit: Any) -> Line:
        days = (recruit.visa_expiry - today).days
        when = f"visa expires in {_days(days)}" if days else "visa expires today"
        when = f"{when} ({recruit.visa_expiry:%-d %B %Y})"
        return Line(recruit.full_name, recruit.get_absolute_url(), when, days < 30)

    return [
        _section(
            "rematch",
            "Open requests to find your workers a new employer",
            rematch_requests_visible_to(user)
            .filter(provider_id__in=scope.providers, status__in=OPEN_STATUSES)
            .select_related("recruit")
            .order_by("leave_end", "id"),
            reverse("rematch_board"),
            "All your requests",
            request_line,
        ),
        _section(
            "visas",
            f"Workers whose visa expires within {VISA_DAYS} days",
            Recruit.objects.filter(
                provider_id__in=scope.providers,
                visa_expiry__gte=today,
                visa_expiry__lte=today + dt.timedelta(days=VISA_DAYS),
            ).order_by("visa_expiry", "id"),
            f"{reverse('recruit_list')}?visa={VISA_DAYS}",
            "All of them",
            visa_line,
        ),
    ]


def council_queue(*, user: Any, today: dt.date | None = None) -> list[Section]:
    """The council's open cases with a step past its date: the provider and how many steps."""
    today = today or timezone.localdate()
    overdue = CaseStep.objects.filter(case=OuterRef("pk"), completed_at__isnull=True, due_on__lt=today)
    cases = (
        compliance_cases_visible_to(user)
        .exclude(status=CaseStatus.CLOSED)
        .filter(Exists(overdue))
        .annotate(overdue=Count("steps", filter=Q(steps__completed_at__isnull=True, steps__due_on__lt=today)))
        .select_related("provider")
        .order_by("opened_at", "id")
    )

    def line(case: Any) -> Line:
        return Line(case.provider.name, case.get_absolute_url(), f"{_days(case.overdue, 'step')} overdue", True)

    return [
        _section(
            "cases",
            "Open compliance cases with overdue steps",
            cases,
            f"{reverse('case_list')}?show=overdue",
            "All of them",
            line,
        )
    ]
