"""Documents about a recruit (UKVI letters, certificates, evidence): the services and reads.

The files are checked, stored and served by `portal.files`, in `MEDIA_ROOT / "documents"`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from hubs.access import scope_for
from portal.files import file_remove, file_store, stored_path
from recruits.access import can_see_sensitive, recruits_editable_by
from recruits.models import Document, Recruit


def documents_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def document_path(document: Document) -> Path:
    return stored_path(documents_directory(), document.stored_name, owner=f"document {document.pk}")


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
        transaction.on_commit(lambda: file_remove(path, what="document"))


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
