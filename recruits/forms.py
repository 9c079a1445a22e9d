"""Forms of the recruit pages: the list's filters, the record, its status, a recruit's contact details."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from django import forms
from django.db.models import QuerySet

from hubs.models import Agency
from portal.forms import DateField
from providers.models import Provider
from recruits.care_route import route_rule_text
from recruits.models import (
    NMC_PIN_NURSES_ONLY,
    EnglishLevel,
    JobRole,
    Recruit,
    RecruitmentChannel,
    RecruitStatus,
    RepaymentCost,
    nmc_pin_validator,
)
from recruits.selectors import FLAG_CHOICES, VISA_WINDOWS, RecruitFilters, nationality_choices
from recruits.services import CONTACT_FIELDS, RECRUIT_FIELDS, TRANSITIONS

EXAMPLE_DATE = "for example 27/03/1990"


class CompactUpperField(forms.CharField):
    """Codes people type with spaces or in lower case (eVisa share codes, passport numbers)."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace(" ", "").upper()


# What each date is called in its error message.
DATE_NAMES = {
    "date_of_birth": "date of birth",
    "visa_expiry": "visa expiry date",
    "visa_application_date": "date of the visa application",
    "curtailment_letter_date": "date of the curtailment letter",
    "rtw_check_date": "date of the right-to-work check",
    "rtw_followup_due": "date the follow-up right-to-work check is due",
    "dbs_date": "date on the DBS certificate",
    "unsupervised_from": "date they work unsupervised from",
    "english_test_date": "date of the English test",
    "osce_date": "OSCE date",
}


def _too_long(what: str, limit: int) -> str:
    return f"{what} must be {limit} characters or fewer"


RECRUIT_ERRORS: dict[str, dict[str, str]] = {
    "given_names": {
        "required": "Enter the given names as written in the passport",
        "max_length": _too_long("Given names", 150),
    },
    "family_name": {
        "required": "Enter the family name as written in the passport",
        "max_length": _too_long("Family name", 150),
    },
    "passport_number": {"max_length": _too_long("Passport number", 20)},
    "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
    "phone": {"max_length": _too_long("Phone number", 30)},
    "postcode": {"max_length": _too_long("Postcode", 10)},
    "occupation_code": {"max_length": "Enter a 4-digit SOC occupation code, for example 6135"},
    "cos_reference": {"max_length": _too_long("CoS reference", 20)},
    "evisa_share_code": {
        "max_length": "Enter an eVisa share code: 9 characters starting with W, for example W12AB34CD."
    },
    "nmc_pin": {"max_length": "Enter the NMC PIN as 2 digits, a letter, 4 digits and a letter, for example 12A3456E."},
    "english_test": {"max_length": _too_long("English test", 100)},
    "job_role": {"required": "Choose the job they do"},
    "visa_route": {"required": "Choose the visa route"},
    "dbs_status": {"required": "Choose where the enhanced DBS check is"},
    "overseas_crc": {"required": "Choose whether there is an overseas criminal record certificate"},
    "recruitment_channel": {"required": "Choose how they were recruited"},
    "osce_attempts": {
        "required": "Enter the number of OSCE attempts so far, 0 if none",
        "invalid": "Enter the number of OSCE attempts as a whole number from 0 to 3",
        "min_value": "Enter the number of OSCE attempts as a whole number from 0 to 3",
    },
    "candidate_fees": {
        "invalid": "Enter the fees in pounds, for example 250 or 250.50",
        "max_digits": "Enter fees below £10,000,000",
        "max_decimal_places": "Enter the fees in pounds and pence, for example 250.50",
    },
    "agency_name_other": {"max_length": _too_long("Agency name", 200)},
    "amber_agreement": {"max_length": _too_long("Government agreement", 200)},
}

SECTIONS: list[tuple[str, list[str]]] = [
    ("Employer", ["employer", "start_date"]),
    ("Personal details", ["given_names", "family_name", "date_of_birth", "nationality", "passport_number"]),
    ("Contact details", ["email", "phone", "address", "postcode"]),
    ("Job", ["job_role", "occupation_code"]),
    (
        "Immigration",
        [
            "visa_route",
            "visa_expiry",
            "visa_application_date",
            "cos_reference",
            "evisa_share_code",
            "curtailment_letter_date",
            "curtailment_notes",
        ],
    ),
    (
        "Right to work and checks",
        [
            "rtw_check_date",
            "rtw_followup_due",
            "dbs_status",
            "dbs_date",
            "dbs_barred_list_checked",
            "overseas_crc",
            "unsupervised_from",
        ],
    ),
    ("English", ["english_level", "english_test", "english_test_date"]),
    ("Nurses only (NMC)", ["nmc_pin", "nmc_cbt_passed", "osce_date", "osce_attempts"]),
    (
        "How they were recruited",
        ["recruitment_channel", "agency", "agency_name_other", "candidate_fees", "amber_agreement"],
    ),
    (
        "Repayment clause in the contract",
        [
            "repayment_costs",
            "repayment_itemised",
            "repayment_monthly_plan",
            "repayment_interest",
            "repayment_cash",
        ],
    ),
]


class RecruitForm(forms.ModelForm):
    """The whole record. Registering also asks for the employer (when there is a choice) and a start date."""

    nationality = forms.ChoiceField(
        label="Nationality", error_messages={"required": "Choose the recruit's nationality"}
    )
    passport_number = CompactUpperField(
        label="Passport number", required=False, max_length=20, error_messages=RECRUIT_ERRORS["passport_number"]
    )
    evisa_share_code = CompactUpperField(
        label="eVisa share code",
        required=False,
        max_length=9,
        help_text="9 characters starting with W. A share code is valid for 90 days.",
        error_messages=RECRUIT_ERRORS["evisa_share_code"],
    )
    repayment_costs = forms.MultipleChoiceField(
        label="Costs a repayment clause recovers",
        choices=RepaymentCost.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=(
            "Leave all unticked if the contract has no repayment clause. Never recoverable from a worker: the "
            "Immigration Skills Charge, the CoS and sponsor licence fees, and fees for finding work."
        ),
        error_messages={"invalid_choice": "Choose the costs from the list"},
    )
    nmc_pin = CompactUpperField(
        label="NMC PIN",
        required=False,
        max_length=8,
        validators=[nmc_pin_validator],
        help_text="The nurse's PIN on the NMC register: 2 digits, a letter, 4 digits and a letter, like 12A3456E.",
        error_messages=RECRUIT_ERRORS["nmc_pin"],
    )

    class Meta:
        model = Recruit
        fields = RECRUIT_FIELDS
        field_classes = dict.fromkeys(DATE_NAMES, DateField)
        error_messages = RECRUIT_ERRORS
        labels = {
            "given_names": "Given names",
            "family_name": "Family name",
            "address": "UK address",
            "job_role": "Job",
            "occupation_code": "SOC occupation code",
            "visa_route": "Visa route",
            "visa_expiry": "Visa expiry date",
            "curtailment_letter_date": "Date of a curtailment letter",
            "curtailment_notes": "What the curtailment letter says",
            "rtw_check_date": "Right-to-work check done on",
            "rtw_followup_due": "Follow-up right-to-work check due",
            "dbs_status": "Enhanced DBS check",
            "dbs_date": "DBS certificate date",
            "dbs_barred_list_checked": "Adult barred list checked",
            "overseas_crc": "Overseas criminal record certificate",
            "english_level": "English level",
            "english_test": "English test or qualification",
            "english_test_date": "Date of the English test",
            "nmc_cbt_passed": "NMC computer-based test (CBT) passed",
            "osce_date": "OSCE date",
            "osce_attempts": "OSCE attempts so far",
            "recruitment_channel": "How they were recruited",
            "agency": "Agency on the hub's framework",
            "agency_name_other": "Other agency's name",
            "candidate_fees": "Fees charged to the candidate (£)",
            "visa_application_date": "Date of the visa application",
            "unsupervised_from": "Works unsupervised from",
            "amber_agreement": "Government agreement it was recruited under",
            "repayment_itemised": "Each cost is itemised, with evidence of what it cost",
            "repayment_monthly_plan": "A monthly repayment plan is offered",
            "repayment_interest": "The clause charges interest",
            "repayment_cash": "Repayments are taken in cash",
            "cos_reference": "Certificate of sponsorship (CoS) reference",
        }
        help_texts = {
            "given_names": "As written in the passport.",
            "family_name": "As written in the passport.",
            "occupation_code": (
                "Leave empty to use the usual code for the job: 6135 care worker, 6136 senior care worker, 2231 nurse."
            ),
            "cos_reference": "The number on the certificate of sponsorship, for example C2G8H6J4K1L.",
            "osce_attempts": "The OSCE can be taken up to 3 times.",
            "agency_name_other": "Only when the agency is not on the hub's framework.",
            "candidate_fees": "Candidates must never be charged for finding work. Leave empty if none.",
            "unsupervised_from": (
                "Only after an enhanced DBS check with the adult barred list and, for care workers, the Care "
                "Certificate standards assessed. Leave empty while they work supervised."
            ),
            "amber_agreement": (
                "For a country on the Code of Practice amber list: the government-to-government agreement the "
                "recruitment was made under."
            ),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        employers: QuerySet[Provider] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if employers is not None:
            self.fields = {
                "employer": forms.ModelChoiceField(
                    queryset=employers,
                    to_field_name="public_id",
                    label="Employer (sponsor)",
                    empty_label="Choose the provider",
                    error_messages={
                        "required": "Choose the provider that sponsors the recruit",
                        "invalid_choice": "Choose one of the providers in the list",
                    },
                ),
                **self.fields,
            }
        if not self.instance.pk:
            self.fields["start_date"] = DateField(
                label="Start date",
                required=False,
                help_text="If you know it. From that day they are recorded as employed by this provider.",
            )
        nationality = cast(forms.ChoiceField, self.fields["nationality"])
        nationality.choices = [("", "Choose a country"), *nationality_choices()]
        nationality.widget.attrs["data-module"] = "portal-country-autocomplete"
        agency = cast(forms.ModelChoiceField, self.fields["agency"])
        agency.queryset = agencies
        agency.empty_label = "None"
        agency.error_messages["invalid_choice"] = "Choose one of the agencies in the list, or type the agency's name"
        self.fields[
            "visa_application_date"
        ].help_text = f"The day their visa application with this employer was made. {route_rule_text(on=date.today())}"
        english = cast(forms.ChoiceField, self.fields["english_level"])
        english.choices = [("", "Not recorded"), *EnglishLevel.choices]

    @property
    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in SECTIONS
            if any(name in self.fields for name in names)
        ]

    def clean_occupation_code(self) -> str:
        code = str(self.cleaned_data.get("occupation_code") or "").strip()
        if code and not (len(code) == 4 and code.isdigit()):
            raise forms.ValidationError("Enter a 4-digit SOC occupation code, for example 6135, or leave it empty")
        return code

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data.get("date_of_birth")
        if born and born >= date.today():
            raise forms.ValidationError("The date of birth must be in the past")
        return born

    def clean_candidate_fees(self) -> Decimal | None:
        fees = self.cleaned_data.get("candidate_fees")
        if fees is not None and fees < 0:
            raise forms.ValidationError("Enter the fees as £0 or more")
        return fees

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        channel, agency = cleaned.get("recruitment_channel"), cleaned.get("agency")
        if channel == RecruitmentChannel.APPROVED_AGENCY and agency is None:
            self.add_error(
                "agency", "Choose the agency from the hub's framework, or choose “Other agency” and type its name"
            )
        if channel == RecruitmentChannel.OTHER_AGENCY and agency is None and not cleaned.get("agency_name_other"):
            self.add_error("agency_name_other", "Type the name of the agency that recruited them")
        if channel in (RecruitmentChannel.DIRECT, RecruitmentChannel.IN_COUNTRY) and (
            agency is not None or cleaned.get("agency_name_other")
        ):
            self.add_error(
                "recruitment_channel",
                "You named an agency: choose an agency as how they were recruited, or clear the agency",
            )
        if cleaned.get("nmc_pin") and cleaned.get("job_role") != JobRole.NURSE:
            self.add_error("nmc_pin", NMC_PIN_NURSES_ONLY)
        employer = cleaned.get("employer")
        if agency is not None and employer is not None and agency.region_id != employer.region_id:
            self.add_error("agency", "Choose an agency of the employer's region")
        return cleaned

    def record_data(self) -> dict[str, Any]:
        """What the services take: the record's fields only."""
        return {name: self.cleaned_data[name] for name in RECRUIT_FIELDS if name in self.cleaned_data}


class StatusField(forms.ChoiceField):
    """Offers only the moves allowed from the current status but passes any real status on, so
    that a forged move reaches the state machine and gets its explanation, not a generic error."""

    def valid_value(self, value: Any) -> bool:
        return value in RecruitStatus.values


class TransitionForm(forms.Form):
    to_status = StatusField(label="New status", error_messages={"required": "Choose the new status"})
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        widget=forms.Textarea,
        help_text="Kept with the change, with your name and the time.",
        error_messages={
            "required": "Enter the reason for the change",
            "max_length": "The reason must be 300 characters or fewer",
        },
    )

    def __init__(self, *args: Any, recruit: Recruit, employers: QuerySet[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recruit = recruit
        allowed = [status for status in RecruitStatus if status in TRANSITIONS[RecruitStatus(recruit.status)]]
        cast(StatusField, self.fields["to_status"]).choices = [
            ("", "Choose the new status"),
            *((status.value, status.label) for status in allowed),
        ]
        if recruit.status == RecruitStatus.REMATCHED:
            self.fields["new_provider"] = forms.ModelChoiceField(
                queryset=employers,
                to_field_name="public_id",
                required=False,
                label="New employer",
                help_text="Needed when a rematched recruit starts work.",
                empty_label="Choose the new employer",
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_work = cleaned.get("to_status") == RecruitStatus.EMPLOYED
        if starts_work and "new_provider" in self.fields and cleaned.get("new_provider") is None:
            self.add_error("new_provider", "Choose the new employer the recruit starts with")
        return cleaned


class ContactForm(forms.ModelForm):
    """The only part of their record a recruit may change."""

    class Meta:
        model = Recruit
        fields = CONTACT_FIELDS
        labels = {"email": "Email address", "phone": "Phone number", "address": "Address in the UK"}
        error_messages = {
            "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
            "phone": {"max_length": _too_long("Phone number", 30)},
            "postcode": {"max_length": _too_long("Postcode", 10)},
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
        }

    def clean_postcode(self) -> str:
        return " ".join(str(self.cleaned_data.get("postcode") or "").upper().split())


class RecruitFilterForm(forms.Form):
    """The list's filters, read from the query string; an invalid value is ignored, not an error page."""

    mark_optional = False  # every filter is optional: no "(optional)" on each

    q = forms.CharField(label="Name", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False)
    provider = forms.ChoiceField(label="Provider", required=False)
    nationality = forms.ChoiceField(label="Nationality", required=False)
    flag = forms.ChoiceField(label="Code of Practice", required=False)
    visa = forms.TypedChoiceField(label="Visa expires within", required=False, coerce=int, empty_value=None)

    def __init__(
        self, *args: Any, providers: list[tuple[str, str]], nationalities: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = {
            "status": [("", "Any status"), *RecruitStatus.choices],
            "nationality": [("", "Any nationality"), *nationalities],
            "flag": [("", "Flagged or not"), *FLAG_CHOICES],
            "visa": [("", "Any time"), *((str(days), f"{days} days") for days in VISA_WINDOWS)],
        }
        if providers:
            choices["provider"] = [("", "Any provider"), *providers]
        else:
            del self.fields["provider"]
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = options

    def filters(self) -> RecruitFilters:
        self.is_valid()  # the valid fields are in cleaned_data either way
        data = self.cleaned_data
        provider = data.get("provider")
        return RecruitFilters(
            search=(data.get("q") or "").strip(),
            status=data.get("status") or "",
            provider=UUID(provider) if provider else None,
            nationality=data.get("nationality") or "",
            flag=data.get("flag") or "",
            visa_within_days=data.get("visa"),
        )
