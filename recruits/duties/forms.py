"""Forms of the reporting duties: record one (about one of the provider's workers), mark one reported."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from portal.forms import ServiceErrorsMixin
from providers.forms import DATE_HINT, past_date_field
from recruits.choices import RecruitChoiceField
from recruits.duties.models import DutyKind
from recruits.duties.rules import RULES
from recruits.models import Recruit


class DutyForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What happened",
        choices=[("", "Choose what happened"), *DutyKind.choices],
        error_messages={"required": "Choose what happened"},
    )
    recruit = RecruitChoiceField(
        label="Worker",
        queryset=Recruit.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label="Not about one worker (a change to the organisation)",
        error_messages={"invalid_choice": "Choose one of this provider's workers"},
    )
    event_date = past_date_field(
        "Date it happened",
        required="Enter the date it happened",
        future="The date it happened cannot be in the future",
        help_text=f"For an absence, its first day. {DATE_HINT}",
    )
    details = forms.CharField(label="Details", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, recruits: QuerySet[Recruit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["recruit"]).queryset = recruits

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = DutyKind(cleaned["kind"]) if cleaned.get("kind") else None
        missing = kind is not None and RULES[kind].about_a_worker and cleaned.get("recruit") is None
        if kind is not None and missing and "recruit" not in self.errors:
            self.add_error("recruit", f"Choose the worker: “{kind.label}” is reported per worker")
        return cleaned


class DutyReportedForm(ServiceErrorsMixin, forms.Form):
    reported_on = past_date_field(
        "Date you reported it to UKVI",
        required="Enter the date you reported it to UKVI",
        future="The date you reported it cannot be in the future",
    )
