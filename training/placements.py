"""Student placements (issue 18 item 2): writes and reads.

Providers offer placements; the region's colleges and universities put students forward (a
learner of kind student: name, course, email, nothing more); the hub team or the provider's admin
accepts (while places remain) or declines with a reason; the provider and the hub team record
attendance by day or by week; at the end the provider writes the report, which the student (signed
in by emailed code) and the partner read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import TrainingPartner
from providers.models import Provider
from providers.selectors import Page, _page, cursor_row
from training.access import placement_may, placement_offers_visible_to, placements_visible_to
from training.models import (
    AttendanceUnit,
    Learner,
    LearnerKind,
    Placement,
    PlacementAttendance,
    PlacementOffer,
    PlacementStatus,
)

PAGE_SIZE = 50
OFFER_FIELDS = ("setting", "starts_on", "ends_on", "places", "requirements")


def placement_offer_add(*, actor: User, provider: Provider, data: dict[str, Any]) -> PlacementOffer:
    """A provider's admin (or the region's hub team) offers placements at the provider."""
    scope = scope_for(actor)
    if provider.pk not in scope.admin_providers and not scope.is_hub_team(provider.region_id):
        raise PermissionDenied("Placements are offered by the provider's admins and the hub team.")
    offer = PlacementOffer(region_id=provider.region_id, provider=provider, added_by=actor)
    for name in OFFER_FIELDS:
        if name in data:
            setattr(offer, name, data[name])
    if offer.starts_on and offer.ends_on and offer.ends_on < offer.starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def placement_put_forward(
    *, actor: User, offer: PlacementOffer, partner: TrainingPartner, data: dict[str, Any]
) -> Placement:
    """A college or university puts a student forward: the student's learner row (name, course,
    email; the same student put forward again by the same partner is the same learner) and the
    placement, together or not at all."""
    if not scope_for(actor).is_partner(partner) or partner.region_id != offer.region_id:
        raise PermissionDenied("Students are put forward by the region's colleges and universities.")
    if not offer.active or offer.ends_on < timezone.localdate():
        raise ValidationError("This placement has ended or is no longer offered: choose another.")
    email = (data.get("email") or "").strip().lower()
    learner = Learner.objects.filter(kind=LearnerKind.STUDENT, partner=partner, email=email).first() if email else None
    if learner is None:
        learner = Learner(region_id=partner.region_id, kind=LearnerKind.STUDENT, partner=partner, nominated_by=actor)
    learner.name = (data.get("name") or "").strip()
    learner.course = (data.get("course") or "").strip()
    learner.email = email
    learner.full_clean()
    learner.save()
    if Placement.objects.filter(offer=offer, learner=learner).exists():
        raise ValidationError({"email": "This student is already put forward for this placement."})
    return Placement.objects.create(
        region_id=offer.region_id,
        offer=offer,
        learner=learner,
        partner=partner,
        note=(data.get("note") or "").strip(),
        put_forward_by=actor,
    )


def placement_decide(*, actor: User, placement: Placement, accept: bool, reason: str) -> Placement:
    """Accept (while the offer has places left) or decline with a reason. The offer row is locked
    for the count and the write, so two acceptances cannot both take the last place."""
    reason = reason.strip()
    if not placement_may(scope_for(actor), placement, "decide"):
        raise PermissionDenied("Students are accepted or declined by the hub team and the provider's admins.")
    if not accept and not reason:
        raise ValidationError({"reason": "Say why the student is declined: their college reads it."})
    with transaction.atomic():
        offer = PlacementOffer.objects.select_for_update().get(pk=placement.offer_id)
        if accept and placement.status != PlacementStatus.ACCEPTED:
            taken = offer.placements.filter(status=PlacementStatus.ACCEPTED).count()
            if taken >= offer.places:
                raise ValidationError(
                    f"All {offer.places} places are taken: decline someone accepted first, or decline this student."
                )
        placement.status = PlacementStatus.ACCEPTED if accept else PlacementStatus.DECLINED
        placement.decision_reason = reason
        placement.decided_by, placement.decided_at = actor, timezone.now()
        placement.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    return placement


@transaction.atomic
def placement_attendance_record(
    *, actor: User, placement: Placement, unit: str, starts_on: dt.date, days_attended: int, note: str = ""
) -> PlacementAttendance:
    """Record (or correct) attendance for a day or a week of an accepted placement."""
    if not placement_may(scope_for(actor), placement, "attend"):
        raise PermissionDenied("Attendance is recorded by the provider and the hub team.")
    if placement.status != PlacementStatus.ACCEPTED:
        raise ValidationError("Attendance is recorded only for an accepted student.")
    offer = placement.offer
    if not offer.starts_on <= starts_on <= offer.ends_on:
        raise ValidationError(
            {
                "starts_on": f"Give a date within the placement, {offer.starts_on:%-d %B %Y}"
                f" to {offer.ends_on:%-d %B %Y}."
            }
        )
    if starts_on > timezone.localdate():
        raise ValidationError({"starts_on": "Attendance cannot be recorded before the day."})
    most = 1 if unit == AttendanceUnit.DAY else 7
    if not 0 <= days_attended <= most:
        raise ValidationError({"days_attended": f"For {AttendanceUnit(unit).label.lower()}, give 0 to {most} days."})
    row, _ = PlacementAttendance.objects.update_or_create(
        placement=placement,
        unit=unit,
        starts_on=starts_on,
        defaults={
            "region_id": placement.region_id,
            "days_attended": days_attended,
            "note": note.strip(),
            "recorded_by": actor,
        },
    )
    return row


def placement_report_write(*, actor: User, placement: Placement, report: str) -> Placement:
    """The provider writes the report once the placement has ended (it can be corrected later)."""
    if not placement_may(scope_for(actor), placement, "report"):
        raise PermissionDenied("The placement report is written by the provider.")
    if placement.status != PlacementStatus.ACCEPTED:
        raise ValidationError("A report is written only for an accepted student.")
    if placement.offer.ends_on > timezone.localdate():
        raise ValidationError(
            f"Write the report at the end of the placement, from {placement.offer.ends_on:%-d %B %Y}."
        )
    if not report.strip():
        raise ValidationError({"report": "Write the report: how the student did, what they learned."})
    placement.report, placement.report_by, placement.report_at = report.strip(), actor, timezone.now()
    placement.save(update_fields=["report", "report_by", "report_at"])
    return placement


# -- reads ------------------------------------------------------------------------------------------


def placement_offer_list(*, user: Any, after: str | None = None, page_size: int = PAGE_SIZE) -> Page[PlacementOffer]:
    """Offers the user sees, soonest first, with their accepted count; keyset-paginated."""
    rows = placement_offers_visible_to(user).filter(active=True)
    key = cursor_row(rows, after, "starts_on", "id")
    if key:
        rows = rows.filter(Q(starts_on__gt=key["starts_on"]) | Q(starts_on=key["starts_on"], id__gt=key["id"]))
    rows = (
        rows.select_related("provider")
        .annotate(accepted=Count("placements", filter=Q(placements__status=PlacementStatus.ACCEPTED)))
        .order_by("starts_on", "id")
    )
    return _page(list(rows[: page_size + 1]), page_size, lambda offer: offer.public_id)


def placements_of_offer(*, user: Any, offer: PlacementOffer) -> list[Placement]:
    """The students put forward for an offer, as the user may see them (a partner only its own)."""
    return list(placements_visible_to(user).filter(offer=offer).select_related("learner", "partner"))


def placement_attendance(placement: Placement) -> tuple[list[PlacementAttendance], int]:
    rows = list(placement.attendance.order_by("starts_on", "unit"))
    return rows, sum(row.days_attended for row in rows)


def placements_of_learners(learners: QuerySet[Learner] | list[Learner]) -> list[Placement]:
    """A signed-in student's placements (the learner session's page)."""
    return list(
        Placement.objects.filter(learner__in=learners)
        .select_related("offer__provider", "partner")
        .annotate(days=Coalesce(Sum("attendance__days_attended"), 0))
        .order_by("-offer__starts_on", "-id")
    )
