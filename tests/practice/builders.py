"""Good-practice examples for tests: one shared by region A's lead, with a file and a comment."""

from __future__ import annotations

import weakref

from django.core.files.uploadedfile import SimpleUploadedFile

from practice.models import Attachment, Comment, Example
from practice.services import attachment_add, attachment_path, comment_add, example_publish
from tests.conftest import Cast

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def example_in_a(cast: Cast, *, title: str = "A rematching clinic with the council", body: str = "") -> Example:
    data = {
        "title": title,
        "summary": "Workers met employers and commissioners in one room.",
        "body": body or "We booked a room and invited every employer with a vacancy.",
        "contact_name": "Lead A",
        "contact_email": "lead.a@portal.test",
    }
    return example_publish(actor=cast.lead_a, region=cast.region_a, data=data, tags=["rematching", "councils"])


def attachment_in_a(cast: Cast) -> Attachment:
    attachment = attachment_add(
        actor=cast.lead_a, example=example_in_a(cast), upload=SimpleUploadedFile("clinic-plan.pdf", PDF)
    )
    weakref.finalize(cast, attachment_path(attachment).unlink, missing_ok=True)
    return attachment


def comment_in_a(cast: Cast) -> Comment:
    return comment_add(actor=cast.staff_b, example=example_in_a(cast), body="We tried this in the North West too.")
