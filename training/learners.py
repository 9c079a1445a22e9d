"""Writes on learners: a provider (or the hub) nominates a member of care staff; a recruit's
learner row is made the first time they are booked. Bookings then go through one flow
(`training.services.enrolment_book`) whoever the learner is."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from hubs.access import scope_for
from providers.models import Provider
from recruits.models import Recruit
from training.models import Learner, LearnerKind


def learner_for_recruit(recruit: Recruit) -> Learner:
    """The recruit's learner row, made on first use (its details are read from the recruit)."""
    learner, _ = Learner.objects.get_or_create(
        recruit=recruit, defaults={"region_id": recruit.region_id, "kind": LearnerKind.RECRUIT}
    )
    learner.recruit = recruit
    return learner


@transaction.atomic
def learner_nominate(*, actor: User, employer: Provider, data: dict[str, Any]) -> Learner:
    """A provider's admin (or the region's hub team) nominates one of the provider's care staff."""
    scope = scope_for(actor)
    if employer.pk not in scope.admin_providers and not scope.is_hub_team(employer.region_id):
        raise ValidationError({"employer": "You can nominate only your own organisation's staff."})
    email = (data.get("email") or "").strip().lower()
    if email and Learner.objects.filter(employer=employer, email=email).exists():
        raise ValidationError({"email": "Someone with this email address is already nominated by this employer."})
    learner = Learner(
        region_id=employer.region_id,
        kind=LearnerKind.STAFF,
        employer=employer,
        nominated_by=actor,
        name=(data.get("name") or "").strip(),
        job_role=(data.get("job_role") or "").strip(),
        email=email,
    )
    learner.full_clean()
    learner.save()
    return learner
