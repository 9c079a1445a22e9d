from __future__ import annotations

from django import forms

from accesslog.models import Detail
from hubs.roles import Role
from portal.forms import DateField


class LogFilterForm(forms.Form):
    """The filters above a region's access log (all optional)."""

    mark_optional = False

    person = forms.CharField(label="Person (name or email)", required=False, max_length=100)
    detail = forms.ChoiceField(label="What was read", required=False, choices=[("", "Anything"), *Detail.choices])
    since = DateField(label="From", required=False)
    until = DateField(label="To", required=False)
    subject = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The “To” date must be the same as or after the “From” date")
        return data


class ReviewFilterForm(forms.Form):
    """The filters above the access review (all optional)."""

    mark_optional = False

    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Every role"), *Role.choices])
    without_second_factor = forms.BooleanField(label="Only people without two-factor authentication", required=False)
    include_inactive = forms.BooleanField(label="Include deactivated accounts", required=False)


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


class ErasureConfirmForm(forms.Form):
    """The lead types the person's full name to confirm an erasure; anything else changes nothing."""

    full_name = forms.CharField(
        label="Type the person's full name to confirm",
        max_length=310,
        error_messages={"required": "Enter the person's full name to confirm the erasure"},
    )

    def __init__(self, *args: object, expected_name: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.expected_name = expected_name
        self.fields["full_name"].help_text = f"Type {expected_name} exactly as it is written on the record."

    def clean_full_name(self) -> str:
        typed = self.cleaned_data["full_name"]
        if _folded(typed) != _folded(self.expected_name):
            raise forms.ValidationError(
                f"The name you typed does not match the record: type {self.expected_name} to erase this person's data"
            )
        return typed
