"""What compliance/ adds to a provider's page (providers/panels.py, registered in `ComplianceConfig`):
the open compliance case, for those who may see it, and the lead's button to record a licence event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from compliance.access import compliance_cases_visible_to
from hubs.access import scope_for
from providers.models import Provider
from providers.panels import Panel

OPEN_CASE = ["open", "active", "monitoring"]


def provider_page_panels(user: Any, provider: Provider) -> Iterator[Panel]:
    case = compliance_cases_visible_to(user).filter(provider=provider, status__in=OPEN_CASE).first()
    if case is not None:
        yield Panel("notice", 10, "compliance/provider_page/_open_case.html", {"open_case": case})
    # Licence events are the lead's to record (the event page checks `providers_licence_editable_by`);
    # while the licence is not active, an open case is the main action for everyone who sees it.
    lead = scope_for(user).is_lead(provider.region_id)
    if lead or case is not None:
        yield Panel(
            "actions", 10, "compliance/provider_page/_licence_event_action.html", {"open_case": case, "lead": lead}
        )
