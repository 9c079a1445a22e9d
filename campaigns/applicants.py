"""Applications on a campaign's public form (issue 15 item 3): no account, consent, checked files,
one application per person and campaign, direct applications marked.

The form is open while the campaign is published and between its opening and closing dates. A
second application with the same email or passport number is not stored: the person is emailed
that they already applied (with how to follow it), and the page answers as for a new one, so that
the form never tells a stranger whose email or passport is on the portal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from campaigns.models import Application, ApplicationDocument, ApplicationEvent, Campaign, CampaignStatus, DocumentKind
from portal.files import file_remove, file_store, stored_path


def applications_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "applications"


def application_document_path(document: ApplicationDocument) -> Path:
    return stored_path(applications_directory(), document.stored_name, owner=f"application document {document.pk}")


def normalise_passport(text: str) -> str:
    return "".join(char for char in (text or "").upper() if char.isalnum())


def campaign_open_for_applications(campaign: Campaign, *, on: dt.date | None = None) -> bool:
    day = on or timezone.localdate()
    return campaign.status == CampaignStatus.PUBLISHED and campaign.opens_on <= day <= campaign.closes_on


def campaign_closed_message(campaign: Campaign, *, on: dt.date | None = None) -> str:
    day = on or timezone.localdate()
    if campaign.status == CampaignStatus.PUBLISHED and day < campaign.opens_on:
        return f"This campaign opens for applications on {campaign.opens_on:%-d %B %Y}."
    return "This campaign is not taking applications any more."


def is_direct(campaign: Campaign, country: str) -> bool:
    """A direct application: from a country the campaign does not recruit from."""
    if campaign.in_country:
        return country != "GB"
    return country not in campaign.target_countries


def _duplicate(campaign: Campaign, email: str, passport: str) -> Application | None:
    return (
        Application.objects.filter(campaign=campaign)
        .filter(Q(email=email) | Q(passport_number=passport))
        .order_by("id")
        .first()
    )


def _tell(email: str, template: str, context: dict[str, Any]) -> None:
    send_mail(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{context['subject']}",
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[email],
    )


def application_submit(
    *, campaign: Campaign, data: dict[str, Any], cv: UploadedFile, certificates: list[UploadedFile]
) -> Application | None:
    """Store a new application with its files, or, for a person who already applied, store nothing
    and email them. Returns the new application, or None for a duplicate."""
    if not campaign_open_for_applications(campaign):
        raise ValidationError(campaign_closed_message(campaign))
    if not data.get("consent"):
        raise ValidationError(
            {"consent": "Agree to the hub using your details for this application, or you cannot apply"}
        )
    email = data["email"].strip().lower()
    passport = normalise_passport(data["passport_number"])
    if not passport:
        raise ValidationError({"passport_number": "Enter your passport number, as printed in your passport"})
    context = {"campaign": campaign, "subject": f"Your application: {campaign.title}"}
    if _duplicate(campaign, email, passport) is not None:
        _tell(email, "campaigns/email/already_applied.txt", context)
        return None
    stored = []
    try:
        for kind, upload in [(DocumentKind.CV, cv), *((DocumentKind.CERTIFICATE, u) for u in certificates)]:
            try:
                stored.append((kind, file_store(upload, applications_directory())))
            except ValidationError as error:
                field = "cv" if kind == DocumentKind.CV else "certificates"
                raise ValidationError({field: [f"{upload.name}: {message}" for message in error.messages]}) from None
        with transaction.atomic():
            application = Application.objects.create(
                region_id=campaign.region_id,
                campaign=campaign,
                role=data["role"],
                given_names=data["given_names"].strip(),
                family_name=data["family_name"].strip(),
                email=email,
                phone=data["phone"].strip(),
                country=data["country"],
                nationality=data["nationality"],
                passport_number=passport,
                experience=data.get("experience", "").strip(),
                direct=is_direct(campaign, data["country"]),
                consent_at=timezone.now(),
            )
            ApplicationDocument.objects.bulk_create(
                ApplicationDocument(
                    application=application,
                    kind=kind,
                    original_name=file.original_name,
                    stored_name=file.stored_name,
                    content_type=file.content_type,
                    size=file.size,
                )
                for kind, file in stored
            )
            ApplicationEvent.objects.create(application=application, to_stage=application.stage, text="Applied")
    except IntegrityError:
        # Another request of the same person won the race: theirs is the application.
        for _kind, file in stored:
            file_remove(file.path, what="application document")
        _tell(email, "campaigns/email/already_applied.txt", context)
        return None
    except BaseException:
        for _kind, file in stored:
            file_remove(file.path, what="application document")
        raise
    _tell(email, "campaigns/email/applied.txt", {**context, "application": application})
    return application
