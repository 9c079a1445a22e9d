"""Jargon is spelled out on first use: a template that says CoS, DASS or RTW says what it stands for first.

Each template under templates/ is read as text (template comments and tags removed); the first time
an abbreviation appears as a word, its expansion must come before it or wrap it, as in
"Certificate of Sponsorship (CoS)". An `<abbr title>` alone does not count: GOV.UK spells it out.
A template included in a page that already spells it out can say so with `{# jargon: CoS #}`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tests.conftest import Cast
from tests.forms.census import _skipped, open_page
from tests.security.test_isolation import CASES as ISOLATION_CASES
from tests.security.urls import all_routes

JARGON = {
    "CoS": "certificate of sponsorship",
    "DASS": "director of adult social services",
    "RTW": "right to work",
}

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _text(source: str) -> str:
    source = re.sub(r"{#.*?#}", " ", source, flags=re.S)
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{[%{].*?[%}]}", " ", source, flags=re.S)
    source = re.sub(r"<[^>]+>", " ", source)
    return re.sub(r"\s+", " ", source).replace("-", " ")


def unexplained(source: str) -> list[str]:
    """The abbreviations this template uses before (or without) spelling them out."""
    declared = set(re.findall(r"{#\s*jargon:\s*([^#]+?)\s*#}", source))
    declared = {word.strip() for words in declared for word in words.split(",")}
    text = _text(source)
    missing = []
    for short, long in JARGON.items():
        if short in declared:
            continue
        first = re.search(rf"\b{short}\b", text)
        if first and long not in text[: first.start()].lower():
            missing.append(short)
    return missing


def _templates() -> list[str]:
    return sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize(
    ("source", "missing"),
    [
        ("<p>Your CoS reference</p>", ["CoS"]),
        ("<p>Your Certificate of Sponsorship (CoS) reference. The CoS says</p>", []),
        ('<abbr title="Certificate of Sponsorship">CoS</abbr>', ["CoS"]),
        ("<p>The DASS was told. Director of Adult Social Services</p>", ["DASS"]),
        ("<p>Right-to-work (RTW) check; RTW done</p>", []),
        ("{# jargon: CoS #}<td>CoS</td>", []),
        ("<p>Costs and cosy</p>", []),
    ],
)
def test_the_scan_finds_an_abbreviation_used_before_it_is_spelled_out(source: str, missing: list[str]) -> None:
    assert unexplained(source) == missing


def test_every_template_spells_out_its_jargon_on_first_use() -> None:
    failing = {name: found for name in _templates() if (found := unexplained((TEMPLATES / name).read_text()))}
    assert not failing, f"Spell these out on first use, e.g. 'Certificate of Sponsorship (CoS)': {failing}"


def _main(html: str) -> str:
    """The page's main content: labels, hints and messages written in Python are rendered here."""
    start, end = html.find("<main"), html.rfind("</main>")
    return html[start:end] if start != -1 and end != -1 else html


def _where(short: str, text: str) -> str:
    first = re.search(rf"\b{short}\b", text)
    assert first
    return f"{short}: …{text[max(0, first.start() - 60) : first.end() + 20]}…"


def test_every_page_spells_out_its_jargon_on_first_use_including_labels_written_in_python(cast: Cast) -> None:
    """Form labels, hints, choices and messages come from Python, so the rendered pages are read too:
    every route is opened as the first user of the cast who gets a page (as the forms census does)."""
    failing: dict[str, list[str]] = {}
    for route in all_routes():
        if _skipped(route.route, route.name) or (route.takes_id and route.name not in ISOLATION_CASES):
            continue
        assert route.name
        with transaction.atomic():
            page = open_page(route.name, cast, takes_id=route.takes_id)
            transaction.set_rollback(True)
        if page is not None and (found := unexplained(_main(page.html))):
            failing[f"{route.name} as {page.user}"] = [_where(short, _text(_main(page.html))) for short in found]
    assert not failing, f"Spell these out on first use, e.g. 'Certificate of Sponsorship (CoS)': {failing}"
