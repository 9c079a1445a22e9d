"""Specific error messages in place of Django's generic ones ("This field is required." said ten
times on one page tells nobody what to fix). A form's own message always wins: only a message
that is still Django's default is replaced, with one that names the field, in GOV.UK's style.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

CHOOSE = {"radios", "checkboxes", "checkbox", "select"}
INVALID = {
    "Enter a whole number.": "{Label} must be a whole number",
    "Enter a number.": "{Label} must be a number",
    "Enter a valid email address.": "Enter an email address in the correct format, like name@example.org",
    "Enter a valid URL.": "Enter a web address in the correct format, like https://www.example.org",
    "Enter a valid time.": "Enter {label} as a time, like 09:30",
    "Enter a valid date/time.": "Enter {label} as a date and time",
}
LIMITS = {
    "max_length": ("Ensure this value has at most", "{Label} must be {limit} characters or fewer"),
    "min_length": ("Ensure this value has at least", "{Label} must be {limit} characters or more"),
    "max_value": ("Ensure this value is less than or equal to", "{Label} must be {limit} or less"),
    "min_value": ("Ensure this value is greater than or equal to", "{Label} must be {limit} or more"),
}


def _names(label: str) -> dict[str, str]:
    keep_case = len(label) > 1 and label[1].isupper()  # "NMC PIN", "CQC location ID"
    return {"label": label if keep_case else label[:1].lower() + label[1:], "Label": label[:1].upper() + label[1:]}


def specific(error: ValidationError, *, label: str, kind: str) -> ValidationError:
    """`error` with Django's default wording replaced by one that names the field."""
    text = error.messages[0] if error.messages else ""
    names = _names(label.rstrip(":").strip() or "this answer")
    code = error.code or ""
    if code == "required" and text == "This field is required.":
        if kind == "file":
            return ValidationError("Select a file to upload", code=code)
        if label.strip().endswith("?"):  # a question: quote it rather than bend it into a sentence
            verb = "Select an answer to" if kind in CHOOSE else "Answer"
            return ValidationError(f"{verb} “{names['Label']}”", code=code)
        verb = "Select" if kind in CHOOSE else "Enter"
        return ValidationError(f"{verb} {names['label']}", code=code)
    if code == "invalid_choice" and text.startswith("Select a valid choice."):
        return ValidationError(f"Select one of the options for {names['label']}", code=code)
    if code == "invalid" and text in INVALID:
        return ValidationError(INVALID[text].format(**names), code=code)
    if code in LIMITS and text.startswith(LIMITS[code][0]):
        limit = (error.params or {}).get("limit_value", "")
        return ValidationError(LIMITS[code][1].format(limit=limit, **names), code=code)
    return error


def specific_errors(errors: ErrorList, *, label: str, kind: str) -> ErrorList:
    rewritten: list[Any] = [
        specific(error, label=label, kind=kind) if isinstance(error, ValidationError) else error
        for error in errors.data
    ]
    extra_classes = errors.error_class.replace("errorlist", "").strip() or None
    return errors.__class__(rewritten, error_class=extra_classes, renderer=errors.renderer)
