"""Forms of the rematch pages. The region always comes from the user's scope or the hub in the URL."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from accounts.choices import user_choice_label
from accounts.models import User
from portal.files import ACCEPT, document_check, document_limit_text
from portal.forms import DateField, ServiceErrorsMixin
from providers.forms import DATE_HINT
from recruits.choices import RecruitMultipleChoiceField, recruit_choice_label
from recruits.models import Recruit
from rematch.clock import BANDS
from rematch.models import Door, Outcome, RematchStatus, RequestReason, Travel

POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")
PROVIDER_REASONS = [
    (RequestReason.CANNOT_CONTINUE.value, RequestReason.CANNOT_CONTINUE.label),
    (RequestReason.NOT_ENOUGH_WORK.value, RequestReason.NOT_ENOUGH_WORK.label),
    (RequestReason.LICENCE_LOST.value, RequestReason.LICENCE_LOST.label),
    (RequestReason.OTHER.value, RequestReason.OTHER.label),
]


def _date(label: str, *, required: str | None = None, help_text: str = DATE_HINT) -> DateField:
    messages = {"invalid": f"Enter a real date. {DATE_HINT}"}
    if required:
        messages["required"] = required
    return DateField(label=label, required=required is not None, help_text=help_text, error_messages=messages)


def _clean_postcode(value: str, *, required: bool) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    if not compact:
        if required:
            raise ValidationError("Enter your postcode, like B1 1AA")
        return ""
    if not POSTCODE.match(compact):
        raise ValidationError("Enter a full UK postcode, like B1 1AA")
    return f"{compact[:-3]} {compact[-3:]}"


class ProviderRequestForm(ServiceErrorsMixin, forms.Form):
    """The employer's door: why they cannot keep the worker, and their last working day."""

    reason = forms.ChoiceField(
        label="Why do you need a new employer for this worker?",
        choices=PROVIDER_REASONS,
        error_messages={"required": "Choose the reason", "invalid_choice": "Choose the reason"},
    )
    reason_details = forms.CharField(
        label="Tell the hub more",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: how many hours you can still offer, or when your licence was revoked.",
        error_messages={"required": "Tell the hub more about the reason"},
    )
    last_working_day = _date(
        "Last working day with you", required="Enter the worker's last working day with you, even if it is a guess"
    )


class HubRequestForm(ServiceErrorsMixin, forms.Form):
    reason = forms.ChoiceField(label="Reason", choices=RequestReason.choices)
    reason_details = forms.CharField(label="Details", widget=forms.Textarea, max_length=2000, required=False)
    owner = forms.ModelChoiceField(
        label="Owner in the hub",
        queryset=User.objects.none(),
        required=False,
        empty_label="Me",
        help_text="Who in the hub works on this request and gets its reminders.",
    )

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner_field: Any = self.fields["owner"]
        owner_field.queryset = owners
        owner_field.label_from_instance = user_choice_label


class BulkRequestForm(ServiceErrorsMixin, forms.Form):
    recruits = RecruitMultipleChoiceField(
        label="Workers who need a new sponsor",
        queryset=Recruit.objects.none(),
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one worker"},
    )
    reason = forms.ChoiceField(label="Reason", choices=RequestReason.choices, initial=RequestReason.LICENCE_LOST)
    reason_details = forms.CharField(label="Details", widget=forms.Textarea, max_length=2000, required=False)

    def __init__(self, *args: Any, recruits: QuerySet[Recruit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["recruits"]
        field.queryset = recruits


class _ContactFields(forms.Form):
    email = forms.EmailField(
        label="Email address",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(
        label="Address in the UK",
        widget=forms.Textarea,
        max_length=500,
        error_messages={"required": "Enter your address in the UK"},
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={"required": "Enter your postcode, like B1 1AA"},
    )
    # DOMAIN.md: a worker who refers themself gives their current sponsor (and may attach the UKVI letter).
    current_sponsor_name = forms.CharField(
        label="Your current employer",
        max_length=200,
        help_text=(
            "The employer that sponsors you, as named on your certificate of sponsorship. Give its name even if it "
            "has lost its licence or you have stopped working there."
        ),
        error_messages={
            "required": "Enter the name of your current employer, as on your certificate of sponsorship",
            "max_length": "The employer's name must be 200 characters or fewer",
        },
    )
    curtailment_letter_date = _date(
        "Date of your UKVI letter",
        help_text=(
            "The date on the letter that says your leave will be cut short. "
            f"Leave it empty if it has not come. {DATE_HINT}"
        ),
    )
    reason_details = forms.CharField(
        label="What has happened?",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text="For example: your employer lost its licence, or cannot give you enough hours.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("phone", "Enter a phone number or an email address so the hub can contact you")
        return cleaned

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data.get("postcode", ""), required=True)

    def clean_curtailment_letter_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("curtailment_letter_date")
        if value and value > dt.date.today() + dt.timedelta(days=1):
            raise ValidationError("The date of the letter cannot be in the future")
        return value


class SelfReferralForm(ServiceErrorsMixin, _ContactFields):
    """A recruit with an account asks for help, from their phone."""

    letter = forms.FileField(
        label="Your UKVI letter",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"invalid": "The file did not arrive: choose it again and upload it"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "letter"
        ].help_text = (
            f"A PDF, or a clear photo (JPEG or PNG), of {document_limit_text()} or less. You can add it later."
        )

    def clean_letter(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("letter")
        if upload:
            document_check(upload)
        return upload


class PublicReferralForm(ServiceErrorsMixin, _ContactFields):
    """The public form of a hub, for workers without an account. `website` is a honeypot: people
    never see it (it is hidden from view and from screen readers); bots fill it in."""

    field_order = ["given_names", "family_name", "date_of_birth", "email", "phone", "address", "postcode"]

    given_names = forms.CharField(
        label="Given names", max_length=150, error_messages={"required": "Enter your given names"}
    )
    family_name = forms.CharField(
        label="Family name", max_length=150, error_messages={"required": "Enter your family name"}
    )
    date_of_birth = _date("Date of birth", help_text="It helps the hub find your record. For example, 27/3/1990.")
    visa_expiry = _date("When does your visa end?", help_text=f"As on your eVisa. {DATE_HINT}")
    website = forms.CharField(required=False, label="Leave this empty")

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class TransitionForm(ServiceErrorsMixin, forms.Form):
    to_status = forms.ChoiceField(
        label="Move to", error_messages={"required": "Choose the new status", "invalid_choice": "Choose the new status"}
    )
    outcome = forms.ChoiceField(
        label="Outcome (when closing)",
        required=False,
        choices=[("", "Choose the outcome"), *Outcome.choices],
        help_text="Needed only to close the request.",
    )
    note = forms.CharField(label="Note", widget=forms.Textarea, max_length=2000, required=False)

    def __init__(self, *args: Any, allowed: list[RematchStatus], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [("", "Choose the new status"), *((s.value, s.label) for s in allowed)]  # type: ignore[attr-defined]


class NoteForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label="Add a note",
        widget=forms.Textarea,
        max_length=4000,
        help_text="Only the hub team sees notes.",
        error_messages={"required": "Write the note"},
    )


class DatesForm(ServiceErrorsMixin, forms.Form):
    curtailment_letter_date = _date(
        "Date of the UKVI curtailment letter", help_text=f"Leave it empty while the letter is awaited. {DATE_HINT}"
    )
    visa_expiry = _date("Visa expiry")
    cos_assigned_on = _date(
        "Date the new sponsor assigned the certificate of sponsorship (CoS)",
        help_text=f"Leave it empty until the CoS is assigned. {DATE_HINT}",
    )
    visa_applied_on = _date(
        "Date the worker made the visa application",
        help_text=(
            "A new sponsor's application must be made before leave ends. Until this date is recorded, the lead "
            f"is reminded before leave ends even after an offer. {DATE_HINT}"
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _no_future_application_dates(self, cleaned)
        return cleaned


def _no_future_application_dates(form: forms.Form, cleaned: dict[str, Any]) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for name, what in (("cos_assigned_on", "CoS was assigned"), ("visa_applied_on", "application was made")):
        day = cleaned.get(name)
        if day and day > tomorrow:
            form.add_error(name, f"The date the {what} cannot be in the future")


class OwnerForm(ServiceErrorsMixin, forms.Form):
    owner = forms.ModelChoiceField(label="Owner", queryset=User.objects.none(), required=False, empty_label="Nobody")

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["owner"]
        field.queryset = owners
        field.label_from_instance = user_choice_label


class ConfirmForm(ServiceErrorsMixin, forms.Form):
    NEW = "new"
    record = forms.ChoiceField(
        label="Whose referral is this?",
        error_messages={"required": "Choose a record, or create a new one"},
    )

    def __init__(self, *args: Any, candidates: list[Recruit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(r.public_id), recruit_choice_label(r)) for r in candidates]
        self.fields["record"].choices = [*choices, (self.NEW, "Nobody on record yet: create a record")]  # type: ignore[attr-defined]


class BoardFilterForm(forms.Form):
    mark_optional = False  # every filter is optional: no "(optional)" on each

    q = forms.CharField(label="Name", required=False, max_length=100)
    within = forms.TypedChoiceField(
        label="Leave ends within",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any time"), *((b, f"{b} days") for b in BANDS)],
    )
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Open (any)"), *RematchStatus.choices])
    owner = forms.ChoiceField(label="Owner", required=False, choices=[("", "Anyone"), ("me", "Me"), ("none", "Nobody")])
    door = forms.ChoiceField(label="Came from", required=False, choices=[("", "Any door"), *Door.choices])
    pending = forms.BooleanField(label="Only referrals waiting to be confirmed", required=False)


class PreferencesForm(ServiceErrorsMixin, forms.Form):
    postcode = forms.CharField(
        label="Postcode where the worker lives",
        max_length=10,
        required=False,
        help_text="Used to rank jobs by distance.",
    )
    pref_min_hours = forms.IntegerField(label="Fewest hours a week", min_value=1, max_value=60, required=False)
    pref_max_hours = forms.IntegerField(label="Most hours a week", min_value=1, max_value=60, required=False)
    can_drive = forms.TypedChoiceField(
        label="Do they drive (licence and car)?",
        choices=[("", "Not known"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    max_travel = forms.ChoiceField(label="How far can they travel to work?", choices=Travel.choices)

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data.get("postcode", ""), required=False)


class IntroduceForm(ServiceErrorsMixin, forms.Form):
    consent = forms.BooleanField(
        label="The worker agreed to be introduced to this employer",
        required=False,
        help_text="The employer will see their job passport: role, experience, English, checks done and availability.",
    )
    consent_how = forms.CharField(
        label="How did they agree?", max_length=200, required=False, help_text="For example: by phone on 3 March."
    )


class PlacementForm(ServiceErrorsMixin, forms.Form):
    provider: forms.ModelChoiceField = forms.ModelChoiceField(
        label="New employer",
        queryset=None,
        required=False,
        to_field_name="public_id",
        empty_label="Choose the new employer",
        help_text="Only providers that can sponsor now are listed.",
    )
    other_region_cqc_location = forms.CharField(
        label="Or: the CQC location ID of an employer in another region",
        max_length=13,
        required=False,
        help_text="The worker's record moves to that region, with a hand-over note both leads see.",
    )
    start_date = DateField(
        label="Start date",
        help_text=DATE_HINT,
        error_messages={"required": "Enter the start date", "invalid": f"Enter a real date. {DATE_HINT}"},
    )
    cos_assigned_on = _date(
        "Date the new employer assigned the Certificate of Sponsorship (CoS)",
        help_text=(
            f"Leave it empty if it is not assigned yet. To correct a recorded date, use the dates page. {DATE_HINT}"
        ),
    )
    visa_applied_on = _date(
        "Date the worker made the visa application",
        help_text=(
            "The application must be made before the worker's leave ends. Until this date is recorded, the lead "
            f"is still reminded as leave ends. {DATE_HINT}"
        ),
    )
    note = forms.CharField(label="Hand-over note", widget=forms.Textarea, max_length=2000, required=False)

    def __init__(self, *args: Any, providers: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["provider"]
        field.queryset = providers

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("provider") and not cleaned.get("other_region_cqc_location"):
            self.add_error("provider", "Choose the new employer, or enter the CQC location ID of one in another region")
        _no_future_application_dates(self, cleaned)
        return cleaned


class HandoverForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(label="Note for the other hub", widget=forms.Textarea, max_length=2000, required=False)
