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
    """Markdown to HTML that is safe to show (headings start at h3): no scripts, frames, styles, event handlers or
    `javascript:` links survive; links may be http(s), mailto and tel only."""
    tokens = _MARKDOWN.parse(text or "")
    for token in tokens:
        # The page has its own h1 and h2: a writer's "# Title" or "## Part" becomes a heading one level
        # below them instead of disappearing into plain text.
        if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            token.tag = "h3"
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with an allow-list just above
