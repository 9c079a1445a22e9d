"""Forms for pastoral pages. The recruit's check-in is in plain English, one question at a time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.choices import user_choice_label
from pastoral.models import (
    Answer,
    Appointment,
    BookletSection,
    CheckInMethod,
    Feeling,
    Referral,
)
from pastoral.schedule import parse_steps
from portal.forms import DateField

YES_NO = [(Answer.YES, "Yes"), (Answer.NO, "No")]
YES_NO_UNSURE = list(Answer.choices)


def _radio(label: str, choices: list, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text)


class RecruitCheckInForm(forms.Form):
    """The recruit's own check-in (and the questions hub staff ask on a call or visit)."""

    feeling = _radio("How are you?", list(Feeling.choices))
    pay_as_promised = _radio(
        "Are you paid what you were promised?", YES_NO_UNSURE, "Look at your payslip and your contract."
    )
    deductions = _radio(
        "Has your employer taken money from your pay, or asked you to pay money back?",
        YES_NO,
        "For example for your visa, travel, training or housing.",
    )
    hours_cut = _radio("Have your hours been cut?", YES_NO)
    housing_tied = _radio(
        "Is your home provided by your employer, so that you would lose it if you left the job?", YES_NO_UNSURE
    )
    documents_kept = _radio("Does your employer keep your passport, visa or other documents?", YES_NO)
    feel_safe = _radio("Do you feel safe at work and where you live?", YES_NO)
    anything_else = forms.CharField(
        label="Is there anything else you want to tell us?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only your hub reads this. Your employer does not see your answers.",
    )
    wants_call = forms.TypedChoiceField(
        label="Would you like a call from your hub?",
        choices=[("yes", "Yes, please call me"), ("no", "No, thank you")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class HubCheckInForm(RecruitCheckInForm):
    method = forms.ChoiceField(
        label="How did you check in?",
        choices=[(m, m.label) for m in (CheckInMethod.CALL, CheckInMethod.VISIT, CheckInMethod.VIDEO)],
        widget=forms.RadioSelect,
    )
    done_on = DateField(label="Date of the check-in")
    hub_notes = forms.CharField(label="Notes for the hub", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["method", "done_on"]


class EmployerCheckInForm(forms.Form):
    done_on = DateField(label="Date of the check-in")
    employer_note = forms.CharField(
        label="Short note",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The hub reads this note. Do not write health or personal details.",
    )


class RescheduleForm(forms.Form):
    due_date = DateField(label="New date")


class StartPlanForm(forms.Form):
    start_date = DateField(
        label="Start date",
        help_text="The plan runs 12 months from this day.",
    )


class PlanContactsForm(forms.Form):
    contact: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Pastoral contact at the hub",
        queryset=None,
        required=False,  # type: ignore[arg-type]
    )
    manager_name = forms.CharField(label="Manager's name", required=False, max_length=150)
    manager_phone = forms.CharField(label="Manager's phone", required=False, max_length=40)
    manager_email = forms.EmailField(label="Manager's email", required=False)

    def __init__(self, *args: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = team  # type: ignore[attr-defined]
        self.fields["contact"].label_from_instance = user_choice_label  # type: ignore[attr-defined]


class HelpForm(forms.Form):
    message = forms.CharField(
        label="What is wrong?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Write in your own words. Only your hub reads this; your employer is not told.",
    )
    wants_call = forms.BooleanField(label="Please call me", required=False)


class ConcernActionForm(forms.Form):
    action = forms.CharField(label="What was done", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    owner: forms.ModelChoiceField = forms.ModelChoiceField(label="Owner", queryset=None, required=False)  # type: ignore[arg-type]
    escalate = forms.BooleanField(label="Escalate to the regional lead", required=False)
    referral = forms.ChoiceField(label="Referral made", choices=Referral.choices, required=False)
    referral_on = DateField(label="Referral date", required=False)
    referral_reference = forms.CharField(label="Referral reference", required=False, max_length=100)

    def __init__(self, *args: Any, team: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team  # type: ignore[attr-defined]
        self.fields["owner"].label_from_instance = user_choice_label  # type: ignore[attr-defined]


class ConcernCloseForm(forms.Form):
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 3}))


class AppointmentForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label="Date and time", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )

    class Meta:
        model = Appointment
        fields = ["starts_at", "minutes", "purpose", "place", "video_link"]
        labels = {"minutes": "Length in minutes", "video_link": "Video link"}

    def __init__(self, *args: Any, stored: datetime | None = None, **kwargs: Any) -> None:
        """`stored`: the time of the appointment being changed."""
        super().__init__(*args, **kwargs)
        self.stored = stored

    def clean_starts_at(self) -> Any:
        value = self.cleaned_data["starts_at"]
        if self.stored and value == self.stored.replace(second=0, microsecond=0):
            return self.stored  # the box shows whole minutes: the same minute sent back keeps the stored time
        if value <= timezone.now():
            raise ValidationError("Choose a date and time in the future.")
        return value


class RearrangeForm(forms.Form):
    note = forms.CharField(label="Which days and times suit you better?", widget=forms.Textarea(attrs={"rows": 3}))


class ScheduleForm(forms.Form):
    steps = forms.CharField(
        label="Check-ins",
        help_text="After the start date: w for weeks, m for months, separated by commas. "
        "Default: 1w, 1m, 3m, 6m, 9m, 12m.",
    )
    apply_to_plans = forms.BooleanField(
        label="Also move the plans already under way to this schedule (lead only)", required=False
    )

    def clean_steps(self) -> list[str]:
        return parse_steps(self.cleaned_data["steps"])


class SignpostForm(forms.Form):
    name = forms.CharField(max_length=120)
    description = forms.CharField(max_length=300, required=False)
    phone = forms.CharField(max_length=40, required=False)
    url = forms.URLField(label="Web address", required=False)


SignpostFormSet = forms.formset_factory(SignpostForm, extra=1, can_delete=True)


class SectionForm(forms.ModelForm):
    class Meta:
        model = BookletSection
        fields = ["order", "topic", "heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": "Markdown: **bold**, *italic*, lists with -, links as [text](https://…)."}


class PublishForm(forms.Form):
    note = forms.CharField(label="What changed", required=False, max_length=200)
