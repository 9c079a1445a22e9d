"""The form of an agency's periodic re-check (rule 19)."""

from __future__ import annotations

from django import forms

from portal.forms import DateField, ServiceErrorsMixin


class AgencyCheckForm(ServiceErrorsMixin, forms.Form):
    checked_on = DateField(
        label="Re-checked on",
        help_text="The day the hub last checked the agency against its framework's terms.",
        error_messages={"required": "Enter the day the agency was re-checked"},
    )
    on_framework = forms.BooleanField(label="On the hub's approved framework", required=False)
    on_ethical_recruiters_list = forms.BooleanField(
        label="On the NHS Employers Ethical Recruiters List", required=False
    )
