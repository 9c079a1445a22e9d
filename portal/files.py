"""Uploaded files: the checks every upload passes, storage under a generated name, and serving.

Files are stored under a generated name in a folder of `MEDIA_ROOT` that no URL serves: they
leave the server only through a view that checked access first and answers with
`stored_file_response`. The name the person gave the file is kept for display and for the
download's file name, never for storage. Each app owns its folder (recruits' documents, case
documents, the resource library) and the row that records the file.
"""

from __future__ import annotations

import logging
import math
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404

from portal.active_content import ActiveContent, pdf_refuse_active_content

logger = logging.getLogger(__name__)

MB = 1024 * 1024
ORIGINAL_NAME_MAX = 200
EMPTY_FILE = "The file is empty: check you chose the right file, open it on your device, then upload it again"


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    magic: bytes


PDF = FileType("PDF", "application/pdf", b"%PDF-")
JPEG = FileType("JPEG", "image/jpeg", b"\xff\xd8\xff")
PNG = FileType("PNG", "image/png", b"\x89PNG\r\n\x1a\n")
FILE_TYPES: dict[str, FileType] = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
ACCEPT = ",".join([*FILE_TYPES, *sorted({t.content_type for t in FILE_TYPES.values()})])


def document_max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", 10 * MB))


def document_limit_text() -> str:
    return _megabytes(document_max_bytes(), round_up=False)


def _megabytes(size: int, *, round_up: bool) -> str:
    """12.3 MB; a file just over the limit reads 10.1 MB (rounded up), the limit rounds down."""
    rounding = math.ceil if round_up else math.floor
    if size < MB:
        return f"{rounding(size / 1024)} KB" if size >= 1024 else f"{size} bytes"
    text = f"{rounding(size * 10 / MB) / 10:.1f}".removesuffix(".0")
    return f"{text} MB"


def clean_original_name(name: str) -> str:
    """The person's file name without folders or control characters, short enough to store."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    if not name.strip("."):
        return "document"
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:ORIGINAL_NAME_MAX]
    return stem[: ORIGINAL_NAME_MAX - len(extension) - 1] + "." + extension


def document_check(upload: UploadedFile) -> FileType:
    """The file's type, or a ValidationError that says what to do about it."""
    limit = document_max_bytes()
    size = upload.size or 0
    if size == 0:
        raise ValidationError(EMPTY_FILE, code="empty")
    if size > limit:
        raise ValidationError(
            f"The file is {_megabytes(size, round_up=True)}: upload a file of {document_limit_text()} or less",
            code="too_big",
        )
    extension = PurePosixPath(clean_original_name(upload.name or "")).suffix.lower()
    file_type = FILE_TYPES.get(extension)
    if file_type is None:
        found = f"a {extension} file" if extension else "a file without a type (like .pdf) at the end of its name"
        raise ValidationError(
            f"The file must be a PDF, JPEG or PNG, and this is {found}: "
            "save or scan it as a PDF (or take a photo as JPEG or PNG) and upload that",
            code="file_type",
        )
    upload.seek(0)
    head = upload.read(len(file_type.magic))
    upload.seek(0)
    if head != file_type.magic:
        raise ValidationError(
            f"This file says it is a {file_type.label} but it is not: upload the original PDF, JPEG or PNG",
            code="renamed",
        )
    if file_type is PDF:
        try:
            pdf_refuse_active_content(upload.read())
        except ActiveContent as refusal:
            raise ValidationError(str(refusal), code="active_content") from None
        finally:
            upload.seek(0)
    return file_type


def stored_path(directory: Path, name: str, *, owner: object) -> Path:
    """Where a stored file lives. Stored names are generated, so this never trips; it keeps a
    tampered row inside its folder."""
    if not name or PurePosixPath(name).name != name or name.startswith("."):
        raise ValueError(f"Unexpected stored name for {owner}")
    return directory / name


def _write(upload: UploadedFile, path: Path) -> None:
    path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    # O_EXCL: never overwrite a file, even if two uuid4 values met.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(descriptor, "wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class StoredFile:
    """A checked upload written under a generated name in `directory`."""

    path: Path
    stored_name: str
    original_name: str
    content_type: str
    size: int


def file_store(upload: UploadedFile, directory: Path) -> StoredFile:
    """Check the upload (type, size, magic bytes) and write it under a fresh generated name.
    The caller records it in the database and removes `path` if that fails."""
    file_type = document_check(upload)
    original_name = clean_original_name(upload.name or "")
    stored_name = uuid.uuid4().hex + PurePosixPath(original_name).suffix.lower()
    path = directory / stored_name
    _write(upload, path)
    return StoredFile(path, stored_name, original_name, file_type.content_type, path.stat().st_size)


def file_remove(path: Path, *, what: str) -> None:
    """Remove a stored file whose row is gone; a failure is logged so that someone removes it."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        # The row is gone, so nothing can reach the file; say so, so that someone removes it.
        logger.exception("Could not remove the file of a deleted %s: %s", what, path.name)


def stored_file_response(
    path: Path, *, filename: str, content_type: str, cache_control: str = "no-store"
) -> FileResponse:
    """A stored upload as an attachment that no cache keeps; a missing file is a 404 (and logged)."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        logger.error("A stored file is missing: %s", path.name)
        raise Http404("Not found") from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment_header(name: str) -> str:
    """`attachment; filename="..."` with a plain-ASCII name, and the exact name in `filename*` when it differs."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._() -]+", "_", ascii_name).strip(" ")
    if not ascii_name or ascii_name.startswith("."):
        ascii_name = "document" + ascii_name
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
