"""Forms of the provider pages. The region always comes from the user's scope, never from free input."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from hubs.models import Hub, LocalAuthority, Region
from portal.forms import DateField, ServiceErrorsMixin
from providers.models import (
    LicenceRating,
    LicenceSource,
    LicenceStatus,
    Provider,
    ProviderKind,
    cqc_id_validator,
)

POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")
DATE_HINT = "For example, 27 11 2026"


def _not_in_future(message: str) -> Callable[[date], None]:
    def validate(value: date) -> None:
        if value > timezone.localdate():
            raise ValidationError(message)

    return validate


def past_date_field(label: str, *, required: str | None, future: str, help_text: str = DATE_HINT) -> DateField:
    """A date that cannot be in the future; `required` is the message when empty (None: optional)."""
    messages = {"required": required} if required else {}
    return DateField(
        label=label,
        required=required is not None,
        help_text=help_text,
        validators=[_not_in_future(future)],
        error_messages=messages,
    )


class ProviderForm(ServiceErrorsMixin, forms.Form):
    """Add or edit a provider. `regions` are the user's hub regions (create) or the provider's (edit)."""

    region = forms.ModelChoiceField(
        label="Region",
        queryset=Region.objects.none(),
        to_field_name="public_id",
        empty_label="Choose a region",
        error_messages={"required": "Choose the region the provider is in", "invalid_choice": "Choose a region"},
    )
    name = forms.CharField(
        label="Provider name", max_length=200, error_messages={"required": "Enter the provider's name"}
    )
    kind = forms.ChoiceField(
        label="Kind of employer",
        choices=ProviderKind.choices,
        initial=ProviderKind.CARE_PROVIDER,
        required=False,
        widget=forms.RadioSelect,
        help_text="CQC IDs are asked of care providers only.",
    )
    cqc_provider_id = forms.CharField(
        label="CQC provider ID",
        max_length=13,
        required=False,
        help_text="1- followed by 9 or 10 digits, for example 1-101641287.",
        validators=[cqc_id_validator],
    )
    cqc_location_id = forms.CharField(
        label="CQC location ID",
        max_length=13,
        required=False,
        help_text="Care providers only: 1- followed by 9 or 10 digits, for example 1-1000210669.",
        validators=[cqc_id_validator],
    )
    address = forms.CharField(label="Address", widget=forms.Textarea, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    local_authority = forms.ModelChoiceField(
        label="Council area",
        queryset=LocalAuthority.objects.none(),
        to_field_name="public_id",
        empty_label="Choose a council",
        help_text="The council whose officers see this provider's licence events.",
        error_messages={
            "required": "Choose the council area the provider is in",
            "invalid_choice": "Choose a council of the provider's region",
        },
    )
    hub = forms.ModelChoiceField(
        label="Hub",
        queryset=Hub.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label="No hub yet",
        error_messages={"invalid_choice": "Choose a hub of the provider's region"},
    )
    licence_number = forms.CharField(label="Sponsor licence number", max_length=20, required=False)

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_ids = list(regions.values_list("id", flat=True))
        self.single_region: Region | None = regions.first() if len(region_ids) == 1 else None
        several = self.single_region is None
        authorities = LocalAuthority.objects.filter(region_id__in=region_ids).select_related("region")
        hubs = Hub.objects.filter(region_id__in=region_ids).select_related("region")
        self._set_queryset("local_authority", authorities.order_by("name"), several)
        self._set_queryset("hub", hubs.order_by("name"), several)
        if several:
            self._set_queryset("region", regions.order_by("name"), False)
        else:
            del self.fields["region"]

    def _set_queryset(self, name: str, queryset: QuerySet[Any], with_region: bool) -> None:
        field = cast(forms.ModelChoiceField, self.fields[name])
        field.queryset = queryset
        if with_region:
            field.label_from_instance = lambda obj: f"{obj} ({obj.region})"  # type: ignore[method-assign]

    def clean_postcode(self) -> str:
        """Upper case with a single space before the inward code: `b1  1aa` → `B1 1AA`."""
        compact = re.sub(r"\s+", "", self.cleaned_data["postcode"]).upper()
        if not compact:
            return ""
        if not POSTCODE.match(compact):
            raise ValidationError("Enter a full UK postcode, like B1 1AA")
        return f"{compact[:-3]} {compact[-3:]}"

    def clean_kind(self) -> str:
        """A form sent without the question (an older page) keeps the default: a care provider."""
        return self.cleaned_data.get("kind") or ProviderKind.CARE_PROVIDER

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == ProviderKind.CARE_PROVIDER and "cqc_location_id" in cleaned and not cleaned["cqc_location_id"]:
            self.add_error(
                "cqc_location_id",
                "Enter the CQC location ID of the care provider (1- followed by 9 or 10 digits), "
                "or choose another kind of employer",
            )
        region = self.single_region or cleaned.get("region")
        if region is not None:
            for name in ("local_authority", "hub"):
                chosen = cleaned.get(name)
                if chosen is not None and chosen.region_id != region.pk:
                    self.add_error(name, f"Choose a {str(self.fields[name].label).lower()} in {region}")
        cleaned["region"] = region
        return cleaned


class ProviderCreateForm(ProviderForm):
    """Adding a provider also records its licence as it stands today (the first history row)."""

    licence_status = forms.ChoiceField(
        label="Sponsor licence status", choices=LicenceStatus.choices, initial=LicenceStatus.ACTIVE
    )
    licence_rating = forms.ChoiceField(label="Licence rating", choices=LicenceRating.choices, initial=LicenceRating.A)
    licence_changed_on = past_date_field(
        "Licence status since",
        required=None,
        future="The date the licence status took effect cannot be in the future",
        help_text=f"Leave empty if you do not know. {DATE_HINT}",
    )


class LicenceChangeForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(label="Licence status", choices=LicenceStatus.choices)
    rating = forms.ChoiceField(label="Rating", choices=LicenceRating.choices)
    effective_on = past_date_field(
        "Date the change took effect",
        required="Enter the date the change took effect",
        future="The date the change took effect cannot be in the future",
        help_text=f"The date in the UKVI letter or on the register. {DATE_HINT}",
    )
    source = forms.ChoiceField(
        label="Where the news came from",
        choices=LicenceSource.choices,
        error_messages={"required": "Choose where the news came from"},
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea, required=False, help_text="For example, the reference of the UKVI letter."
    )


def provider_initial(provider: Provider) -> dict[str, Any]:
    return {
        "name": provider.name,
        "kind": provider.kind,
        "cqc_provider_id": provider.cqc_provider_id,
        "cqc_location_id": provider.cqc_location_id,
        "address": provider.address,
        "postcode": provider.postcode,
        "local_authority": provider.local_authority,
        "hub": provider.hub,
        "licence_number": provider.licence_number,
    }
