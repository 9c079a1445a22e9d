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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Agency
from notifications.ladders import ladder_reschedule, ladder_stop
from notifications.models import Reminder
from portal.dates import add_months
from portal.policy import policy_value

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
    *, actor: User, agency: Agency, checked_on: dt.date, on_framework: bool, on_ethical_recruiters_list: bool
) -> Agency:
    agency = Agency.objects.select_for_update().select_related("region").get(pk=agency.pk)
    if not scope_for(actor).is_hub_team(agency.region_id):
        raise ValidationError("Only the region's hub team can re-check its agencies.")
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": "The day of the check cannot be in the future."})
    values = (checked_on, on_framework, on_ethical_recruiters_list)
    if values == (agency.last_checked, agency.on_framework, agency.on_ethical_recruiters_list):
        return agency  # sent as shown
    agency.last_checked, agency.on_framework, agency.on_ethical_recruiters_list = values
    agency.save(update_fields=["last_checked", "on_framework", "on_ethical_recruiters_list"])
    agency_recheck_sync(agency=agency)
    return agency
