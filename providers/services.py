"""Writes on providers: records and licence changes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from providers.models import LicenceChange, LicenceSource, Provider

PROVIDER_FIELDS = [
    "name",
    "kind",
    "cqc_provider_id",
    "cqc_location_id",
    "address",
    "postcode",
    "local_authority",
    "hub",
    "licence_number",
]


@transaction.atomic
def provider_create(*, actor: User, region: Any, data: dict[str, Any]) -> Provider:
    provider = Provider(region=region, **{key: data[key] for key in PROVIDER_FIELDS if key in data})
    provider.licence_status = data.get("licence_status", provider.licence_status)
    provider.licence_rating = data.get("licence_rating", provider.licence_rating)
    provider.licence_changed_on = data.get("licence_changed_on") or timezone.localdate()
    provider.full_clean()
    provider.save()
    LicenceChange.objects.create(
        provider=provider,
        status=provider.licence_status,
        rating=provider.licence_rating,
        effective_on=provider.licence_changed_on,
        source=LicenceSource.OTHER,
        note="Recorded when the provider was added to the portal.",
        recorded_by=actor,
    )
    return provider


@transaction.atomic
def provider_update(*, actor: User, provider: Provider, data: dict[str, Any]) -> Provider:
    for key in PROVIDER_FIELDS:
        if key in data:
            setattr(provider, key, data[key])
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def provider_change_licence(
    *,
    actor: User,
    provider: Provider,
    status: str,
    rating: str,
    effective_on: date,
    source: str = LicenceSource.OTHER,
    note: str = "",
) -> LicenceChange:
    """Record a licence status or rating change with the date it took effect."""
    if status == provider.licence_status and rating == provider.licence_rating:
        raise ValidationError("The licence already has this status and rating: nothing to record.")
    if effective_on > timezone.localdate():
        raise ValidationError("The date the change took effect cannot be in the future.")
    change = LicenceChange.objects.create(
        provider=provider,
        status=status,
        rating=rating,
        effective_on=effective_on,
        source=source,
        note=note,
        recorded_by=actor,
    )
    provider.licence_status, provider.licence_rating, provider.licence_changed_on = status, rating, effective_on
    provider.save(update_fields=["licence_status", "licence_rating", "licence_changed_on"])
    return change
