"""Reading the good-practice library: ranked full-text search with highlighted snippets, newest first otherwise."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Count, F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.pagination import Page
from practice.access import examples_visible_to
from practice.models import Example, Tag
from practice.services import SEARCH_CONFIG

PAGE_SIZE = 20
MOST_RESULTS = 50
# ts_headline marks matches with these; the snippet is escaped, then they become <mark> tags.
_START, _STOP = "\ue000", "\ue001"  # private-use characters, which nobody types
# Markdown's marks read as noise in a snippet of plain text: headings, emphasis, quotes, list bullets.
_MARKUP = re.compile(r"(?:^|(?<=\s))(?:#{1,6}|>|[-*+])(?=\s)|\*\*|__|`")


@dataclass(frozen=True)
class LibraryFilter:
    q: str = ""
    tag: str = ""
    region_id: int | None = None
    national_only: bool = False


def snippet_html(headline: str) -> SafeString:
    """The headline as safe HTML: everything escaped, the matches marked."""
    text = _MARKUP.sub(" ", headline)
    html = escape(" ".join(text.split())).replace(escape(_START), "<mark>").replace(escape(_STOP), "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above; only our own <mark> tags are added


def _filtered(user: Any, filters: LibraryFilter) -> QuerySet[Example]:
    examples = examples_visible_to(user).select_related("region").prefetch_related("tags").defer("body", "search")
    if filters.tag:
        examples = examples.filter(tags__slug=filters.tag)
    if filters.national_only:
        examples = examples.filter(region__isnull=True)
    elif filters.region_id:
        examples = examples.filter(region_id=filters.region_id)
    return examples


def library_search(user: Any, filters: LibraryFilter) -> list[Example]:
    """The best matches first (at most MOST_RESULTS), each with `snippet`: the summary and body
    with the matching words marked."""
    query = SearchQuery(filters.q, search_type="websearch", config=SEARCH_CONFIG)
    examples = (
        _filtered(user, filters)
        .filter(search=query)
        .annotate(
            rank=SearchRank(F("search"), query),
            headline=SearchHeadline(
                "body",
                query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
            ),
        )
        .order_by("-rank", "-published_at", "-id")[:MOST_RESULTS]
    )
    results: list[Example] = list(examples)
    for example in results:
        example.snippet = snippet_html(example.headline)  # type: ignore[attr-defined]
    return results


def library_page(user: Any, filters: LibraryFilter, *, after: str | None) -> Page[Example]:
    """Newest first, by keyset (published time and id of the last example shown)."""
    examples = _filtered(user, filters).order_by("-published_at", "-id")
    cursor = _cursor(examples, after)
    if cursor is not None:
        examples = examples.filter(published_at__lte=cursor["published_at"]).exclude(
            published_at=cursor["published_at"], id__gte=cursor["id"]
        )
    rows = list(examples[: PAGE_SIZE + 1])
    items = rows[:PAGE_SIZE]
    return Page(items=items, next_cursor=str(items[-1].public_id) if len(rows) > PAGE_SIZE else None)


def _cursor(examples: QuerySet[Example], after: str | None) -> Any:
    try:
        public_id = uuid.UUID(str(after)) if after else None
    except ValueError:
        return None
    return examples.filter(public_id=public_id).values("published_at", "id").first() if public_id else None


def library_tags(user: Any) -> QuerySet[Tag]:
    """Tags in use, with how many examples carry each."""
    visible = examples_visible_to(user)
    return Tag.objects.filter(examples__in=visible).annotate(uses=Count("examples")).order_by("-uses", "name")
