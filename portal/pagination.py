"""Keyset pagination shared by every list page: the cursor is the last row's public id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class Page[T]:
    items: list[T]
    next_cursor: str | None
    total: int | None = None


def cursor_row[M: Any](rows: QuerySet[M], after: str | None, *fields: str) -> dict[str, Any] | None:
    """The sort key of the cursor row among `rows` (which the user may see), or None: first page.

    A cursor that is not a UUID, or names a row the user cannot see, starts again from the first page.
    """
    try:
        public_id = UUID(str(after)) if after else None
    except ValueError:
        return None
    return rows.filter(public_id=public_id).values(*fields).first() if public_id else None


def page_of[M: Any](rows: list[M], page_size: int, public_id: Callable[[M], UUID], total: int | None = None) -> Page[M]:
    """`rows` holds up to page_size + 1 rows: the extra one only says that a next page exists."""
    items = rows[:page_size]
    more = len(rows) > page_size
    return Page(items=items, next_cursor=str(public_id(items[-1])) if more else None, total=total)


def query_with(request: HttpRequest, **changes: str | None) -> str:
    """The page's query string with `changes` made (None drops a key): the links to the next and first page."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    return query.urlencode()
