"""Documents about a recruit (UKVI letters, certificates, evidence): checks, storage, services.

Files are stored under a generated name in `MEDIA_ROOT / "documents"`, which no URL serves:
they leave the server only through the download view, after an access check. The name the
person gave the file is kept for display and for the download's file name, never for storage.
"""

from __future__ import annotations

import logging
import math
import os
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from hubs.access import scope_for
from recruits.access import can_see_sensitive, recruits_editable_by
from recruits.active_content import ActiveContent, pdf_refuse_active_content
from recruits.models import Document, Recruit

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


def documents_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def stored_path(directory: Path, name: str, *, owner: object) -> Path:
    """Where a stored file lives. Stored names are generated, so this never trips; it keeps a
    tampered row inside its folder."""
    if not name or PurePosixPath(name).name != name or name.startswith("."):
        raise ValueError(f"Unexpected stored name for {owner}")
    return directory / name


def document_path(document: Document) -> Path:
    return stored_path(documents_directory(), document.stored_name, owner=f"document {document.pk}")


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


def document_upload(*, actor: User, recruit: Recruit, upload: UploadedFile, kind: str, title: str = "") -> Document:
    """Store the file under a generated name and record it; neither is left without the other."""
    stored = file_store(upload, documents_directory())
    path = stored.path
    try:
        with transaction.atomic():
            document = Document(
                recruit=recruit,
                kind=kind,
                title=title.strip(),
                original_name=stored.original_name,
                stored_name=stored.stored_name,
                content_type=stored.content_type,
                size=stored.size,
                uploaded_by=actor,
            )
            document.full_clean()
            document.save()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return document


def document_delete(*, actor: User, document: Document) -> None:
    """Delete the row, then the file once the deletion is committed (a rollback keeps both)."""
    path = document_path(document)
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: _remove(path))


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        # The row is gone, so nothing can reach the file; say so, so that someone removes it.
        logger.exception("Could not remove the file of a deleted document: %s", path.name)


# Reads used by the recruit page's "Documents" tab and by the views.


def can_upload_documents(user: Any, recruit: Recruit) -> bool:
    """Whoever may edit the recruit, and the recruit themself."""
    if recruit.pk == scope_for(user).recruit_id:
        return True
    return recruits_editable_by(user).filter(pk=recruit.pk).exists()


def can_delete_documents(user: Any, recruit: Recruit) -> bool:
    return recruits_editable_by(user).filter(pk=recruit.pk).exists()


def documents_for(user: Any, recruit: Recruit) -> list[Document]:
    """The recruit's documents for a user who may see the recruit, or none without sensitive access."""
    if not can_see_sensitive(user, recruit):
        return []
    return list(recruit.documents.select_related("uploaded_by"))
