"""The inbox, email and calendar settings, and the leads' operations page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from accounts.models import User
from hubs.access import require_lead, scope_for
from notifications import calendar, selectors, services
from notifications.access import get_notification_email_for_user_rw, get_notification_for_user, get_reminder_for_user_rw
from notifications.emails import notification_email_retry
from notifications.forms import PreferencesForm
from notifications.inbox import inbox_mark_all_read, inbox_mark_read, preferences_save
from notifications.kinds import kind_for, kinds_for_roles
from notifications.models import CalendarFeed, Notification, Reminder
from notifications.services import link_for


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    page = selectors.inbox_page(user=request.user, after=request.GET.get("after"))
    rows = [(n, kind_for(n.kind)) for n in page.items]
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "rows": rows,
            "next_query": f"after={page.next_cursor}" if page.next_cursor else "",
            "first_query": "",
            "page_is_later": bool(request.GET.get("after")),
        },
    )


@login_required
def inbox_open(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Opening an item (from the inbox or an email) marks it read and goes to its page."""
    notification = get_notification_for_user(request, public_id)
    inbox_mark_read(notification=notification)
    safe = url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None) and notification.link.startswith("/")
    return redirect(notification.link if safe else reverse("home"))


@login_required
@require_POST
def inbox_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = inbox_mark_all_read(user=request.user)
    messages.success(request, f"Marked {count} item{'s' if count != 1 else ''} as read.")
    return redirect("inbox")


@login_required
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = PreferencesForm(
        request.POST or None,
        kinds=kinds_for_roles(scope.roles),
        current=selectors.email_modes_of(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, modes=form.cleaned_data)
        messages.success(request, "Your email choices are saved.")
        return redirect("notification_settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "lead": bool(scope.lead_regions),
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
            "new_feed_url": request.session.pop("new_calendar_url", None),
        },
    )


@login_required
@require_POST
def calendar_feed_new(request: AuthenticatedRequest) -> HttpResponse:
    token = calendar.calendar_feed_create(user=request.user)
    # Shown once, on the next page: only the token's hash is kept.
    request.session["new_calendar_url"] = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    messages.success(request, "Your calendar address is ready. Any address you made before no longer works.")
    return redirect(reverse("notification_settings") + "#calendar")


@login_required
@require_POST
def calendar_feed_revoke_view(request: AuthenticatedRequest) -> HttpResponse:
    calendar.calendar_feed_revoke(user=request.user)
    messages.success(request, "Your calendar address no longer works. Calendars that used it will stop updating.")
    return redirect(reverse("notification_settings") + "#calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The ICS feed: the token is the only credential (calendar apps cannot sign in)."""
    user = calendar.calendar_feed_user(token=token)
    if user is None:
        raise Http404("No such calendar")
    response = HttpResponse(
        calendar.calendar_ics(events=calendar.calendar_events(user=user)), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="ir-hub-portal.ics"'
    return response


def _require_lead(request: AuthenticatedRequest) -> None:
    require_lead(request, message="The operations page is for regional IR leads.")


@login_required
def operations(request: AuthenticatedRequest) -> HttpResponse:
    _require_lead(request)
    return render(request, "notifications/operations.html", {"sections": _operation_sections(request.user)})


# What a lead can do about a failure, by the words of the error the engine recorded.
PROBLEMS = [
    (
        "No active recipient",
        "Nobody to send it to: no active person with an email address holds this role here. "
        "Invite someone to the role, then try again.",
    ),
    ("SMTP", "The email server refused it or could not be reached. Try again later."),
    ("Connection", "The email server could not be reached. Try again later."),
    ("timed out", "The email server did not answer in time. Try again later."),
]


def problem_text(error: str, attempts: int) -> str:
    """The recorded error in words a lead can act on; the technical detail stays in the logs."""
    tries = f"after {attempts} {'try' if attempts == 1 else 'tries'}"
    if not error:
        return f"Not sent yet ({tries})." if attempts else "Not sent yet."
    for words, advice in PROBLEMS:
        if words.lower() in error.lower():
            return f"{advice} (Failed {tries}.)"
    return f"It could not be sent ({tries}). If trying again does not help, tell the portal's administrators."


def _operation_sections(user: User) -> list[dict[str, object]]:
    ops = selectors.operations_for(user=user)

    def reminder_row(reminder: Reminder) -> dict[str, object]:
        to = reminder.recipient.email if reminder.recipient else reminder.get_recipient_role_display()
        if reminder.provider or reminder.local_authority:
            to = f"{to}s of {reminder.provider or reminder.local_authority}"
        return {
            "label": kind_for(reminder.kind).label,
            "about": reminder.about,
            "about_url": link_for(reminder.about, user) if reminder.about else "",
            "when": reminder.due_at,
            "to": to,
            "problem": problem_text(reminder.last_error, reminder.attempts),
            "retry_url": reverse("reminder_retry", args=[reminder.public_id]),
        }

    def email_row(notification: Notification) -> dict[str, object]:
        about = notification.reminder.about
        return {
            "label": kind_for(notification.kind).label,
            "about": about,
            "about_url": link_for(about, user) if about else "",
            "when": notification.created_at,
            "to": notification.user.email,
            "problem": problem_text(notification.email_error, notification.email_attempts),
            "retry_url": reverse("email_retry", args=[notification.public_id]),
        }

    return [
        {"title": "Failed reminders", "when_label": "Due to go out", "retry": True,
         "rows": [reminder_row(r) for r in ops.failed_reminders]},
        {"title": "Failed emails", "when_label": "Created", "retry": True,
         "rows": [email_row(n) for n in ops.failed_emails]},
        {"title": "Late reminders", "when_label": "Due to go out", "retry": False,
         "rows": [reminder_row(r) for r in ops.overdue_reminders]},
        {"title": "Late emails", "when_label": "Created", "retry": False,
         "rows": [email_row(n) for n in ops.overdue_emails]},
    ]  # fmt: skip


@login_required
@require_POST
def reminder_retry_view(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    reminder = get_reminder_for_user_rw(request, public_id)
    services.reminder_retry(reminder=reminder)
    messages.success(request, "The reminder will be sent again within a few minutes.")
    return redirect("notification_operations")


@login_required
@require_POST
def email_retry(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    notification = get_notification_email_for_user_rw(request, public_id)
    notification_email_retry(notification=notification)
    messages.success(request, "The email will be sent again within a few minutes.")
    return redirect("notification_operations")
