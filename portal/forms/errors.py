"""Binding a form to a request, and showing a service's refusal on the form that asked for the change."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def posted(request: HttpRequest) -> Any:
    """The data to bind a form to: the POST on a POST, None (an unbound form) on a GET."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the field it is about, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceErrorsMixin:
    """`form.add_service_error(error)`: the same, as a method of the form."""

    fields: dict[str, forms.Field]

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(cast(forms.BaseForm, self), error)
