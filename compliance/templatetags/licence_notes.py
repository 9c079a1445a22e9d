"""`{% licence_notes provider %}`: the licence warnings (the action-plan fee due, a second B-rating in 4
years) and, for the hub team, the provider's licence events with their clocks.

A tag, so that the provider page (whose view is in providers/, below compliance) can show them
without importing compliance; the case page uses the same one.
"""

from __future__ import annotations

from typing import Any

from django import template

from compliance.selectors import licence_notes as notes_of
from providers.models import Provider

register = template.Library()


@register.inclusion_tag("compliance/_licence_notes.html")
def licence_notes(provider: Provider, *, hub_team: bool = False, decide: bool = False) -> dict[str, Any]:
    """`hub_team`: list the events; `decide`: the lead's links to correct them and record the fee."""
    return {"notes": notes_of(provider=provider), "hub_team": hub_team, "decide": decide}
