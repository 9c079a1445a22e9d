"""Files attached to an advice thread: the portal's checks (size, type, magic bytes, no active PDF
content), stored under a generated name outside any public URL, served by the access-checked view."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from advice.models import AdviceMessage
from portal.files import stored_path


def advice_documents_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "advice"


def message_document_path(message: AdviceMessage) -> Path:
    return stored_path(advice_documents_directory(), message.stored_name, owner=f"advice message {message.pk}")
