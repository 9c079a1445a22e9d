"""The forms of the region's agency framework: an agency's details, its status, its periodic re-check (rule 19)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone

from hubs.models import AgencyKind, AgencyStatus
from portal.forms import DateField, ServiceErrorsMixin
from recruits.selectors import country_choices, country_name

COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")


def countries_from_text(text: str) -> list[str]:
    """ "Philippines, India; ghana" → ["PH", "IN", "GH"]: country names (or ISO codes), one per line
    or separated by commas or semicolons. Raises with the names not recognised."""
    known: dict[str, str] = {}
    for code, name in country_choices():
        known[name.lower()] = code
        known[code.lower()] = code
    codes: list[str] = []
    unknown: list[str] = []
    for line in text.splitlines():
        # A name with a comma in it ("Bonaire, Sint Eustatius and Saba") is taken whole when it is known.
        parts = [line] if line.strip().lower() in known else re.split(r"[,;]", line)
        for part in parts:
            name = part.strip()
            if not name:
                continue
            found = known.get(name.lower())
            if found is None:
                unknown.append(name)
            elif found not in codes:
                codes.append(found)
    if unknown:
        listed = ", ".join(f"“{name}”" for name in unknown)
        raise forms.ValidationError(
            f"We do not recognise {listed} as a country: check the spelling, for example Philippines, India, Ghana"
        )
    return codes


class CountriesField(forms.CharField):
    """Country names typed as a list, stored as ISO codes; shown back as names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(country_name(code) for code in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return countries_from_text(super().to_python(value) or "")


class AgencyForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the agency's name"})
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a recruitment agency or a managed service provider"},
    )
    companies_house_number = forms.CharField(
        label="Companies House number",
        required=False,
        max_length=12,
        help_text="8 characters, for example 01234567 or SC123456. Leave empty for an overseas agency.",
    )
    contact_name = forms.CharField(label="Contact name", required=False, max_length=200)
    contact_email = forms.EmailField(label="Contact email", required=False)
    contact_phone = forms.CharField(label="Contact phone", required=False, max_length=40)
    services = forms.CharField(
        label="Services",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What it does for providers of the region, for example recruitment of senior carers from India.",
    )
    countries = CountriesField(
        label="Countries it recruits from",
        required=False,
        help_text="One country per line, or separated by commas, for example Philippines, India, Ghana.",
    )

    def clean_companies_house_number(self) -> str:
        number = re.sub(r"\s", "", self.cleaned_data["companies_house_number"]).upper()
        if number.isdigit() and len(number) < 8:
            number = number.zfill(8)  # often written without its leading zeros
        if number and not COMPANY_NUMBER.match(number):
            raise forms.ValidationError("Enter a Companies House number of 8 characters, like 01234567 or SC123456")
        return number


class AgencyStatusForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status on the framework",
        choices=[(value, label) for value, label in AgencyStatus.choices if value != AgencyStatus.NOT_APPROVED],
        widget=forms.RadioSelect,
        error_messages={"required": "Select approved, suspended or removed"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to suspend or remove: providers of the region read it.",
    )
    changed_on = DateField(
        label="Date of the change",
        error_messages={"required": "Enter the date of the change"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["changed_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status")
        if status and status != AgencyStatus.APPROVED and not cleaned.get("reason", "").strip():
            self.add_error("reason", f"Enter why the agency is {AgencyStatus(status).label.lower()}")
        return cleaned


class AgencyCheckForm(ServiceErrorsMixin, forms.Form):
    checked_on = DateField(
        label="Re-checked on",
        help_text="The day the hub last checked the agency against its framework's terms and the Ethical "
        "Recruiters List.",
        error_messages={"required": "Enter the day the agency was re-checked"},
    )
    on_ethical_recruiters_list = forms.BooleanField(
        label="On the NHS Employers Ethical Recruiters List", required=False
    )
