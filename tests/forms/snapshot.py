"""A snapshot of every row of the portal's own tables, to compare before and after a form is sent.

History tables (pghistory events) are left out: writing history is what a save does. So are
`auto_now` stamps (`updated_at`), which say when a row was last saved, not what it holds.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from pghistory.models import Event

APPS = (
    "accounts",
    "invitations",
    "hubs",
    "providers",
    "recruits",
    "rematch",
    "compliance",
    "advice",
    "training",
    "notifications",
    "pastoral",
    "practice",
    "campaigns",
)
Cell = tuple[str, Any, str]  # (model label, primary key, column)


def _columns(model: type[models.Model]) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if not getattr(field, "auto_now", False) and field.attname not in {"last_login"}
    ]


def _models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and not issubclass(model, Event) and not model._meta.proxy
    ]


def take() -> dict[Cell, Any]:
    cells: dict[Cell, Any] = {}
    for model in _models():
        columns = _columns(model)
        for row in model.objects.values_list("pk", *columns):
            for column, value in zip(columns, row[1:], strict=True):
                cells[(model._meta.label, row[0], column)] = value
    return cells


def changed(before: dict[Cell, Any], after: dict[Cell, Any]) -> dict[Cell, tuple[Any, Any]]:
    """Every cell that differs, appeared or disappeared: (before, after), None for missing."""
    return {
        cell: (before.get(cell), after.get(cell))
        for cell in before.keys() | after.keys()
        if before.get(cell, MISSING) != after.get(cell, MISSING)
    }


MISSING = object()
