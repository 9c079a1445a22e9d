"""Forms of student placements: the offer, putting a student forward, the decision, attendance and
the report."""

from __future__ import annotations

from typing import Any

from django import forms

from portal.forms import DateField, ServiceErrorsMixin
from providers.models import Provider
from training.models import AttendanceUnit

DATE_ERRORS = {"required": "Enter a date"}
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"


class PlacementOfferForm(ServiceErrorsMixin, forms.Form):
    provider = forms.ModelChoiceField(
        label="Provider", queryset=Provider.objects.none(), error_messages={"required": "Select the provider"}
    )
    setting = forms.CharField(
        label="Setting",
        max_length=200,
        help_text="Where the student will work, for example a dementia nursing unit.",
        error_messages={"required": "Enter the setting, for example a dementia nursing unit"},
    )
    starts_on = DateField(label="Start date", error_messages=DATE_ERRORS)
    ends_on = DateField(label="End date", error_messages=DATE_ERRORS)
    places = forms.IntegerField(
        label="Number of places",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the number of places",
            "min_value": "Offer at least 1 place",
            "max_value": "Offer 100 places or fewer",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    requirements = forms.CharField(
        label="Requirements",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, year of the course, a DBS check, shifts to cover.",
    )

    def __init__(self, *args: Any, providers: list[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        field.queryset = Provider.objects.filter(pk__in=[p.pk for p in providers])  # type: ignore[attr-defined]
        field.empty_label = None if len(providers) == 1 else "Select the provider"  # type: ignore[attr-defined]
        if len(providers) == 1:
            field.initial = providers[0].pk


class StudentForm(ServiceErrorsMixin, forms.Form):
    """A college or university puts a student forward: the minimum personal data."""

    name = forms.CharField(
        label="Student's full name", max_length=200, error_messages={"required": "Enter the student's full name"}
    )
    course = forms.CharField(
        label="Course",
        max_length=200,
        help_text="For example, BSc Adult Nursing, year 2.",
        error_messages={"required": "Enter the student's course"},
    )
    email = forms.EmailField(
        label="Student's email address",
        help_text="They sign in with it to read their placement and its report.",
        error_messages={"required": "Enter the student's email address", "invalid": EMAIL_INVALID},
    )
    note = forms.CharField(label="Note for the provider", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PlacementDecisionForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Accept the student"), ("decline", "Decline the student")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you accept or decline the student"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to decline: the student's college reads it.",
    )


class PlacementAttendanceForm(ServiceErrorsMixin, forms.Form):
    unit = forms.ChoiceField(
        label="Record attendance for",
        choices=AttendanceUnit.choices,
        widget=forms.RadioSelect,
        initial=AttendanceUnit.WEEK,
        error_messages={"required": "Select a day or a week"},
    )
    starts_on = DateField(label="The day, or the first day of the week", error_messages=DATE_ERRORS)
    days_attended = forms.IntegerField(
        label="Days attended",
        min_value=0,
        max_value=7,
        help_text="For a day, 1 if they came and 0 if not; for a week, 0 to 7.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of days attended",
            "min_value": "Enter 0 or more days",
            "max_value": "Enter 7 days or fewer",
        },
    )
    note = forms.CharField(label="Note", required=False, max_length=300)


class PlacementReportForm(ServiceErrorsMixin, forms.Form):
    report = forms.CharField(
        label="Placement report",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="How the student did and what they learned. The student and their college read it.",
        error_messages={"required": "Write the report: how the student did, what they learned"},
    )
