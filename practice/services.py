"""Writing the good-practice library: examples, their attachments and comments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import CharField, Value
from django.utils import timezone
from django.utils.text import slugify

from hubs.access import scope_for
from hubs.models import Region
from portal.files import file_remove, file_store, stored_path
from practice.models import Attachment, Comment, Example, Tag

SEARCH_CONFIG = "english"
MAX_TAGS = 8


def attachments_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "practice"


def attachment_path(attachment: Attachment) -> Path:
    return stored_path(attachments_dir(), attachment.stored_name, owner=attachment)


def tags_parse(text: str) -> list[str]:
    """Tags as typed, comma-separated: trimmed, without repeats, in the order given."""
    names: list[str] = []
    for raw in text.split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError(f"Give at most {MAX_TAGS} tags: the library is browsed by them.")
    for name in names:
        if len(name) > 40 or not slugify(name):
            raise ValidationError(f"“{name[:40]}” cannot be a tag: use up to 40 letters or numbers.")
    return names


def _tags_get(names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        slug = slugify(name)
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(name=name, slug=slug)
        tags.append(tag)
    return tags


def example_index(example: Example) -> None:
    """Fill the example's search vector: title and tags weigh most, then the summary, then the body."""
    tag_text = " ".join(example.tags.values_list("name", flat=True))
    vector = (
        SearchVector(Value(example.title, output_field=CharField()), weight="A", config=SEARCH_CONFIG)
        + SearchVector(Value(tag_text, output_field=CharField()), weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )
    Example.objects.filter(pk=example.pk).update(search=vector)


def _publish_region(actor: Any, region: Region | None) -> Region | None:
    scope = scope_for(actor)
    if region is None:
        if not scope.national:
            raise ValidationError("Choose the region the example comes from.")
        return None
    if region.pk not in scope.lead_regions and not scope.national:
        raise PermissionDenied("You can share examples for a region you lead.")
    return region


@transaction.atomic
def example_publish(*, actor: Any, region: Region | None, data: dict[str, Any], tags: list[str]) -> Example:
    example = Example.objects.create(
        region=_publish_region(actor, region),
        author=actor,
        published_at=timezone.now(),
        **{key: data[key] for key in ("title", "summary", "body", "contact_name", "contact_email")},
    )
    example.tags.set(_tags_get(tags))
    example_index(example)
    return example


@transaction.atomic
def example_update(
    *, actor: Any, example: Example, region: Region | None, data: dict[str, Any], tags: list[str]
) -> Example:
    region = _publish_region(actor, region)
    fields = ("title", "summary", "body", "contact_name", "contact_email")
    unchanged = (
        example.region_id == (region.pk if region else None)
        and all(getattr(example, key) == data[key] for key in fields)
        and set(example.tags.values_list("name", flat=True)) == set(tags)
    )
    if unchanged:
        return example  # sent as it was: nothing is written, "updated" stays as it was
    example.region = region
    for key in fields:
        setattr(example, key, data[key])
    example.save()
    example.tags.set(_tags_get(tags))
    example_index(example)
    return example


def example_delete(*, actor: Any, example: Example) -> None:
    paths = [attachment_path(attachment) for attachment in example.attachments.all()]
    example.delete()
    for path in paths:
        file_remove(path, what="good-practice attachment")


def attachment_add(*, actor: Any, example: Example, upload: UploadedFile) -> Attachment:
    stored = file_store(upload, attachments_dir())
    try:
        return Attachment.objects.create(
            example=example,
            stored_name=stored.stored_name,
            original_name=stored.original_name,
            content_type=stored.content_type,
            size=stored.size,
            uploaded_by=actor,
        )
    except BaseException:
        stored.path.unlink(missing_ok=True)
        raise


def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    path = attachment_path(attachment)
    attachment.delete()
    file_remove(path, what="good-practice attachment")


def comment_add(*, actor: Any, example: Example, body: str) -> Comment:
    text = body.strip()
    if not text:
        raise ValidationError("Enter your comment.")
    return Comment.objects.create(example=example, author=actor, body=text)


def comment_remove(*, actor: Any, comment: Comment) -> None:
    comment.delete()
