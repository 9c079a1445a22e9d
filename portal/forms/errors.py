"""Showing a service's refusal on the form that asked for the change."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError


class ServiceErrorsMixin:
    """Show a service's ValidationError next to the field it is about, or above the form."""

    fields: dict[str, forms.Field]

    def add_service_error(self, error: ValidationError) -> None:
        add_error = cast(forms.Form, self).add_error
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                add_error(field if field in self.fields else None, errors)
        else:
            add_error(None, error)
