"""Who looked at which sensitive details, downloaded which document or took which export.

The log holds no personal details of the person looked at: the record is named by its kind and
public id, and shown by looking it up when the log is read, so erasing a person erases nothing
here that identifies them. Rows are never changed or deleted (a database trigger refuses).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone

from hubs.models import Region
from hubs.roles import Role


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    DOWNLOAD = "download", "Downloaded"
    EXPORT = "export", "Exported"
    ERASE = "erase", "Erased"


class Detail(models.TextChoices):
    """What was looked at: the kinds of data whose reading is logged."""

    IDENTITY = "identity", "Passport and identity details"
    IMMIGRATION = "immigration", "Visa, CoS and DBS details"
    DOCUMENT = "document", "A document"
    PASTORAL = "pastoral", "Confidential pastoral details"
    EXPORT = "export", "An export"
    PERSONAL_DATA = "personal_data", "Everything held about a person (data rights)"


class AccessEvent(models.Model):
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=30, blank=True)
    region = models.ForeignKey(Region, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=20, choices=Detail.choices)
    subject_kind = models.CharField(max_length=20, blank=True)
    subject_id = models.UUIDField(null=True)
    what = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    ip_address = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["region", "-at", "-id"], name="access_region_at"),
            models.Index(fields=["subject_kind", "subject_id", "-at"], name="access_subject_at"),
        ]
        triggers = [pgtrigger.Protect(name="access_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display().lower()} {self.what}"

    def get_role_label(self) -> str:
        """The reader's role as people say it ("Hub staff", "Provider administrator")."""
        labels = {**dict(Role.choices), "superuser": "Portal administrator"}
        return str(labels.get(self.role, self.role))
