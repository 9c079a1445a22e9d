"""Logging who read a recruit's sensitive details (the access log), and the recruit's own view of it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accesslog.models import Action, Detail
from accesslog.selectors import access_log_of_subject
from accesslog.services import access_record
from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from recruits.models import Recruit

# What each tab of the recruit page shows that the log records.
TAB_DETAILS = {
    "profile": (Detail.IDENTITY, "passport and identity details"),
    "immigration": (Detail.IMMIGRATION, "visa, CoS, right-to-work and DBS details"),
}
PAGE_SIZE = 100


def recruit_read_record(request: HttpRequest, recruit: Recruit, *, detail: Detail, what: str, action: Action) -> None:
    """Log a read of the recruit's details by anyone but the recruit."""
    if recruit.pk == scope_for(request.user).recruit_id:
        return
    access_record(
        request,
        action=action,
        detail=detail,
        what=what,
        region_id=recruit.region_id,
        subject=("recruit", recruit.public_id),
    )


def recruit_tab_read(request: HttpRequest, recruit: Recruit, tab: str) -> None:
    if tab in TAB_DETAILS:
        detail, what = TAB_DETAILS[tab]
        recruit_read_record(request, recruit, detail=detail, what=what, action=Action.VIEW)


@login_required
def recruit_my_record_reads(request: AuthenticatedRequest) -> HttpResponse:
    """Who at the hub or the employer looked at the recruit's details: the recruit's own page."""
    recruit_id = scope_for(request.user).recruit_id
    if recruit_id is None:
        raise Http404("Only recruits have their own record here")
    recruit = Recruit.objects.only("public_id").get(pk=recruit_id)
    reads = list(access_log_of_subject("recruit", recruit.public_id)[:PAGE_SIZE])
    return render(request, "recruits/my_record_reads.html", {"reads": reads, "page_size": PAGE_SIZE})
