"""How a picker names a portal user (an owner, a contact, a trainer): the name and the email
address, which is unique, so that two people of the same name can be told apart."""

from __future__ import annotations

from django import forms

from accounts.models import User


def user_choice_label(user: User) -> str:
    return f"{user.name} ({user.email})" if user.name else user.email


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return user_choice_label(obj)
