"""Rule 19: agencies on the hub's framework are re-checked periodically (Code of Practice).

The Code does not say how often: the dated figure `agency_recheck_months` (12, a portal default
marked unconfirmed) sets it, read on the day of the last check. A framework agency's next re-check
is due that many months after `Agency.last_checked`, and the `recruits.agency_recheck` ladder
reminds the region's hub staff before it and the lead on the day (rungs as `LadderRung` rows).
The hub team records a re-check on the agencies page; a daily task brings every agency's reminders
in line, so that changes made in the admin are followed too. An agency never checked has no date
to count from: the page lists it as due now.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Agency, AgencyStatus, Region
from notifications.ladders import ladder_reschedule, ladder_stop
from notifications.models import Reminder
from portal.dates import add_months
from portal.policy import policy_value
from recruits.code_of_practice import flags_for
from recruits.models import Recruit

AGENCY_KIND = "recruits.agency_recheck"


def agency_recheck_due(agency: Agency) -> dt.date | None:
    if not agency.on_framework or agency.last_checked is None:
        return None
    return add_months(agency.last_checked, policy_value("agency_recheck_months", on=agency.last_checked))


def agency_recheck_sync(*, agency: Agency) -> list[Reminder]:
    due = agency_recheck_due(agency)
    if due is None:
        ladder_stop(about=agency, kind=AGENCY_KIND)
        return []
    return ladder_reschedule(kind=AGENCY_KIND, about=agency, deadline=due, region=agency.region)


def agency_rechecks_sync_all() -> int:
    """Every agency's reminders in line with its record (the daily task); returns how many agencies."""
    agencies = list(Agency.objects.select_related("region"))
    for agency in agencies:
        agency_recheck_sync(agency=agency)
    return len(agencies)


@transaction.atomic
def agency_record_check(
    *, actor: User, agency: Agency, checked_on: dt.date, on_ethical_recruiters_list: bool
) -> Agency:
    agency = Agency.objects.select_for_update().select_related("region").get(pk=agency.pk)
    if not scope_for(actor).is_hub_team(agency.region_id):
        raise ValidationError("Only the region's hub team can re-check its agencies.")
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": "The day of the check cannot be in the future."})
    values = (checked_on, on_ethical_recruiters_list)
    if values == (agency.last_checked, agency.on_ethical_recruiters_list):
        return agency  # sent as shown
    agency.last_checked, agency.on_ethical_recruiters_list = values
    agency.save(update_fields=["last_checked", "on_ethical_recruiters_list"])
    agency_recheck_sync(agency=agency)
    return agency


# -- The framework, maintained by the region's lead -------------------------------------------

AGENCY_FIELDS = (
    "name",
    "kind",
    "companies_house_number",
    "contact_name",
    "contact_email",
    "contact_phone",
    "services",
    "countries",
)


def _refuse_unless_lead(actor: User, region_id: int) -> None:
    if not scope_for(actor).is_lead(region_id):
        raise ValidationError("Only the region's IR lead can change its agency framework.")


def _refuse_a_second_of_the_name(agency: Agency) -> None:
    same = Agency.objects.filter(region_id=agency.region_id, name__iexact=agency.name).exclude(pk=agency.pk)
    if same.exists():
        message = f"{agency.name} is already on your region's list: open it from the list instead"
        raise ValidationError({"name": message})


@transaction.atomic
def agency_create(*, actor: User, region: Region, data: dict[str, Any]) -> Agency:
    """A lead adds an agency or managed service provider to the region's approved framework."""
    _refuse_unless_lead(actor, region.pk)
    agency = Agency(region=region, status=AgencyStatus.APPROVED, status_changed_on=timezone.localdate())
    for field in AGENCY_FIELDS:
        setattr(agency, field, data[field])
    _refuse_a_second_of_the_name(agency)
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def agency_update(*, actor: User, agency: Agency, data: dict[str, Any]) -> Agency:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    _refuse_unless_lead(actor, agency.region_id)
    for field in AGENCY_FIELDS:
        setattr(agency, field, data[field])
    _refuse_a_second_of_the_name(agency)
    agency.full_clean()
    agency.save()
    return agency


def recruits_brought_by(agency: Agency) -> QuerySet[Recruit]:
    """The recruits whose record says they came through the agency (the list a removal shows)."""
    return Recruit.objects.filter(agency=agency).select_related("provider").order_by("family_name", "given_names")


@transaction.atomic
def agency_set_status(*, actor: User, agency: Agency, status: str, reason: str, changed_on: dt.date) -> list[Recruit]:
    """Approve, suspend or remove an agency. Suspending or removing needs a reason; the Code of
    Practice flag of every recruit it brought follows at once (only an approved agency keeps a
    record unflagged). Returns those recruits, whose flags changed."""
    agency = Agency.objects.select_for_update().select_related("region").get(pk=agency.pk)
    _refuse_unless_lead(actor, agency.region_id)
    reason = reason.strip()
    if status not in {AgencyStatus.APPROVED, AgencyStatus.SUSPENDED, AgencyStatus.REMOVED}:
        raise ValidationError({"status": "Select approved, suspended or removed"})
    if status != AgencyStatus.APPROVED and not reason:
        raise ValidationError({"reason": f"Enter why the agency is {AgencyStatus(status).label.lower()}"})
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": "The date of the change cannot be in the future"})
    if (status, reason, changed_on) == (agency.status, agency.status_reason, agency.status_changed_on):
        return []  # sent as shown
    agency.status, agency.status_reason, agency.status_changed_on = status, reason, changed_on
    agency.full_clean()
    agency.save(update_fields=["status", "status_reason", "status_changed_on"])
    agency_recheck_sync(agency=agency)
    changed = []
    for recruit in recruits_brought_by(agency).select_related("agency").select_for_update(of=("self",)):
        flags = flags_for(recruit)
        if flags != recruit.flags:
            recruit.flags = flags
            recruit.save(update_fields=["flags", "updated_at"])
            changed.append(recruit)
    return changed
