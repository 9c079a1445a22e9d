"""Two records of one person: the record a region kept folds into the one another region handed
over (a hand-over asked for by the region holding the duplicate, `rematch/placements.py`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from recruits import hooks
from recruits.models import Document, Recruit

# What a duplicate may still hold and be removed with: its own status history and audit rows.
_DISPOSABLE = {"recruits.StatusChange", "recruits.RecruitEvent"}
_CONTACT_FIELDS = ("email", "phone", "address")
SIGN_IN_ACCOUNT = "a sign-in account"


def _held_by(duplicate: Recruit) -> list[str]:
    """The kinds of rows, of any app, that still point at `duplicate`."""
    return [
        str(relation.related_model._meta.verbose_name_plural)
        for relation in Recruit._meta.related_objects
        if relation.related_model._meta.label not in _DISPOSABLE
        and relation.related_model._default_manager.filter(**{relation.field.name: duplicate}).exists()
    ]


@transaction.atomic(savepoint=False)  # one transaction with the caller's, no savepoint of its own
def recruit_merge_duplicate(*, actor: User, duplicate_id: int, into: Recruit) -> list[str]:
    """Fold the duplicate record into `into`: the apps above move their rows across (the
    `duplicate_merging` hooks: rematch moves its requests), documents move, and blank contact
    details of `into` are filled from it. When nothing else hangs on it (employment, training,
    duties, an account) it is removed, the audit trail keeping what it was; otherwise it stays
    for the hub to review by hand rather than the portal guessing which of two histories is right.

    Returns what keeps the duplicate (the kinds of rows, or "a sign-in account"); empty when it
    was removed.
    """
    if duplicate_id == into.pk:
        raise ValidationError("A record cannot be merged into itself.")
    duplicate = Recruit.objects.select_for_update().get(pk=duplicate_id)
    hooks.duplicate_merging(duplicate=duplicate, into=into)
    Document.objects.filter(recruit=duplicate).update(recruit=into)
    filled = [name for name in _CONTACT_FIELDS if not getattr(into, name) and getattr(duplicate, name)]
    for name in filled:
        setattr(into, name, getattr(duplicate, name))
    if filled:
        into.save(update_fields=[*filled, "updated_at"])
    held = _held_by(duplicate)
    if duplicate.user_id is None and not held:
        duplicate.delete()
        return []
    return held or [SIGN_IN_ACCOUNT]
