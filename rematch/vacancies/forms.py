from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from portal.forms import DateField, ServiceErrorsMixin
from providers.forms import DATE_HINT
from rematch.models import ShiftPattern, VacancyRole, VacancyStatus

POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")


def _money(label: str, required: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "required": required,
            "invalid": f"Enter the {label.lower()} as a number, like 12.82",
            "min_value": "Enter an amount of 0 or more",
            "max_decimal_places": "Enter pounds and pence, like 12.82",
        },
    )


class VacancyForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label="Job title", max_length=200, error_messages={"required": "Enter the job title"})
    job_role = forms.ChoiceField(label="Role", choices=VacancyRole.choices)
    occupation_code = forms.CharField(
        label="Occupation code (SOC 2020)",
        max_length=4,
        required=False,
        help_text="6135 care worker, 6136 senior care worker, 2231 nurse. Leave it empty to use the role's code.",
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        min_value=1,
        max_value=60,
        decimal_places=1,
        error_messages={
            "required": "Enter the hours a week",
            "invalid": "Enter the hours a week as a number, like 37.5",
            "min_value": "Enter at least 1 hour a week",
            "max_value": "Enter 60 hours a week or fewer",
        },
    )
    pay_per_hour = _money("Pay per hour (£)", "Enter the pay per hour")
    pay_per_year = _money("Pay per year (£)", "Enter the pay per year")
    postcode = forms.CharField(label="Postcode of the workplace", max_length=10)
    shift_pattern = forms.ChoiceField(label="Shift pattern", choices=ShiftPattern.choices)
    driving_required = forms.BooleanField(label="A driving licence and car are needed", required=False)
    start_date = DateField(
        label="Start date",
        help_text=DATE_HINT,
        error_messages={"required": "Enter the start date", "invalid": f"Enter a real date. {DATE_HINT}"},
    )
    sponsorship_offered = forms.BooleanField(label="Sponsorship is offered", required=False, initial=True)
    posts = forms.IntegerField(
        label="Number of posts",
        min_value=1,
        max_value=500,
        initial=1,
        error_messages={"required": "Enter the number of posts", "min_value": "Enter at least 1 post"},
    )

    def clean_postcode(self) -> str:
        compact = re.sub(r"\s+", "", self.cleaned_data.get("postcode", "")).upper()
        if not POSTCODE.match(compact):
            raise ValidationError("Enter a full UK postcode, like B1 1AA")
        return f"{compact[:-3]} {compact[-3:]}"

    def clean_occupation_code(self) -> str:
        code = self.cleaned_data.get("occupation_code", "").strip()
        if code and not re.fullmatch(r"\d{4}", code):
            raise ValidationError("Enter a 4-digit occupation code, like 6135")
        return code


class VacancyEditForm(VacancyForm):
    status = forms.ChoiceField(label="Status", choices=VacancyStatus.choices)


def vacancy_initial(vacancy: Any) -> dict[str, Any]:
    fields = [*VacancyEditForm.base_fields]
    return {name: getattr(vacancy, name) for name in fields}
