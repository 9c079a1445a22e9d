"""Markdown written by hub teams (booklet sections, good-practice examples) as HTML that is safe to
show: rendered with markdown-it-py, then cleaned with nh3 against an allow-list."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "h3", "h4", "blockquote", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def markdown_render(text: str) -> SafeString:
    """Markdown to HTML that is safe to show: no scripts, frames, styles, event handlers or
    `javascript:` links survive; links may be http(s), mailto and tel only."""
    html = _MARKDOWN.render(text or "")
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with an allow-list just above
