from __future__ import annotations

from typing import Any

from django import forms

from notifications.kinds import Kind
from notifications.models import EmailMode

DEFAULT = "default"


class PreferencesForm(forms.Form):
    """One choice per kind the person can receive: the default, at once, or in the daily digest.

    "No email" is not offered: these are deadlines, and the portal inbox alone is easy to miss.
    """

    def __init__(self, *args: Any, kinds: list[Kind], current: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        choices = [
            (DEFAULT, "Default"),
            (EmailMode.IMMEDIATE.value, "Straight away"),
            (EmailMode.DIGEST.value, "Daily digest"),
        ]
        for kind in kinds:
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.short,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                initial=current.get(kind.code, DEFAULT),
                required=False,  # a kind left out keeps (or returns to) the default
            )

    def rows(self) -> list[tuple[Kind, forms.BoundField]]:
        return [(kind, self[kind.code]) for kind in self.kinds]
