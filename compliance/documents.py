"""Documents on a case's timeline (a UKVI letter, a council email as PDF): the recruit documents'
checks (size, extension, magic bytes), stored under a generated name outside any public URL and
served only by the access-checked download view."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from compliance.models import CaseEntry
from portal.files import file_store, stored_path


def case_documents_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "compliance"


def entry_document_path(entry: CaseEntry) -> Path:
    return stored_path(case_documents_directory(), entry.stored_name, owner=f"case entry {entry.pk}")


def entry_store_document(entry: CaseEntry, upload: UploadedFile) -> None:
    """Check and write the file; the caller removes it if the row then fails."""
    try:
        stored = file_store(upload, case_documents_directory())
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    entry.document_name = stored.original_name or "document"
    entry.stored_name = stored.stored_name
    entry.content_type = stored.content_type
