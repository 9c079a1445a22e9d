"""The hub team's form for a careers information page."""

from __future__ import annotations

from django import forms

from portal.forms import ServiceErrorsMixin


class CareerPageForm(ServiceErrorsMixin, forms.Form):
    role = forms.CharField(
        label="Role",
        max_length=200,
        help_text="For example, senior care assistant.",
        error_messages={"required": "Enter the role the page is about, for example senior care assistant"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        help_text="One sentence shown in the list of roles.",
        error_messages={"required": "Enter a one-sentence summary"},
    )
    body = forms.CharField(
        label="Page",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Markdown: **bold**, lists with -, links as [text](https://...). Headings become sub-headings.",
        error_messages={"required": "Write the page: what the role involves and how to get there"},
    )
