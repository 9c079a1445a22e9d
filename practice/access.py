"""Who reads and changes the good-practice library.

Readers: the hub teams of every region (leads and hub staff) and the national team; nobody else
(providers, councils and recruits get 404, as for any record they may not see). Publishers:
leads (for a region they lead) and the national team. An example is changed by a lead of its
region or the national team (others who can read it get 403); a comment is removed by its author
or by whoever may change the example.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from hubs.access import get_editable_or_403, get_visible_or_404, scope_for
from practice.models import Attachment, Comment, Example


def practice_reader(user: Any) -> bool:
    scope = scope_for(user)
    return scope.national or bool(scope.hub_regions)


def practice_publisher(user: Any) -> bool:
    scope = scope_for(user)
    return scope.national or bool(scope.lead_regions)


def examples_visible_to(user: Any) -> QuerySet[Example]:
    return Example.objects.all() if practice_reader(user) else Example.objects.none()


def examples_editable_by(user: Any) -> QuerySet[Example]:
    scope = scope_for(user)
    if scope.national:
        return Example.objects.all()
    return Example.objects.filter(region_id__in=scope.lead_regions)


def get_example_for_user(user: Any, public_id: UUID) -> Example:
    return get_visible_or_404(examples_visible_to(user).select_related("region", "author"), public_id=public_id)


def get_example_for_user_rw(user: Any, public_id: UUID) -> Example:
    return get_editable_or_403(examples_visible_to(user), examples_editable_by(user), public_id=public_id)


def get_attachment_for_user(user: Any, public_id: UUID) -> Attachment:
    attachments = Attachment.objects.filter(example__in=examples_visible_to(user)).select_related("example")
    return get_visible_or_404(attachments, public_id=public_id)


def get_attachment_for_user_rw(user: Any, public_id: UUID) -> Attachment:
    attachment = get_attachment_for_user(user, public_id)
    if not examples_editable_by(user).filter(pk=attachment.example_id).exists():
        raise PermissionDenied("Only a lead of the example's region or the national team can remove its files.")
    return attachment


def get_comment_for_user_rw(user: Any, public_id: UUID) -> Comment:
    """A comment its reader may remove: their own, or any on an example they may change."""
    comments = Comment.objects.filter(example__in=examples_visible_to(user)).select_related("example")
    comment = get_visible_or_404(comments, public_id=public_id)
    removable = Q(author_id=getattr(user, "pk", None)) | Q(example__in=examples_editable_by(user))
    if not comments.filter(removable, pk=comment.pk).exists():
        raise PermissionDenied("You can remove your own comments only.")
    return comment


def require_practice_reader(user: Any) -> None:
    """The library's pages without an id: 403 with a reason, as for the other lists a role does not have."""
    if not practice_reader(user):
        raise PermissionDenied("The good-practice library is for hub teams and the national team.")
