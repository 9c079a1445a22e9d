"""The resources library pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from hubs.access import hubs_visible_to, scope_for
from portal.files import ACCEPT, document_limit_text, stored_file_response
from portal.forms import add_service_errors, posted
from providers.models import Provider
from recruits.access import get_own_recruit_for_user
from training import resources
from training.access import get_training_resource_for_user
from training.models import Resource, ResourceKind
from training.views import _may_browse


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["kind", "title", "topic", "audience", "description", "url"]
        error_messages = {
            "title": {"required": "Enter a title"},
            "topic": {"required": "Enter a topic, for example safeguarding"},
            "url": {"invalid": "Enter a web address starting https://"},
        }


class ResourceFileField(forms.FileField):
    widget = forms.FileInput(attrs={"accept": ACCEPT})


class EnquiryForm(forms.Form):
    message = forms.CharField(label="Your question", required=False, max_length=1000, widget=forms.Textarea)


@login_required
def resource_list_view(request: AuthenticatedRequest) -> HttpResponse:
    if not _may_browse(request.user):
        raise Http404("No library for this role")
    kind = request.GET.get("kind", "")
    kind = kind if kind in ResourceKind.values else ""
    page = resources.resource_list(user=request.user, kind=kind, after=request.GET.get("after"))
    scope = scope_for(request.user)
    context = {
        "page": page,
        "kind": kind,
        "kinds": ResourceKind.choices,
        "can_add": bool(scope.hub_regions or scope.providers),
        "is_later": bool(request.GET.get("after")),
        "next_query": f"kind={kind}&after={page.next_cursor}" if page.next_cursor else "",
        "first_query": f"kind={kind}",
    }
    return render(request, "training/resource_list.html", context)


def _provider_of(user: Any) -> Provider | None:
    scope = scope_for(user)
    if scope.hub_regions or not scope.providers:
        return None
    return Provider.objects.filter(id__in=scope.providers).order_by("name").first()


@login_required
def resource_new(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers):
        raise PermissionDenied("The hub team and providers add to the library.")
    provider = _provider_of(request.user)
    form = ResourceForm(posted(request), request.FILES if request.method == "POST" else None)
    if provider is not None:
        form.fields["kind"].choices = [(ResourceKind.PLACEMENT.value, ResourceKind.PLACEMENT.label)]  # type: ignore[attr-defined]
    else:
        form.fields["hub"] = forms.ModelChoiceField(
            label="Hub", queryset=hubs_visible_to(request.user), error_messages={"required": "Choose the hub"}
        )
        form.fields["file"] = ResourceFileField(
            label="Document file",
            required=False,
            help_text=f"For a document: a PDF, JPEG or PNG up to {document_limit_text()}, or its web address above.",
        )
    if form.is_valid():
        region = provider.region if provider else form.cleaned_data["hub"].region
        try:
            resource = resources.resource_add(
                actor=request.user,
                region=region,
                data=form.cleaned_data,
                provider=provider,
                upload=form.cleaned_data.get("file"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{resource.title}” was added to the library.")
            return redirect(resource.get_absolute_url())
    return render(request, "training/resource_form.html", {"form": form, "provider": provider})


@login_required
def resource_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    resource = get_training_resource_for_user(request, public_id, related=["provider"])
    recruit_id = scope_for(request.user).recruit_id
    context = {
        "resource": resource,
        "enquiries": resources.resource_enquiries_for(user=request.user, resource=resource),
        "can_ask": recruit_id is not None and resource.kind == ResourceKind.PLACEMENT,
        "asked": recruit_id is not None and resource.enquiries.filter(recruit_id=recruit_id).exists(),
        "form": EnquiryForm(),
    }
    return render(request, "training/resource_detail.html", context)


@login_required
def resource_file(request: AuthenticatedRequest, public_id: UUID) -> FileResponse:
    """An uploaded library document, for whoever may see the resource."""
    resource = get_training_resource_for_user(request, public_id)
    if not resource.has_file:
        raise Http404("This resource has no file")
    return stored_file_response(
        resources.resource_path(resource),
        filename=resource.file_name,
        content_type=resource.content_type,
        cache_control="private, no-store",
    )


@login_required
@require_POST
def resource_enquire_view(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    resource = get_training_resource_for_user(request, public_id)
    recruit_id = scope_for(request.user).recruit_id
    if recruit_id is None:
        raise PermissionDenied("Recruits ask about offers from their own account.")
    form = EnquiryForm(request.POST)
    if form.is_valid():
        try:
            resources.resource_enquire(
                actor=request.user,
                resource=resource,
                recruit=get_own_recruit_for_user(request),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            messages.info(request, error.messages[0])
        else:
            messages.success(request, "Your question was sent. They will contact you.")
    return redirect(resource.get_absolute_url())
