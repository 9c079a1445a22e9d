"""The good-practice library's pages: search and browse, an example with its files and comments,
and sharing or changing an example."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from hubs.models import Region
from portal.files import stored_file_response
from portal.forms import add_service_errors, posted
from portal.markdown import markdown_render
from portal.pagination import query_with
from practice import services
from practice.access import (
    examples_editable_by,
    get_attachment_for_user,
    get_attachment_for_user_rw,
    get_comment_for_user_rw,
    get_example_for_user,
    get_example_for_user_rw,
    practice_publisher,
    require_practice_reader,
)
from practice.forms import NATIONAL, AttachmentForm, CommentForm, ExampleForm, LibraryFilterForm, example_initial
from practice.selectors import LibraryFilter, library_page, library_search, library_tags


def _filters(request: AuthenticatedRequest, form: LibraryFilterForm) -> LibraryFilter:
    if not form.is_valid():
        return LibraryFilter()
    data = form.cleaned_data
    region = data["region"]
    region_id = Region.objects.filter(code=region).values_list("id", flat=True).first() if region else None
    return LibraryFilter(
        q=data["q"].strip(),
        tag=request.GET.get("tag", "")[:40],
        region_id=region_id,
        national_only=region == NATIONAL,
    )


@login_required
def practice_list(request: AuthenticatedRequest) -> HttpResponse:
    require_practice_reader(request.user)
    form = LibraryFilterForm(request.GET or None)
    filters = _filters(request, form)
    context = {
        "form": form,
        "filters": filters,
        "tags": library_tags(request.user)[:30],
        "may_publish": practice_publisher(request.user),
    }
    if filters.q:
        context["results"] = library_search(request.user, filters)
    else:
        page = library_page(request.user, filters, after=request.GET.get("after"))
        context.update(
            page=page,
            next_query=query_with(request, after=page.next_cursor),
            first_query=query_with(request, after=None),
            page_is_later=bool(request.GET.get("after")),
        )
    return render(request, "practice/list.html", context)


def _detail_context(request: AuthenticatedRequest, example_id: UUID, **forms: object) -> dict[str, object]:
    example = get_example_for_user(request.user, example_id)
    return {
        "example": example,
        "body_html": markdown_render(example.body),
        "attachments": list(example.attachments.all()),
        "comments": list(example.comments.select_related("author")),
        "may_edit": examples_editable_by(request.user).filter(pk=example.pk).exists(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
    }


@login_required
def practice_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    return render(request, "practice/detail.html", _detail_context(request, public_id))


@login_required
def practice_new(request: AuthenticatedRequest) -> HttpResponse:
    require_practice_reader(request.user)
    if not practice_publisher(request.user):
        raise PermissionDenied("Leads and the national team share examples: send yours to your region's lead.")
    form = ExampleForm(posted(request), user=request.user)
    if form.is_valid():
        try:
            example = services.example_publish(
                actor=request.user, region=form.chosen_region(), data=form.cleaned_data, tags=form.cleaned_data["tags"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your example is in the library: every hub team can read it now.")
            return redirect("practice_detail", public_id=example.public_id)
    return render(request, "practice/form.html", {"form": form, "example": None})


@login_required
def practice_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    example = get_example_for_user_rw(request.user, public_id)
    form = ExampleForm(posted(request), user=request.user, initial=example_initial(example))
    if form.is_valid():
        try:
            services.example_update(
                actor=request.user,
                example=example,
                region=form.chosen_region(),
                data=form.cleaned_data,
                tags=form.cleaned_data["tags"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The example is updated.")
            return redirect("practice_detail", public_id=example.public_id)
    return render(request, "practice/form.html", {"form": form, "example": example})


@login_required
@require_POST
def practice_delete(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    example = get_example_for_user_rw(request.user, public_id)
    services.example_delete(actor=request.user, example=example)
    messages.success(request, f"“{example.title}” is no longer in the library.")
    return redirect("practice_list")


@login_required
@require_POST
def practice_attachment_add(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    example = get_example_for_user_rw(request.user, public_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attachment_add(actor=request.user, example=example, upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"{attachment.original_name} is added.")
            return redirect("practice_detail", public_id=example.public_id)
    context = _detail_context(request, example.public_id, attachment_form=form)
    return render(request, "practice/detail.html", context, status=400)


@login_required
def practice_attachment_download(request: AuthenticatedRequest, public_id: UUID) -> FileResponse:
    attachment = get_attachment_for_user(request.user, public_id)
    return stored_file_response(
        services.attachment_path(attachment), filename=attachment.original_name, content_type=attachment.content_type
    )


@login_required
@require_POST
def practice_attachment_remove(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    attachment = get_attachment_for_user_rw(request.user, public_id)
    services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, f"{attachment.original_name} is removed.")
    return redirect("practice_detail", public_id=attachment.example.public_id)


@login_required
@require_POST
def practice_comment_add(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    example = get_example_for_user(request.user, public_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, example=example, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment is added.")
            return redirect(f"{example_url(example.public_id)}#comments")
    context = _detail_context(request, example.public_id, comment_form=form)
    return render(request, "practice/detail.html", context, status=400)


@login_required
@require_POST
def practice_comment_remove(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    comment = get_comment_for_user_rw(request.user, public_id)
    services.comment_remove(actor=request.user, comment=comment)
    messages.success(request, "The comment is removed.")
    return redirect(f"{example_url(comment.example.public_id)}#comments")


def example_url(public_id: UUID) -> str:
    return reverse("practice_detail", args=[public_id])
