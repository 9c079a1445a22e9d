"""The subject access export: everything the portal holds about a person, as one ZIP.

- `data.json`: every registered source (`accesslog.rights.subject_data`) with its rows and its
  history rows, as they are stored;
- `summary.pdf`: the same rows, readable (each source a heading, each row its fields);
- `documents/`: the files the person's rows keep on disk, under their original names.

A file missing on disk is named in `data.json` ("missing_files") rather than failing the export.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accesslog.rights import SourceData, SubjectKind, subject_data
from portal.pdf import pdf_render

SUMMARY_TEMPLATE = "accesslog/rights_summary_pdf.html"


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, bytes | memoryview):
            return f"<{len(bytes(o))} bytes of binary data>"
        return super().default(o)


@dataclass(frozen=True)
class SubjectExport:
    content: bytes
    filename: str
    sources: int
    rows: int
    files: int


def _document_name(name: str, taken: set[str]) -> str:
    clean = name.replace("/", "_").replace("\\", "_").lstrip(".") or "document"
    candidate, number = clean, 1
    while candidate in taken:
        number += 1
        candidate = f"{number}-{clean}"
    taken.add(candidate)
    return candidate


def _readable(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bytes | memoryview):
        return f"{len(bytes(value))} bytes of binary data"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%-d %B %Y %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    return str(value)


def _summary_sources(found: list[SourceData]) -> list[dict[str, Any]]:
    return [
        {
            "label": source.label,
            "rows": [[(key.replace("_", " "), _readable(value)) for key, value in row.items()] for row in source.rows],
            "history": len(source.history),
            "files": [name for name, _path in source.files],
        }
        for source in found
    ]


def subject_export(kind: SubjectKind, subject: Any, *, by: str) -> SubjectExport:
    """The ZIP of everything held about `subject` (`by`: who asked, named on the summary)."""
    found = subject_data(kind.kind, subject)
    now = timezone.now()
    name = kind.name(subject)
    archive = io.BytesIO()
    missing: list[str] = []
    files = 0
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        taken: set[str] = set()
        for source in found:
            for file_name, path in source.files:
                if not path.is_file():
                    missing.append(file_name)
                    continue
                zipped.writestr(f"documents/{_document_name(file_name, taken)}", path.read_bytes())
                files += 1
        data = {
            "person": {"kind": kind.kind, "public_id": str(subject.public_id), "name": name},
            "produced_at": now,
            "produced_by": by,
            "sources": [
                {
                    "label": source.label,
                    "model": source.model,
                    "rows": source.rows,
                    "history": source.history,
                    "files": [file_name for file_name, _path in source.files],
                }
                for source in found
            ],
            "missing_files": missing,
        }
        zipped.writestr("data.json", json.dumps(data, cls=_Encoder, indent=2, ensure_ascii=False))
        context = {
            "name": name,
            "produced_at": now,
            "by": by,
            "sources": _summary_sources(found),
            "missing": missing,
        }
        title = f"The data the portal holds about {name}"
        summary = pdf_render(template=SUMMARY_TEMPLATE, context=context, title=title)
        zipped.writestr("summary.pdf", summary)
    return SubjectExport(
        content=archive.getvalue(),
        filename=f"subject-access-{subject.public_id}-{timezone.localdate():%Y-%m-%d}.zip",
        sources=len(found),
        rows=sum(len(s.rows) for s in found),
        files=files,
    )
