"""Forms of the campaign pages. The region comes from the user's hub team, never from free input."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from campaigns.models import Campaign
from campaigns.roles import job_roles
from hubs.models import Region
from portal.forms import DateField, ServiceErrorsMixin
from providers.models import Provider

ISO = re.compile(r"^[A-Z]{2}$")
DATE_HINT = "For example, 27 11 2026"
ROLE_PREFIX = "posts_"
TARGETS = [
    ("target_applications", "Applications"),
    ("target_interviews", "Interviews"),
    ("target_offers", "Offers"),
    ("target_arrivals", "Arrivals"),
]


def _count(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10_000,
        required=False,
        help_text=help_text,
        error_messages={"invalid": f"Enter {label.lower()} as a whole number, like 12"},
    )


class CampaignForm(ServiceErrorsMixin, forms.Form):
    region = forms.ModelChoiceField(
        label="Region",
        queryset=Region.objects.none(),
        to_field_name="public_id",
        empty_label="Choose a region",
        error_messages={"required": "Choose the region of the campaign"},
    )
    title = forms.CharField(label="Title", max_length=150, error_messages={"required": "Enter the campaign's title"})
    employers = forms.ModelMultipleChoiceField(
        label="Employers",
        queryset=Provider.objects.none(),
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
        help_text="The employers of the region the campaign recruits for.",
        error_messages={
            "required": "Choose at least one employer the campaign recruits for",
            "invalid_choice": "Choose employers of the campaign's region only",
        },
    )
    in_country = forms.BooleanField(
        label="In-country campaign: it recruits people already living in the UK",
        required=False,
    )
    target_countries = forms.CharField(
        label="Target countries",
        max_length=200,
        required=False,
        help_text=(
            "Two-letter country codes separated by spaces, for example IN PH. Leave empty for an in-country campaign."
        ),
    )
    amber_agreement = forms.CharField(
        label="Government-to-government agreement",
        max_length=200,
        required=False,
        help_text=(
            "Needed for a country on the Code of Practice amber list, for example the UK-Kenya bilateral agreement."
        ),
    )
    channels = forms.CharField(
        label="Channels",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the advert runs, for example the partner government's job portal, NHS Jobs, community groups.",
    )
    opens_on = DateField(label="Opening date", help_text=DATE_HINT)
    closes_on = DateField(label="Closing date", help_text=DATE_HINT)
    advert = forms.CharField(
        label="The advert",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="You can use Markdown: **bold**, lists with -, links as [text](https://…).",
    )

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_ids = list(regions.values_list("id", flat=True))
        self.single_region: Region | None = regions.first() if len(region_ids) == 1 else None
        employers = Provider.objects.filter(region_id__in=region_ids).select_related("region").order_by("name")
        field = cast(forms.ModelMultipleChoiceField, self.fields["employers"])
        field.queryset = employers
        if self.single_region is None:
            field.label_from_instance = lambda obj: f"{obj} ({obj.region})"  # type: ignore[method-assign]
            cast(forms.ModelChoiceField, self.fields["region"]).queryset = regions.order_by("name")
        else:
            del self.fields["region"]
        for role in job_roles().values():
            self.fields[ROLE_PREFIX + role.code] = _count(
                f"{role.name} posts", "Leave empty if the campaign does not recruit for this role."
            )
        for name, label in TARGETS:
            self.fields[name] = _count(f"{label} expected")

    def role_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(ROLE_PREFIX)]

    def target_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _label in TARGETS]

    def clean_target_countries(self) -> list[str]:
        codes = self.cleaned_data["target_countries"].upper().replace(",", " ").split()
        wrong = [code for code in codes if not ISO.match(code)]
        if wrong:
            raise ValidationError(f"Enter countries as two-letter codes, like IN or PH (not {', '.join(wrong)})")
        return list(dict.fromkeys(codes))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["region"] = self.single_region or cleaned.get("region")
        for name, _label in TARGETS:
            cleaned[name] = cleaned.get(name) or 0
        return cleaned

    def roles(self) -> dict[str, int]:
        return {
            name.removeprefix(ROLE_PREFIX): self.cleaned_data.get(name) or 0
            for name in self.fields
            if name.startswith(ROLE_PREFIX)
        }


def campaign_initial(campaign: Campaign) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": campaign.title,
        "employers": list(campaign.employers.all()),
        "in_country": campaign.in_country,
        "target_countries": " ".join(campaign.target_countries),
        "amber_agreement": campaign.amber_agreement,
        "channels": campaign.channels,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "advert": campaign.advert,
    }
    for name, _label in TARGETS:
        initial[name] = getattr(campaign, name) or None
    for role in campaign.roles.all():
        initial[ROLE_PREFIX + role.role] = role.posts
    return initial


class PublishForm(ServiceErrorsMixin, forms.Form):
    no_fee_confirmed = forms.BooleanField(
        label="Candidates are never charged: no fee is taken from anyone who applies, at any stage",
        error_messages={"required": "Confirm that candidates are never charged a fee before you publish"},
    )
