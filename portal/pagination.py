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
    capped: bool = False  # `total` was counted up to COUNT_CAP_PAGES pages only


def cursor_row[M: Any](rows: QuerySet[M], after: str | None, *fields: str) -> dict[str, Any] | None:
    """The sort key of the cursor row among `rows` (which the user may see), or None: first page.

    A cursor that is not a UUID, or names a row the user cannot see, starts again from the first page.
    """
    try:
        public_id = UUID(str(after)) if after else None
    except ValueError:
        return None
    return rows.filter(public_id=public_id).values(*fields).first() if public_id else None


def page_of[M: Any](
    rows: list[M],
    page_size: int,
    public_id: Callable[[M], UUID],
    total: int | None = None,
    *,
    count_all: QuerySet[Any] | None = None,
) -> Page[M]:
    """`rows` holds up to page_size + 1 rows: the extra one only says that a next page exists.

    With `count_all` (the whole filtered list, before the cursor), a list longer than one page is
    counted with `capped_count` (one query, only then), for "Page 1 of 3".
    """
    items = rows[:page_size]
    more = len(rows) > page_size
    capped = False
    if total is None and more and count_all is not None:
        total, capped = capped_count(count_all, page_size), True
    return Page(items=items, next_cursor=str(public_id(items[-1])) if more else None, total=total, capped=capped)


def query_with(request: HttpRequest, **changes: str | None) -> str:
    """The page's query string with `changes` made (a None or empty value removes the key): the
    links to the next and first pages keep the filters."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    return query.urlencode()


# -- page numbers ---------------------------------------------------------------------------------
# Keyset pagination cannot jump to page 7, but it can say where the reader is: the page number
# travels in the links (`page=`), the number of pages comes from the list's total (or a capped count:
# counting stops at COUNT_CAP_PAGES pages, so a huge list costs no more than a small one).

PAGE_PARAM = "page"
CURSOR_PARAMS = ("after", "before", PAGE_PARAM)
COUNT_CAP_PAGES = 50


def capped_count[M: Any](rows: QuerySet[M], page_size: int, pages: int = COUNT_CAP_PAGES) -> int:
    """How many rows, counting no further than `pages` pages and one row (one cheap query):
    a result above page_size * pages means "more than `pages` pages"."""
    return rows.order_by()[: page_size * pages + 1].count()


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    query: str = ""
    current: bool = False


@dataclass(frozen=True)
class PageNumbers:
    number: int
    count: int | None  # None: not known
    more_than: bool  # the count was capped: "Page 1 of more than 50"
    previous_query: str | None
    next_query: str | None
    links: list[PageLink]

    @property
    def summary(self) -> str:
        if self.count is None:
            return f"Page {self.number}"
        return f"Page {self.number} of {'more than ' if self.more_than else ''}{self.count}"

    @property
    def shown(self) -> bool:
        return self.number > 1 or self.next_query is not None


def _page_number(request: HttpRequest, later: bool) -> int:
    try:
        number = int(request.GET.get(PAGE_PARAM, ""))
    except ValueError:
        number = 0
    if not later:
        return 1
    return number if number >= 2 else 2  # a later page without a (sane) number: at least the second


def page_numbers(
    request: HttpRequest,
    *,
    size: int,
    next_cursor: object | None,
    previous_cursor: object | None = None,
    total: int | None = None,
    capped_pages: int | None = None,
) -> PageNumbers:
    """Where this page is among the list's pages, with the links the GOV.UK pagination shows.

    `size` is the page size; `total` the number of rows (None: unknown). With `capped_pages`, a
    total above size * capped_pages reads "more than" that many pages.
    """
    later = bool(request.GET.get("after") or request.GET.get("before"))
    number = _page_number(request, later)
    count: int | None = None
    more_than = False
    if total is not None:
        count = max(1, -(-total // size))
        if capped_pages is not None and total > size * capped_pages:
            count, more_than = capped_pages, True
    if next_cursor is None:
        count, more_than = number, False  # the last page: whatever the link said
    elif count is not None and not more_than and count <= number:
        count = number + 1  # rows were added since the count: there is at least one more page
    first_query = query_with(request, after=None, before=None, page=None)
    next_query = query_with(request, after=str(next_cursor), before=None, page=str(number + 1)) if next_cursor else None
    previous_query: str | None = None
    if number == 2:
        previous_query = first_query
    elif number > 2 and previous_cursor:
        previous_query = query_with(request, before=str(previous_cursor), after=None, page=str(number - 1))
    links: list[PageLink] = []
    if number > 1:
        links.append(PageLink(1, first_query))
        if number > 2 and previous_query:
            if number > 3:
                links.append(PageLink(None))
            links.append(PageLink(number - 1, previous_query))
        elif number > 2:
            links.append(PageLink(None))
    links.append(PageLink(number, "", current=True))
    if next_query:
        links.append(PageLink(number + 1, next_query))
        if count is None or more_than or count > number + 1:
            links.append(PageLink(None))
    return PageNumbers(number, count, more_than, previous_query, next_query, links)
