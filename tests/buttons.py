"""The page's main (green) actions: its link buttons that are not secondary, by their text."""

from __future__ import annotations

import re


def primary_buttons(html: str) -> list[str]:
    buttons = re.findall(r'<a [^>]*class="govuk-button( govuk-button--secondary)?"[^>]*>(.*?)</a>', html, flags=re.S)
    visible = (
        re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", text)
        for secondary, text in buttons
        if not secondary
    )
    return [re.sub(r"<[^>]+>", "", text).strip() for text in visible]
