from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from hubs.access import scope_for
from hubs.models import Region
from practice.services import tags_parse

NATIONAL = "national"


class ExampleForm(forms.Form):
    """Share (or change) a practice example. Leads choose among the regions they lead; the national
    team may also share as the national network."""

    title = forms.CharField(label="Title", max_length=150, error_messages={"required": "Enter a title"})
    region = forms.ChoiceField(label="Shared by", error_messages={"required": "Select who is sharing the example"})
    summary = forms.CharField(
        label="Summary",
        max_length=600,
        help_text="Two or three sentences: what you did and what changed. Shown in search results.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a summary"},
    )
    body = forms.CharField(
        label="The example",
        max_length=20_000,
        help_text=(
            "What the problem was, what you did, what it cost and what you would do differently. You can use "
            "Markdown: **bold**, lists with -, links as [text](https://…). No names or details of recruits."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Enter the example"},
    )
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=400,
        help_text="Separate tags with commas, for example: rematching, pastoral support, councils.",
    )
    contact_name = forms.CharField(
        label="Contact name", max_length=200, error_messages={"required": "Enter who to contact about it"}
    )
    contact_email = forms.EmailField(
        label="Contact email address", error_messages={"required": "Enter the contact's email address"}
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        regions = Region.objects.all() if scope.national else Region.objects.filter(id__in=scope.lead_regions)
        choices = [(str(region.pk), region.name) for region in regions.order_by("name")]
        if scope.national:
            choices.insert(0, (NATIONAL, "The national network team"))
        cast(forms.ChoiceField, self.fields["region"]).choices = choices
        if len(choices) == 1:
            self.fields["region"].initial = choices[0][0]

    def clean_tags(self) -> list[str]:
        try:
            return tags_parse(self.cleaned_data.get("tags") or "")
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from None

    def chosen_region(self) -> Region | None:
        value = self.cleaned_data["region"]
        return None if value == NATIONAL else Region.objects.get(pk=int(value))


def example_initial(example: Any) -> dict[str, Any]:
    return {
        "title": example.title,
        "region": str(example.region_id) if example.region_id else NATIONAL,
        "summary": example.summary,
        "body": example.body,
        "tags": ", ".join(tag.name for tag in example.tags.all()),
        "contact_name": example.contact_name,
        "contact_email": example.contact_email,
    }


class LibraryFilterForm(forms.Form):
    mark_optional = False

    q = forms.CharField(label="Search the library", required=False, max_length=200)
    region = forms.ChoiceField(label="Shared by", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = [(region.code, region.name) for region in Region.objects.order_by("name")]
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", "Anyone"),
            (NATIONAL, "The national network team"),
            *regions,
        ]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Add a file", error_messages={"required": "Choose a file to add"})


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Add a comment",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter your comment"},
    )
