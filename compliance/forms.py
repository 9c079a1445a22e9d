"""Forms of the compliance pages. The region and provider always come from the URL and the user's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.choices import UserChoiceField
from accounts.models import User
from compliance.models import CaseStatus, EntryKind, EventKind, OffsetUnit, Performer, Priority, WorkerStatus
from portal.files import ACCEPT, document_limit_text
from portal.forms import DateField, ServiceErrorsMixin
from portal.policy import policy_value
from providers.forms import DATE_HINT, past_date_field
from providers.models import LicenceRating, LicenceSource


class EventForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What happened to the licence",
        choices=[("", "Choose the event"), *EventKind.choices],
        error_messages={"required": "Choose what happened to the licence"},
    )
    event_date = past_date_field(
        "Date of the UKVI letter or of the event",
        required="Enter the date of the letter or of the event",
        future="The date cannot be in the future",
    )
    rating = forms.ChoiceField(
        label="Rating after reinstatement",
        choices=[("", "Not a reinstatement"), *LicenceRating.choices],
        required=False,
        help_text="Only for a reinstatement: A or B.",
    )
    action_plan_ends = DateField(
        label="Action plan ends",
        required=False,
        error_messages={"invalid": f"Enter a real date. {DATE_HINT}"},
    )
    source = forms.ChoiceField(
        label="Where the news came from",
        choices=LicenceSource.choices,
        initial=LicenceSource.UKVI,
        error_messages={"required": "Choose where the news came from"},
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea, required=False, help_text="For example, the letter's reference."
    )
    open_case = forms.BooleanField(
        label="Open a compliance case now (suspension, revocation or surrender)", required=False, initial=True
    )
    priority = forms.ChoiceField(label="Priority of the case", choices=Priority.choices, initial=Priority.HIGH)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The figures in force today (portal/policy.py), so a dated change of a rule changes the wording.
        today = timezone.localdate()
        days = policy_value("representation_working_days", on=today)
        months = policy_value("action_plan_max_months", on=today)
        self.fields[
            "event_date"
        ].help_text = (
            f"The {days} working days of a suspension and the cooling-off of a revocation count from it. {DATE_HINT}"
        )
        self.fields["action_plan_ends"].help_text = (
            f"Only for a B-rating: up to {months} months after the event; empty means the full {months} months. "
            f"{DATE_HINT}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == EventKind.REINSTATEMENT and not data.get("rating"):
            self.add_error("rating", "Choose the rating the licence was reinstated with")
        return data


class EventDateForm(ServiceErrorsMixin, forms.Form):
    """A lead corrects a licence event's date; its deadlines and reminders move with it."""

    event_date = past_date_field(
        "Correct date of the UKVI letter or of the event",
        required="Enter the correct date of the letter or of the event",
        future="The date cannot be in the future",
    )
    reason = forms.CharField(
        label="Why the date was wrong",
        widget=forms.Textarea,
        required=False,
        max_length=1000,
        help_text="Kept with the correction, with your name and the time. Needed when the date changes.",
        error_messages={"max_length": "Write at most 1,000 characters"},
    )


class FeePaidForm(ServiceErrorsMixin, forms.Form):
    paid_on = past_date_field(
        "Day the action-plan fee was paid",
        required="Enter the day the provider paid the fee",
        future="The day it was paid cannot be in the future",
    )


class CaseStatusForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(label="Move the case to", choices=CaseStatus.choices)
    note = forms.CharField(
        label="Note (for closing: the lessons learned)",
        widget=forms.Textarea,
        required=False,
        help_text="Closing a case needs the lessons-learned note; it is shared with the council.",
    )


class CaseOwnerForm(ServiceErrorsMixin, forms.Form):
    owner = UserChoiceField(
        label="Owner", queryset=User.objects.none(), error_messages={"required": "Choose the lead who owns the case"}
    )
    priority = forms.ChoiceField(label="Priority", choices=Priority.choices)

    def __init__(self, *args: Any, leads: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = leads  # type: ignore[attr-defined]


class EntryForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What to add",
        choices=[(k, label) for k, label in EntryKind.choices if k not in (EntryKind.SYSTEM, EntryKind.COUNCIL)],
    )
    text = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        error_messages={"required": "Write what happened"},
        help_text="Do not write workers' names in a note you share with the council.",
    )
    shareable = forms.BooleanField(label="Share this with the council", required=False)
    upload = forms.FileField(
        label="Document",
        required=False,
        help_text=f"Only for a document: a PDF, JPEG or PNG of {document_limit_text()} or less.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class CouncilNoteForm(ServiceErrorsMixin, forms.Form):
    """A council officer's note on a case about a provider of their area: the hub team reads it."""

    text = forms.CharField(
        label="Your note for the hub",
        widget=forms.Textarea,
        error_messages={"required": "Write your note for the hub"},
        help_text="What the council knows or is doing: care packages moved, a visit, a question. "
        "Do not write workers' or residents' names.",
    )


class StepCompleteForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(
        label="What was done", widget=forms.Textarea, error_messages={"required": "Say what was done"}
    )


class StepEditForm(ServiceErrorsMixin, forms.Form):
    due_on = DateField(
        label="Due on",
        help_text=DATE_HINT,
        error_messages={"required": "Enter the date the step is due", "invalid": f"Enter a real date. {DATE_HINT}"},
    )
    assignee = UserChoiceField(
        label="Who does it",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody yet",
        to_field_name="public_id",
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people


class WorkerListForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label="Workers, one a line",
        widget=forms.Textarea,
        required=False,
        help_text="Columns: given names, family name, date of birth, visa expiry, email, phone (dates as 27/11/1990). "
        "Separate them with commas or paste from a spreadsheet. Only the names are required.",
    )
    upload = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        help_text="The same columns, UTF-8.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            if upload.size > 1024 * 1024:
                raise ValidationError("The file is over 1 MB: split the list in two.")
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(
                    "The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again."
                ) from None
        if not (data.get("text") or "").strip():
            raise ValidationError("Paste the workers or choose a CSV file.")
        return data


class WorkerStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=WorkerStatus.choices)


class ProtocolStepForm(forms.Form):
    order = forms.IntegerField(label="Order", min_value=1, max_value=99, required=False)
    title = forms.CharField(label="Step", max_length=200, required=False)
    guidance = forms.CharField(label="Guidance", widget=forms.Textarea, required=False)
    performer = forms.ChoiceField(label="Who does it", choices=Performer.choices)
    due_offset = forms.IntegerField(label="Due after", min_value=0, max_value=365, required=False)
    offset_unit = forms.ChoiceField(label="Counted in", choices=OffsetUnit.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("title") and data.get("due_offset") is None:
            self.add_error("due_offset", "Say after how many days the step is due")
        return data


ProtocolFormSet = forms.formset_factory(ProtocolStepForm, extra=2, max_num=40)


class AlertEventForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Event to record",
        choices=[(k, label) for k, label in EventKind.choices if k != EventKind.REINSTATEMENT],
    )
    event_date = past_date_field(
        "Date of the event",
        required="Enter the date of the event",
        future="The date cannot be in the future",
        help_text=f"The day of the register import, unless you know the date from UKVI. {DATE_HINT}",
    )
