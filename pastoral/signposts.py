"""Where to get help: each hub's own list, or these defaults until the hub edits it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hubs.models import Hub
from pastoral.models import Signpost

MODERN_SLAVERY_HELPLINE = "08000 121 700"

DEFAULT_SIGNPOSTS: list[dict[str, str]] = [
    {
        "name": "Modern Slavery Helpline",
        "description": "Free, confidential, 24 hours a day, in many languages. If someone keeps your documents, "
        "takes your pay or you feel trapped or unsafe.",
        "phone": MODERN_SLAVERY_HELPLINE,
        "url": "https://www.modernslaveryhelpline.org/",
    },
    {
        "name": "ACAS",
        "description": "Free advice about pay, hours, contracts and rights at work.",
        "phone": "0300 123 1100",
        "url": "https://www.acas.org.uk/",
    },
    {
        "name": "Citizens Advice",
        "description": "Free advice about housing, money, debt and your rights.",
        "phone": "0800 144 8848",
        "url": "https://www.citizensadvice.org.uk/",
    },
    {
        "name": "Emergency services",
        "description": "If you or someone else is in danger now.",
        "phone": "999",
        "url": "",
    },
]


def signposts_for(hub: Hub | None) -> list[Any]:
    """The hub's list, or the defaults (unsaved rows) while it has none."""
    if hub is not None:
        stored = list(Signpost.objects.filter(hub=hub).order_by("order", "id"))
        if stored:
            return stored
    return [Signpost(hub=hub, order=n, **row) for n, row in enumerate(DEFAULT_SIGNPOSTS)]


@transaction.atomic
def signposts_save(*, hub: Hub, rows: list[dict[str, str]]) -> list[Signpost]:
    """Replace the hub's list (the form shows the current one, defaults included)."""
    Signpost.objects.filter(hub=hub).delete()
    return Signpost.objects.bulk_create(
        [
            Signpost(
                hub=hub,
                region_id=hub.region_id,
                order=n,
                **{k: row.get(k) or "" for k in ("name", "description", "phone", "url")},
            )
            for n, row in enumerate(rows)
        ]
    )
