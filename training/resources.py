"""The resources library: writes and reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Region
from notifications.services import reminder_schedule
from portal.files import file_store, stored_path
from providers.models import Provider
from providers.selectors import Page, _page, cursor_row
from recruits.models import Recruit
from training.access import training_resources_visible_to
from training.models import Resource, ResourceEnquiry, ResourceKind

RESOURCE_ENQUIRY = "training.resource_enquiry"
PAGE_SIZE = 50
RESOURCE_FIELDS = ["kind", "title", "description", "topic", "audience", "url", "hub"]


def resources_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "resources"


def resource_path(resource: Resource) -> Path:
    return stored_path(resources_directory(), resource.stored_name, owner=f"resource {resource.pk}")


def resource_add(
    *,
    actor: User,
    region: Region,
    data: dict[str, Any],
    provider: Provider | None = None,
    upload: UploadedFile | None = None,
) -> Resource:
    """The hub adds anything to its library (a document as an uploaded file or a link); a provider
    adds its own placement offers. The file and the row are written together or not at all."""
    resource = Resource(region=region, provider=provider, added_by=actor)
    for name in RESOURCE_FIELDS:
        if name in data:
            setattr(resource, name, data[name])
    if provider is not None:
        resource.kind = ResourceKind.PLACEMENT
    if upload is not None and resource.kind != ResourceKind.DOCUMENT:
        raise ValidationError({"file": "Only a document has a file: choose “Document” or remove the file."})
    if resource.kind == ResourceKind.DOCUMENT and upload is None and not resource.url:
        raise ValidationError({"file": "Choose the document to upload (PDF, JPEG or PNG), or give its web address."})
    if resource.kind not in (ResourceKind.PLACEMENT, ResourceKind.DOCUMENT) and not resource.url:
        raise ValidationError({"url": "Enter the web address people should open."})
    resource.full_clean()
    if upload is None:
        resource.save()
        return resource
    try:
        stored = file_store(upload, resources_directory())
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    resource.file_name, resource.stored_name = stored.original_name, stored.stored_name
    resource.content_type, resource.size = stored.content_type, stored.size
    try:
        with transaction.atomic():
            resource.save()
    except BaseException:
        stored.path.unlink(missing_ok=True)
        raise
    return resource


def resource_enquire(*, actor: User, resource: Resource, recruit: Recruit, message: str) -> ResourceEnquiry:
    """A recruit asks about an offer; whoever listed it is told (a reminder due now)."""
    try:
        with transaction.atomic():
            enquiry = ResourceEnquiry.objects.create(
                region_id=resource.region_id, resource=resource, recruit=recruit, message=message.strip()
            )
            if resource.added_by is not None:
                reminder_schedule(
                    recipient=resource.added_by, kind=RESOURCE_ENQUIRY, about=resource, due_at=timezone.now()
                )
    except IntegrityError:
        raise ValidationError("You have already asked about this; whoever listed it will contact you.") from None
    return enquiry


def resource_list(*, user: Any, kind: str = "", after: str | None = None, page_size: int = PAGE_SIZE) -> Page[Resource]:
    rows = training_resources_visible_to(user).filter(active=True)
    if kind:
        rows = rows.filter(kind=kind)
    key = cursor_row(rows, after, "topic", "title", "id")
    if key:
        rows = rows.filter(
            Q(topic__gt=key["topic"])
            | Q(topic=key["topic"], title__gt=key["title"])
            | Q(topic=key["topic"], title=key["title"], id__gt=key["id"])
        )
    rows = rows.select_related("provider").order_by("topic", "title", "id")
    return _page(list(rows[: page_size + 1]), page_size, lambda r: r.public_id)


def resource_enquiries_for(*, user: Any, resource: Resource) -> list[ResourceEnquiry]:
    """Who asked: for the hub team and the provider that listed it; never other recruits."""
    scope = scope_for(user)
    if not scope.is_hub_team(resource.region_id) and not scope.is_provider_user(resource.provider_id):
        return []
    return list(resource.enquiries.select_related("recruit"))
