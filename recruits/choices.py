"""How a picker names a recruit: enough to tell apart two people who share a name, with their date
of birth, their employer and the portal reference (accounts.choices does the same for users)."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator

from recruits.models import Recruit


def recruit_choice_label(recruit: Recruit) -> str:
    """`Kofi Dlamini — born 3 Mar 1994, Oakfield Care Homes Ltd, ref 1A2B3C4D`; the employer needs
    `provider` selected with the recruit (the fields below do it)."""
    details = []
    if recruit.date_of_birth:
        details.append(f"born {recruit.date_of_birth.day} {recruit.date_of_birth:%b %Y}")
    details.append(recruit.provider.name if recruit.provider_id and recruit.provider else "no employer")
    details.append(f"ref {recruit.reference}")
    return f"{recruit.full_name} — {', '.join(details)}"


class _WithEmployer(ModelChoiceIterator):
    """The options' query fetches each recruit's employer with it: one query for the whole list."""

    def __init__(self, field: forms.ModelChoiceField) -> None:
        super().__init__(field)
        self.queryset = self.queryset.select_related("provider")


class RecruitChoiceField(forms.ModelChoiceField):
    iterator = _WithEmployer

    def label_from_instance(self, obj: Recruit) -> str:  # type: ignore[override]
        return recruit_choice_label(obj)


class RecruitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _WithEmployer

    def label_from_instance(self, obj: Recruit) -> str:  # type: ignore[override]
        return recruit_choice_label(obj)
