"""Reads for the provider pages, always given the acting user.

Lists use keyset pagination (never OFFSET) and a fixed number of queries whatever the page size:
one query for the page (annotations, not per-row lookups), one for the total or the counts, and
on later pages one to read the sort key of the cursor row. As for recruits, the cursor is the
`public_id` of the last row shown, so no integer id appears in a URL.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hubs.access import local_authorities_visible_to
from hubs.models import LocalAuthority
from portal.pagination import Page, cursor_row
from portal.pagination import page_of as _page
from providers.access import providers_visible_to
from providers.models import LicenceChange, Provider
from providers.panels import provider_column_annotations

PAGE_SIZE = 50


def provider_list(
    *,
    user: Any,
    search: str = "",
    licence_status: str = "",
    licence_rating: str = "",
    local_authority: LocalAuthority | None = None,
    after: str | None = None,
    page_size: int = PAGE_SIZE,
) -> Page[Provider]:
    """One page of the providers visible to the user, ordered by name then id, with the total.

    Each row carries the annotations of the columns other apps add (providers/panels.py)."""
    visible = providers = providers_visible_to(user)
    if search:
        providers = providers.filter(
            Q(name__icontains=search) | Q(cqc_provider_id__icontains=search) | Q(cqc_location_id__icontains=search)
        )
    if licence_status:
        providers = providers.filter(licence_status=licence_status)
    if licence_rating:
        providers = providers.filter(licence_rating=licence_rating)
    if local_authority is not None:
        providers = providers.filter(local_authority=local_authority)
    total = providers.count()
    key = cursor_row(visible, after, "name", "id")
    if key is not None:
        providers = providers.filter(Q(name__gt=key["name"]) | Q(name=key["name"], id__gt=key["id"]))
    rows: list[Provider] = list(
        providers.select_related("local_authority", "hub")
        .annotate(**provider_column_annotations())
        .order_by("name", "id")[: page_size + 1]
    )
    return _page(rows, page_size, lambda provider: provider.public_id, total)


def provider_filter_authorities(*, user: Any) -> list[LocalAuthority]:
    """Councils offered in the list's filter: those of the user's regions or their own council."""
    return list(local_authorities_visible_to(user).order_by("name"))


def provider_licence_history(*, provider: Provider) -> list[LicenceChange]:
    return list(provider.licence_changes.select_related("recorded_by").order_by("-effective_on", "-recorded_at"))
