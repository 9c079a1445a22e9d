"""Documents on a case's timeline (a UKVI letter, a council email as PDF): the recruit documents'
checks (size, extension, magic bytes), stored under a generated name outside any public URL and
served only by the access-checked download view."""

from __future__ import annotations

import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from compliance.models import CaseEntry
from recruits.documents import _write, clean_original_name, document_check


def case_documents_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "compliance"


def entry_document_path(entry: CaseEntry) -> Path:
    name = entry.stored_name
    if not name or PurePosixPath(name).name != name or name.startswith("."):
        raise ValueError(f"Unexpected stored name for case entry {entry.pk}")
    return case_documents_directory() / name


def entry_store_document(entry: CaseEntry, upload: UploadedFile) -> None:
    """Check and write the file; if the transaction fails afterwards, the file is removed."""
    try:
        file_type = document_check(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    extension = PurePosixPath(clean_original_name(upload.name or "")).suffix.lower()
    entry.document_name = clean_original_name(upload.name or "document")
    entry.stored_name = f"{uuid.uuid4().hex}{extension}"
    entry.content_type = file_type.content_type
    _write(upload, entry_document_path(entry))
