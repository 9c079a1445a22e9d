from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from portal.forms import DateField, ServiceErrorsMixin
from providers.forms import DATE_HINT
from rematch.models import NONE_REASON_NEEDED, CandidateOutcome


class ShortlistForm(ServiceErrorsMixin, forms.Form):
    requests = forms.MultipleChoiceField(
        label="Consenting displaced workers to send",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(label="Each worker chosen agreed to be put forward to this employer", required=False)
    consent_how = forms.CharField(label="How did they agree?", max_length=200, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requests"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("requests"):
            self.add_error("requests", "Choose at least one worker, or answer that none is available")
        elif not cleaned.get("consent") or not cleaned.get("consent_how", "").strip():
            self.add_error("consent", "Ask the workers first: record that they agreed, and how")
        return cleaned


class NoneAvailableForm(ServiceErrorsMixin, forms.Form):
    """The "none available" answer: while workers are listed, the hub says why none was put forward."""

    reason = forms.CharField(
        label="Why can none of the workers listed be put forward?",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text=(
            "For example: they do not want this job, cannot work its hours, or live too far away. The provider "
            "sees this and it goes on the confirmation for UKVI: do not name workers or repeat what they told "
            "you in confidence."
        ),
        error_messages={"required": NONE_REASON_NEEDED, "max_length": "The reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, reason_needed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_needed


class OutcomeForm(ServiceErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=[c for c in CandidateOutcome.choices if c[0] != CandidateOutcome.PENDING],
    )
    reason = forms.CharField(
        label="Why was the candidate declined?",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text="Needed when you decline someone: the record is evidence for UKVI.",
    )


class UkviToldForm(ServiceErrorsMixin, forms.Form):
    on = DateField(
        label="When was UKVI told?",
        help_text=DATE_HINT,
        error_messages={"required": "Enter the date UKVI was told", "invalid": f"Enter a real date. {DATE_HINT}"},
    )

    def clean_on(self) -> Any:
        value = self.cleaned_data["on"]
        if value is None:
            raise ValidationError("Enter the date UKVI was told")
        return value
