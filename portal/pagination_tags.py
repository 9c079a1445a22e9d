"""`{% pagination page "Pages of recruits" %}`: the GOV.UK pagination of a keyset page.

Registered as the template library `portal_pagination` (see TEMPLATES in portal/settings.py).
"""

from __future__ import annotations

from typing import Any

from django import template

from portal.pagination import COUNT_CAP_PAGES, page_numbers

register = template.Library()


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context: template.Context, page: Any, label: str) -> dict[str, Any]:
    """`page` is any page object with `next_cursor` and `items` or `rows` (and optionally `total`,
    `previous_cursor`, `capped`: the total was counted up to COUNT_CAP_PAGES pages only)."""
    rows = getattr(page, "items", None)
    if rows is None:
        rows = getattr(page, "rows", [])
    numbers = page_numbers(
        context["request"],
        size=max(1, len(rows)),
        next_cursor=page.next_cursor,
        previous_cursor=getattr(page, "previous_cursor", None),
        total=getattr(page, "total", None),
        capped_pages=COUNT_CAP_PAGES if getattr(page, "capped", False) else None,
    )
    return {"numbers": numbers, "pagination_label": label}
