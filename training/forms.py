from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from accounts.choices import user_choice_label
from accounts.models import User
from hubs.models import TrainingPartner
from portal.files import ACCEPT, EMPTY_FILE, document_check, document_limit_text
from portal.forms import DateField
from portal.forms.dates import parse_whole_date
from providers.models import Provider
from recruits.choices import RecruitChoiceField
from recruits.models import EnglishLevel, Recruit
from training.models import Cohort, Learner, Programme, WhoMayJoin

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"

DATE_ERRORS = {"required": "Enter a date"}


class ProgrammeForm(forms.ModelForm):
    modules_text = forms.CharField(
        label="Topics or modules",
        required=False,
        widget=forms.Textarea,
        help_text="One per line.",
    )
    english_minimum = forms.ChoiceField(
        label="English needed to join",
        required=False,
        choices=[("", "No English requirement"), *EnglishLevel.choices],
        help_text="Evidence is a certificate upload or an online literacy assessment result, before the start date.",
    )
    learners = forms.ChoiceField(
        label="Who may join",
        choices=WhoMayJoin.choices,
        initial=WhoMayJoin.ANY,
        required=False,
        widget=forms.RadioSelect,
        help_text="Checked when someone is booked.",
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "kind",
            "summary",
            "duration_days",
            "delivery",
            "audience",
            "certification",
            "awarding_body",
            "qualification_title",
            "qualification_level",
            "funded",
            "cost",
            "min_days_to_complete",
            "evidence_working_days",
        ]
        error_messages = {
            "title": {"required": "Enter the title of the programme"},
            "duration_days": {"required": "Enter how many days it runs for", "invalid": "Enter a whole number of days"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["modules_text"].initial = "\n".join(self.instance.modules)
            rules = list(self.instance.rules.all())
            english = [rule for rule in rules if rule.kind == "english_minimum"]
            who = [rule for rule in rules if rule.kind == "learners"]
            self.fields["english_minimum"].initial = english[0].english_minimum if english else ""
            self.fields["learners"].initial = who[0].learners if who else WhoMayJoin.ANY

    def programme_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["modules"] = [line.strip() for line in self.cleaned_data["modules_text"].splitlines() if line.strip()]
        return data


class CohortForm(forms.ModelForm):
    days_text = forms.CharField(
        label="Session dates",
        widget=forms.Textarea,
        help_text="One date per line, for example 12/3/2026 or 12 March 2026.",
        error_messages={"required": "Enter the date of each session day"},
    )
    starts_at = forms.TimeField(label="Start time", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label="End time", required=False, widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = Cohort
        fields = ["venue", "online_link", "trainer", "trainer_name", "delivery_partner", "capacity", "booking_deadline"]
        field_classes = {"booking_deadline": DateField}
        error_messages = {
            "capacity": {"required": "Enter the number of places"},
            "booking_deadline": DATE_ERRORS,
        }

    def __init__(self, *args: Any, trainers: list[User], partners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The region's training partners (colleges, universities, NHS trusts, the hub itself).
        partner_field = self.fields["delivery_partner"]
        partner_field.queryset = partners if partners is not None else TrainingPartner.objects.none()  # type: ignore[attr-defined]
        partner_field.empty_label = "No delivery partner: the hub runs it"  # type: ignore[attr-defined]
        field = self.fields["trainer"]
        field.queryset = User.objects.filter(pk__in=[t.pk for t in trainers])  # type: ignore[attr-defined]
        field.label_from_instance = user_choice_label  # type: ignore[attr-defined]
        field.empty_label = "Someone without a portal account"  # type: ignore[attr-defined]

    def clean_days_text(self) -> list[date]:
        days = []
        for number, line in enumerate(self.cleaned_data["days_text"].splitlines(), start=1):
            if not line.strip():
                continue
            day = parse_whole_date(line)
            if day is None:
                raise forms.ValidationError(f"Line {number} (“{line.strip()}”) is not a date: write it as 12/3/2026")
            days.append(day)
        return days


class LearnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Learner) -> str:  # type: ignore[override]
        employer = obj.employer.name if obj.employer_id and obj.employer else "no employer"
        return f"{obj.name} — {obj.job_role or 'care staff'}, {employer}"


class BookForm(forms.Form):
    """Whom to book: a recruit, or a learner a provider nominated (one of the two)."""

    recruit = RecruitChoiceField(
        label="Who are you booking?",
        queryset=Recruit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose who to book"},
    )
    learner = LearnerChoiceField(
        label="Or a nominated member of staff",
        queryset=Learner.objects.none(),
        required=False,
        help_text="Care staff who are not international recruits: nominate them on the Learners page first.",
        error_messages={"invalid_choice": "Choose who to book"},
    )

    def __init__(
        self, *args: Any, recruits: list[Recruit], learners: list[Learner] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recruit"]
        field.queryset = Recruit.objects.filter(pk__in=[r.pk for r in recruits])  # type: ignore[attr-defined]
        field.empty_label = "Choose a person"  # type: ignore[attr-defined]
        other = self.fields["learner"]
        other.queryset = Learner.objects.filter(  # type: ignore[attr-defined]
            pk__in=[learner.pk for learner in learners or []]
        ).select_related("employer")
        other.empty_label = "Choose a person"  # type: ignore[attr-defined]
        if not recruits:
            other.label = "Who are you booking?"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        chosen = [name for name in ("recruit", "learner") if cleaned.get(name)]
        if not chosen:
            self.add_error("recruit" if self.fields["recruit"].queryset.exists() else "learner", "Choose who to book")  # type: ignore[attr-defined]
        elif len(chosen) == 2:
            self.add_error("learner", "Choose one person: a recruit or a nominated member of staff, not both")
        return cleaned


class LearnerForm(forms.ModelForm):
    """A provider nominates one of its care staff: the minimum personal data."""

    class Meta:
        model = Learner
        fields = ["name", "job_role", "email", "employer"]
        error_messages = {
            "name": {"required": "Enter the learner's full name"},
            "job_role": {"required": "Enter the learner's role"},
            "email": {"required": "Enter the learner's email address", "invalid": EMAIL_INVALID},
            "employer": {"required": "Select the employer", "invalid_choice": "Select the employer"},
        }
        help_texts = {"email": "Their own work or personal address: they sign in with it to see their bookings."}

    def __init__(self, *args: Any, employers: list[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "job_role", "email", "employer"):
            self.fields[name].required = True
        field = self.fields["employer"]
        field.queryset = Provider.objects.filter(pk__in=[p.pk for p in employers])  # type: ignore[attr-defined]
        field.empty_label = None if len(employers) == 1 else "Select the employer"  # type: ignore[attr-defined]
        if len(employers) == 1:
            field.initial = employers[0].pk


class LearnerSignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address your employer gave when they nominated you.",
        error_messages={"required": "Enter your email address", "invalid": EMAIL_INVALID},
    )


class LearnerCodeForm(forms.Form):
    code = forms.CharField(
        label="Sign-in code",
        max_length=12,
        help_text="The 6 digits in the email we sent you.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Enter the code from the email"},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why is the booking cancelled?", max_length=300, required=False)


class CertificateEvidenceForm(forms.Form):
    level = forms.ChoiceField(
        label="English level on the certificate",
        choices=EnglishLevel.choices,
        error_messages={"required": "Choose the level on the certificate"},
    )
    evidence_date = DateField(label="Date on the certificate", error_messages=DATE_ERRORS)
    valid_until = DateField(label="Valid until", required=False, help_text="Only if the certificate says so.")
    file = forms.FileField(
        label="Certificate",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Choose a PDF, JPEG or PNG of the certificate",
            "invalid": "The file did not arrive: choose it again and upload it",
            "missing": "The file did not arrive: choose it again and upload it",
            "empty": EMPTY_FILE,
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"A PDF, JPEG or PNG of {document_limit_text()} or less, or a clear photo."

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        document_check(upload)
        return upload


class AssessmentForm(forms.Form):
    level = forms.ChoiceField(
        label="Level reached", choices=EnglishLevel.choices, error_messages={"required": "Choose the level reached"}
    )
    evidence_date = DateField(label="Date of the assessment", error_messages=DATE_ERRORS)
    assessment_name = forms.CharField(label="Assessment", max_length=200, initial="Online literacy assessment")
    score = forms.CharField(label="Score or result", max_length=50, required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Is the evidence accepted?",
        choices=[("approve", "Yes, accept it"), ("reject", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the evidence is accepted"},
    )
    note = forms.CharField(
        label="Note for the recruit", max_length=300, required=False, help_text="Needed when it is not accepted."
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why is it revoked?", max_length=300, error_messages={"required": "Say why the certificate is revoked"}
    )


class AwardForm(forms.Form):
    number = forms.CharField(
        label="Awarding body certificate number",
        max_length=60,
        error_messages={"required": "Enter the awarding body's certificate number"},
    )
    awarded_on = DateField(
        label="Date awarded",
        help_text="As printed on the awarding body's certificate, for example 2 3 2026.",
        error_messages={"required": "Enter the date the awarding body gave"},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Verification code",
        max_length=20,
        help_text="12 letters and numbers, printed under the QR code, for example ABCD-EFGH-JKMN.",
        error_messages={"required": "Enter the code printed on the certificate"},
    )
