"""The national network's good-practice library: examples a hub shares with every other hub.

Examples hold no personal data of recruits (DESIGN: the national team sees none): a published
example is read by the hub teams of every region and the national team.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from hubs.models import Region


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Example(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=150)
    # The region whose hub shares it; none for the national team's own examples.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    summary = models.CharField(max_length=600)
    body = models.TextField("the example", max_length=20_000)
    tags = models.ManyToManyField(Tag, blank=True, related_name="examples")
    contact_name = models.CharField("contact name", max_length=200)
    contact_email = models.EmailField("contact email address")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    # Title and tags weigh most, then the summary, then the body (`practice.services.example_index`).
    search = SearchVectorField(null=True, editable=False)

    class Meta:
        indexes = [
            GinIndex(fields=["search"], name="practice_example_search"),
            models.Index(fields=["-published_at", "-id"], name="practice_example_newest"),
            models.Index(fields=["region", "-published_at"], name="practice_example_region"),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="attachments")
    stored_name = models.CharField(max_length=80, unique=True)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Comment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(max_length=2_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["example", "created_at"], name="practice_comment_thread")]

    def __str__(self) -> str:
        return f"Comment on {self.example}"
