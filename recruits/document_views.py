"""Upload, download and delete the documents of a recruit."""

from __future__ import annotations

import logging
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from accesslog.models import Action, Detail
from accounts.http import AuthenticatedRequest
from portal.files import document_limit_text, stored_file_response
from recruits.access import get_document_for_user, get_recruit_for_user
from recruits.document_forms import DocumentUploadForm
from recruits.documents import (
    can_delete_documents,
    can_upload_documents,
    document_delete,
    document_path,
    document_upload,
)
from recruits.models import Recruit
from recruits.record_reads import recruit_read_record
from recruits.retention import retention_table

logger = logging.getLogger(__name__)


def documents_tab_url(recruit: Recruit) -> str:
    return reverse("recruit_detail", args=[recruit.public_id]) + "?tab=documents"


@login_required
def recruit_document_upload(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    recruit = get_recruit_for_user(request, public_id)
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
    document = get_document_for_user(request, public_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    recruit_read_record(
        request,
        document.recruit,
        detail=Detail.DOCUMENT,
        what=f"document “{document.get_kind_display()}”",
        action=Action.DOWNLOAD,
    )
    return stored_file_response(
        document_path(document), filename=document.original_name, content_type=document.content_type
    )


@login_required
def recruit_document_delete(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    document = get_document_for_user(request, public_id)
    if not can_delete_documents(request.user, document.recruit):
        raise PermissionDenied("Only the hub team and the recruit's employer can delete a document.")
    back_url = documents_tab_url(document.recruit)
    if request.method != "POST":
        return render(request, "recruits/document_delete.html", {"document": document, "back_url": back_url})
    document_delete(actor=request.user, document=document)
    messages.success(request, f"“{document}” was deleted.")
    return redirect(back_url)
