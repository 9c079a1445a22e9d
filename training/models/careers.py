"""Careers information pages (issue 18 item 2): one page per role in care (care assistant, senior
carer, nursing associate, registered nurse, ...), written in Markdown by the region's hub team and
read by everyone who works in the region through the portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from hubs.models import RegionRecord


class CareerPage(RegionRecord):
    role = models.CharField("role", max_length=200, help_text="For example, senior care assistant.")
    summary = models.CharField("summary", max_length=300, help_text="One sentence shown in the list.")
    body = models.TextField(
        "page", help_text="Markdown: what the role involves, pay, qualifications, how to get there, funded training."
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role", "id"]
        indexes = [models.Index(fields=["region", "role", "id"])]
        constraints = [models.UniqueConstraint(fields=["region", "role"], name="one_career_page_per_role")]

    def __str__(self) -> str:
        return self.role

    def get_absolute_url(self) -> str:
        return reverse("career_page", args=[self.public_id])
