"""The public sponsor register's word in sponsor eligibility (DOMAIN.md: a revoked provider is
removed from the register; a B-rated one is shown B-rated there).

When an import of the register no longer lists a provider, or shows it B-rated, the lead gets an
alert (compliance/register.py). Until the lead has checked it (recorded the licence event, or
dismissed the alert as a false match), the provider cannot take on a displaced worker: the
portal's own licence record may simply not know yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import OuterRef, Subquery

from compliance.models import AlertKind, AlertStatus, RegisterAlert
from providers.eligibility import Check, EligibilitySource

BLOCKING = (AlertKind.MISSING, AlertKind.B_RATING)
LABEL = "Public sponsor register"


def _annotations() -> dict[str, Any]:
    open_alerts = RegisterAlert.objects.filter(
        provider=OuterRef("pk"), status=AlertStatus.OPEN, kind__in=BLOCKING
    ).order_by("-register_import_id", "-id")
    return {
        "register_alert_kind": Subquery(open_alerts.values("kind")[:1]),
        "register_alert_at": Subquery(open_alerts.values("register_import__started_at")[:1]),
    }


def _check(values: Mapping[str, Any], on: dt.date) -> Check | None:
    """A failed check while a blocking alert is open; nothing to say otherwise."""
    kind = values.get("register_alert_kind")
    if not kind:
        return None
    imported: dt.datetime | None = values.get("register_alert_at")
    copy = (
        f"The copy of the public sponsor register imported on {imported:%-d %B %Y}"
        if imported
        else "The public sponsor register"
    )
    said = "no longer lists it" if kind == AlertKind.MISSING else "shows it B-rated"
    return Check(
        LABEL,
        False,
        f"{copy} {said}: the lead checks the register alert (records the licence event, or dismisses the alert "
        "as a false match) before it can sponsor a displaced worker.",
    )


SOURCE = EligibilitySource(annotations=_annotations, check=_check)
