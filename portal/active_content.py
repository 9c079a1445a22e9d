"""Refusing PDFs that carry active content, and files that are a PDF and a web page at once.

The portal refuses these files rather than rewriting them: the documents it keeps (UKVI
letters, certificates, evidence) never need a script, and removing actions from a PDF safely
needs a full PDF parser the portal does not ship. The person is told to print the document to
a new PDF or scan it, which drops any script. See docs/SECURITY.md.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

# PDF name objects that run or carry something: scripts (/JS, /JavaScript, also inside
# /OpenAction and /AA), launching programs, attached files, Flash and XFA forms.
ACTIVE_NAMES = {
    b"/JavaScript": "JavaScript",
    b"/JS": "JavaScript",
    b"/Launch": "an action that starts a program",
    b"/EmbeddedFile": "an attached file",
    b"/EmbeddedFiles": "an attached file",
    b"/RichMedia": "embedded media (Flash)",
    b"/XFA": "an XFA form (which can run scripts)",
}
# A PDF reader starts at "%PDF-"; a browser sniffing the same bytes as HTML would run these.
HTML_MARKERS = re.compile(rb"<\s*(?:html|script|body|svg|iframe|!doctype\s+html)", re.IGNORECASE)
POLYGLOT_WINDOW = 1024

# A name object ends at whitespace or a delimiter; "#xx" in a name is an escaped byte
# (so "/J#61vaScript" is "/JavaScript").
_NAME = re.compile(rb"/[^\s/\[\]<>(){}%]+")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
# Compressed streams are inflated to look inside them, up to this much in all (a "zip bomb"
# of a PDF is refused as one that cannot be checked).
MAX_INFLATED_BYTES = 50 * 1024 * 1024

ACTIVE_CONTENT = (
    "This PDF contains {what}, which the portal does not accept because it could run on the "
    "computer of whoever opens it. Print the document to a new PDF (File, Print, “Save as PDF” "
    "or “Microsoft Print to PDF”) or scan the paper copy, and upload that"
)
POLYGLOT = (
    "This file starts as a PDF but also contains a web page, so the portal does not accept it. "
    "Print the document to a new PDF (File, Print, “Save as PDF”) or scan the paper copy, and upload that"
)
UNCHECKABLE = (
    "This PDF unpacks to more than {limit} MB, so the portal cannot check it. Print the document to "
    "a new PDF (File, Print, “Save as PDF”) or scan the paper copy, and upload that"
)


class ActiveContent(Exception):
    """The file is refused; the message says what to do."""


def pdf_refuse_active_content(data: bytes) -> None:
    """Raise ActiveContent for a PDF/HTML polyglot or a PDF with scripts, launch actions or attachments."""
    if HTML_MARKERS.search(data[:POLYGLOT_WINDOW]):
        raise ActiveContent(POLYGLOT)
    for chunk in _chunks(data):
        what = _active_name_in(chunk)
        if what:
            raise ActiveContent(ACTIVE_CONTENT.format(what=what))


def _active_name_in(data: bytes) -> str | None:
    for match in _NAME.finditer(data):
        name = _HEX_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), match[0]) if b"#" in match[0] else match[0]
        if name in ACTIVE_NAMES:
            return ACTIVE_NAMES[name]
    return None


def _chunks(data: bytes) -> Iterator[bytes]:
    """The file itself, then each stream inflated (object streams hide dictionaries in them)."""
    yield data
    budget = MAX_INFLATED_BYTES
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(view[match.end() :], budget + 1)
        except zlib.error:
            continue  # not Flate (an image, or another filter): nothing of ours to read in it
        budget -= len(inflated)
        if budget < 0:
            raise ActiveContent(UNCHECKABLE.format(limit=MAX_INFLATED_BYTES // (1024 * 1024)))
        yield inflated
