"""A person's data rights, handled by their region's IR lead: what the portal holds about them,
the subject access export (one ZIP) and erasure (docs/SECURITY.md, "Data rights")."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accesslog.forms import ErasureConfirmForm
from accesslog.models import Action, Detail
from accesslog.rights import SubjectKind, personal_data_sources, subject_erase, subject_kind
from accesslog.rights_export import subject_export
from accesslog.services import access_record
from accounts.http import AuthenticatedRequest
from portal.exports import file_response


def _kind(kind: str) -> SubjectKind:
    found = subject_kind(kind)
    if found is None:
        raise Http404("Not found")
    return found


def _log(request: AuthenticatedRequest, kind: SubjectKind, subject: Any, *, action: Action, what: str) -> None:
    access_record(
        request,
        action=action,
        detail=Detail.PERSONAL_DATA,
        what=what,
        region_id=kind.region_id(subject),
        subject=(kind.kind, subject.public_id),
    )


@login_required
def rights_page(request: AuthenticatedRequest, public_id: UUID, kind: str) -> HttpResponse:
    subject_kind = _kind(kind)
    subject = subject_kind.fetch(request, public_id)
    context = {
        "kind": subject_kind,
        "subject": subject,
        "name": subject_kind.name(subject),
        "back_url": subject_kind.url(subject),
        "sources": [source.label for source in personal_data_sources(kind)],
        "export_route": f"rights_{kind}_export",
        "erase_route": f"rights_{kind}_erase",
    }
    return render(request, "accesslog/rights.html", context)


@login_required
@require_POST
def rights_export(request: AuthenticatedRequest, public_id: UUID, kind: str) -> HttpResponse:
    subject_kind = _kind(kind)
    subject = subject_kind.fetch(request, public_id)
    export = subject_export(subject_kind, subject, by=request.user.name or request.user.email)
    _log(request, subject_kind, subject, action=Action.EXPORT, what="Subject access export (everything held)")
    return file_response(export.content, filename=export.filename, content_type="application/zip")


@login_required
def rights_erase(request: AuthenticatedRequest, public_id: UUID, kind: str) -> HttpResponse:
    subject_kind = _kind(kind)
    subject = subject_kind.fetch(request, public_id)
    name = subject_kind.name(subject)
    form = ErasureConfirmForm(request.POST or None, expected_name=name)
    if request.method == "POST" and form.is_valid():
        result = subject_erase(kind, subject)
        _log(request, subject_kind, subject, action=Action.ERASE, what="Erasure of the person's personal data")
        messages.success(
            request,
            f"{name}'s personal data was erased: {result.blanked} records emptied, {result.deleted} deleted, "
            f"{result.history} history rows and {result.files} stored files removed.",
        )
        return redirect(subject_kind.url(subject))
    context = {
        "subject": subject,
        "name": name,
        "form": form,
        "back_url": subject_kind.url(subject),
        "page_route": f"rights_{kind}",
    }
    return render(request, "accesslog/rights_erase.html", context, status=400 if form.errors else 200)
