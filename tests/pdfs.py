"""Reading PDFs in tests: their text, title, language and whether they are tagged."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


@dataclass(frozen=True)
class PdfFacts:
    text: str
    title: str
    language: str
    tagged: bool
    pages: int


def pdf_facts(content: bytes) -> PdfFacts:
    reader = PdfReader(io.BytesIO(content))
    root: Any = reader.trailer["/Root"]
    mark_info: Any = root.get("/MarkInfo") or {}
    return PdfFacts(
        text="\n".join(page.extract_text() or "" for page in reader.pages),
        title=str(reader.metadata.get("/Title", "")) if reader.metadata else "",
        language=str(root.get("/Lang", "")),
        tagged="/StructTreeRoot" in root and bool(mark_info.get("/Marked", False)),
        pages=len(reader.pages),
    )
