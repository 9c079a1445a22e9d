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
