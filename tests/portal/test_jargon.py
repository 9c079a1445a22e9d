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

JARGON = {
    "CoS": "certificate of sponsorship",
    "DASS": "director of adult social services",
    "RTW": "right to work",
}

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Pages another branch owns at the time of writing (training, access log): fix there, then empty this.
NOT_YET = {"training/osce.html", "accesslog/list.html"}


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
    failing = {
        name: found
        for name in _templates()
        if name not in NOT_YET and (found := unexplained((TEMPLATES / name).read_text()))
    }
    assert not failing, f"Spell these out on first use, e.g. 'Certificate of Sponsorship (CoS)': {failing}"
