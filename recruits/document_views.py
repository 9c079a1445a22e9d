"""Upload, download and delete the documents of a recruit."""

from __future__ import annotations

import logging
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.http import AuthenticatedRequest
from accounts.models import User
from hubs.access import get_visible_or_404
from portal.files import document_limit_text, stored_file_response
from recruits.access import can_see_sensitive, recruits_visible_to
from recruits.document_forms import DocumentUploadForm
from recruits.documents import (
    can_delete_documents,
    can_upload_documents,
    document_delete,
    document_path,
    document_upload,
)
from recruits.models import Document, Recruit
from recruits.retention import retention_table

logger = logging.getLogger(__name__)


def documents_tab_url(recruit: Recruit) -> str:
    return reverse("recruit_detail", args=[recruit.public_id]) + "?tab=documents"


def _visible_document(user: User, public_id: UUID) -> Document:
    """404 unless the user may see the recruit and their sensitive details (the documents)."""
    visible = Document.objects.filter(recruit__in=recruits_visible_to(user)).select_related("recruit")
    document = get_visible_or_404(visible, public_id=public_id)
    if not can_see_sensitive(user, document.recruit):
        raise Http404("Not found")
    return document


@login_required
def recruit_document_upload(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_visible_or_404(recruits_visible_to(request.user), public_id=public_id)
    if not can_upload_documents(request.user, recruit):
        raise PermissionDenied("You can see this record but not add documents to it.")
    form = DocumentUploadForm(request.POST, request.FILES) if request.method == "POST" else DocumentUploadForm()
    if form.is_valid():
        document = document_upload(
            actor=request.user,
            recruit=recruit,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
        )
        messages.success(request, f"“{document}” was uploaded.")
        return redirect(documents_tab_url(recruit))
    context = {
        "recruit": recruit,
        "form": form,
        "limit": document_limit_text(),
        "back_url": documents_tab_url(recruit),
        "retention": retention_table(),
    }
    return render(request, "recruits/documents_upload.html", context)


@login_required
def recruit_document_download(request: AuthenticatedRequest, public_id: UUID) -> HttpResponseBase:
    document = _visible_document(request.user, public_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return stored_file_response(
        document_path(document), filename=document.original_name, content_type=document.content_type
    )


@login_required
def recruit_document_delete(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    document = _visible_document(request.user, public_id)
    if not can_delete_documents(request.user, document.recruit):
        raise PermissionDenied("Only the hub team and the recruit's employer can delete a document.")
    back_url = documents_tab_url(document.recruit)
    if request.method != "POST":
        return render(request, "recruits/document_delete.html", {"document": document, "back_url": back_url})
    document_delete(actor=request.user, document=document)
    messages.success(request, f"“{document}” was deleted.")
    return redirect(back_url)
