"""Careers information pages: writes and reads (the hub team writes; the region reads)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Region
from providers.selectors import Page, _page, cursor_row
from training.access import career_pages_visible_to
from training.models import CareerPage

PAGE_SIZE = 50
FIELDS = ("role", "summary", "body")


def _save(page: CareerPage) -> CareerPage:
    page.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError:
        raise ValidationError({"role": "This role already has a page: change that one instead."}) from None
    return page


def career_page_add(*, actor: User, region: Region, data: dict[str, Any]) -> CareerPage:
    if not scope_for(actor).is_hub_team(region):
        raise PermissionDenied("Careers pages are written by the region's hub team.")
    page = CareerPage(region=region, updated_by=actor, **{name: (data.get(name) or "").strip() for name in FIELDS})
    return _save(page)


def career_page_update(*, actor: User, page: CareerPage, data: dict[str, Any]) -> CareerPage:
    if not scope_for(actor).is_hub_team(page.region_id):
        raise PermissionDenied("Careers pages are written by the region's hub team.")
    new = {name: (data.get(name) or "").strip() for name in FIELDS}
    if all(getattr(page, name) == value for name, value in new.items()):
        return page  # sent unchanged: nothing is written, not even who and when
    for name, value in new.items():
        setattr(page, name, value)
    page.updated_by = actor
    return _save(page)


def career_page_list(*, user: Any, after: str | None = None, page_size: int = PAGE_SIZE) -> Page[CareerPage]:
    rows = career_pages_visible_to(user)
    key = cursor_row(rows, after, "role", "id")
    if key:
        rows = rows.filter(Q(role__gt=key["role"]) | Q(role=key["role"], id__gt=key["id"]))
    return _page(list(rows.order_by("role", "id")[: page_size + 1]), page_size, lambda page: page.public_id)
