"""Django's form renderer with GOV.UK Frontend markup: every field is drawn by Django, so each
widget formats its own value (a date, a number, a chosen option) the way the browser reads it back.

`FORM_RENDERER` points here. A template renders a field with `{{ form.name.as_field_group }}`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList

from portal.forms.dates import DateInput
from portal.forms.messages import specific_errors

# Django's widget templates that GOV.UK draws differently (labels beside, not around, options),
# and Django's <select>, drawn the same but with its options written in one loop: Django includes
# a template per option, which made a region's 1,100-provider filter cost 35 ms to draw.
GOVUK_WIDGET_TEMPLATES = {
    "django/forms/widgets/radio.html": "forms/widgets/radios.html",
    "django/forms/widgets/checkbox_select.html": "forms/widgets/checkboxes.html",
    "django/forms/widgets/clearable_file_input.html": "django/forms/widgets/file.html",
    "django/forms/widgets/select.html": "forms/widgets/select.html",
}


def govuk_kind(widget: forms.Widget) -> str:
    """What GOV.UK calls the component that draws this widget."""
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


CSS_CLASS = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


class GovukBoundField(BoundField):
    @property
    def govuk_kind(self) -> str:
        return govuk_kind(self.field.widget)

    @property
    def show_optional(self) -> bool:
        """ "(optional)" after the label: not on a filter form, where every answer is optional."""
        return not self.field.required and getattr(self.form, "mark_optional", True) and self.govuk_kind != "radios"

    @property
    def errors(self) -> ErrorList:
        """The field's errors, Django's generic wording replaced by messages that name the field."""
        errors = super().errors
        if not errors:
            return errors
        return specific_errors(errors, label=str(self.label or self.name), kind=self.govuk_kind)

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        base = CSS_CLASS.get(govuk_kind(widget))
        if base:
            classes = [base]
            if self.errors and base != "govuk-checkboxes__input":
                classes.append(f"{base}--error")
            classes.append(widget.attrs.get("class", "") or self._width())
            attrs["class"] = " ".join(c for c in classes if c)
        if isinstance(widget, forms.Textarea):
            attrs.setdefault("rows", widget.attrs.get("rows", 5))
        return attrs

    def _width(self) -> str:
        """GOV.UK's fixed widths for short answers: a box as wide as what it holds."""
        if govuk_kind(self.field.widget) != "input":
            return ""
        if isinstance(self.field, (forms.IntegerField, forms.DecimalField)):
            return "govuk-input--width-10"
        longest = getattr(self.field, "max_length", None)
        for width in (4, 10, 20):
            if longest and longest <= width:
                return f"govuk-input--width-{width}"
        return ""


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = GovukBoundField

    def get_template(self, template_name: str) -> Any:
        return super().get_template(GOVUK_WIDGET_TEMPLATES.get(template_name, template_name))
