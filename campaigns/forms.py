"""Forms of the campaign pages. The region comes from the user's hub team, never from free input."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from campaigns.models import Campaign, Decision
from campaigns.roles import job_roles
from hubs.models import Region
from portal.files import ACCEPT, document_limit_text
from portal.forms import DateField, ServiceErrorsMixin
from providers.models import Provider
from recruits.models import RepaymentCost
from recruits.selectors import nationality_choices

ISO = re.compile(r"^[A-Z]{2}$")
DATE_HINT = "For example, 27 11 2026"
ROLE_PREFIX = "posts_"
TARGETS = [
    ("target_applications", "Applications"),
    ("target_interviews", "Interviews"),
    ("target_offers", "Offers"),
    ("target_arrivals", "Arrivals"),
]


def _moment(cleaned: dict[str, Any]) -> dt.datetime:
    """The aware moment of a form's `day` and `time` fields (UK time)."""
    return timezone.make_aware(dt.datetime.combine(cleaned["day"], cleaned["time"]))


def _count(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10_000,
        required=False,
        help_text=help_text,
        error_messages={"invalid": f"Enter {label.lower()} as a whole number, like 12"},
    )


class CampaignForm(ServiceErrorsMixin, forms.Form):
    region = forms.ModelChoiceField(
        label="Region",
        queryset=Region.objects.none(),
        to_field_name="public_id",
        empty_label="Choose a region",
        error_messages={"required": "Choose the region of the campaign"},
    )
    title = forms.CharField(label="Title", max_length=150, error_messages={"required": "Enter the campaign's title"})
    employers = forms.ModelMultipleChoiceField(
        label="Employers",
        queryset=Provider.objects.none(),
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
        help_text="The employers of the region the campaign recruits for.",
        error_messages={
            "required": "Choose at least one employer the campaign recruits for",
            "invalid_choice": "Choose employers of the campaign's region only",
        },
    )
    in_country = forms.BooleanField(
        label="In-country campaign: it recruits people already living in the UK",
        required=False,
    )
    target_countries = forms.CharField(
        label="Target countries",
        max_length=200,
        required=False,
        help_text=(
            "Two-letter country codes separated by spaces, for example IN PH. Leave empty for an in-country campaign."
        ),
    )
    amber_agreement = forms.CharField(
        label="Government-to-government agreement",
        max_length=200,
        required=False,
        help_text=(
            "Needed for a country on the Code of Practice amber list, for example the UK-Kenya bilateral agreement."
        ),
    )
    channels = forms.CharField(
        label="Channels",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the advert runs, for example the partner government's job portal, NHS Jobs, community groups.",
    )
    opens_on = DateField(label="Opening date", help_text=DATE_HINT)
    closes_on = DateField(label="Closing date", help_text=DATE_HINT)
    advert = forms.CharField(
        label="The advert",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="You can use Markdown: **bold**, lists with -, links as [text](https://…).",
    )

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_ids = list(regions.values_list("id", flat=True))
        self.single_region: Region | None = regions.first() if len(region_ids) == 1 else None
        employers = Provider.objects.filter(region_id__in=region_ids).select_related("region").order_by("name")
        field = cast(forms.ModelMultipleChoiceField, self.fields["employers"])
        field.queryset = employers
        if self.single_region is None:
            field.label_from_instance = lambda obj: f"{obj} ({obj.region})"  # type: ignore[method-assign]
            cast(forms.ModelChoiceField, self.fields["region"]).queryset = regions.order_by("name")
        else:
            del self.fields["region"]
        for role in job_roles().values():
            self.fields[ROLE_PREFIX + role.code] = _count(
                f"{role.name} posts", "Leave empty if the campaign does not recruit for this role."
            )
        for name, label in TARGETS:
            self.fields[name] = _count(f"{label} expected")

    def role_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(ROLE_PREFIX)]

    def target_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _label in TARGETS]

    def clean_target_countries(self) -> list[str]:
        codes = self.cleaned_data["target_countries"].upper().replace(",", " ").split()
        wrong = [code for code in codes if not ISO.match(code)]
        if wrong:
            raise ValidationError(f"Enter countries as two-letter codes, like IN or PH (not {', '.join(wrong)})")
        return list(dict.fromkeys(codes))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["region"] = self.single_region or cleaned.get("region")
        for name, _label in TARGETS:
            cleaned[name] = cleaned.get(name) or 0
        return cleaned

    def roles(self) -> dict[str, int]:
        return {
            name.removeprefix(ROLE_PREFIX): self.cleaned_data.get(name) or 0
            for name in self.fields
            if name.startswith(ROLE_PREFIX)
        }


def campaign_initial(campaign: Campaign) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": campaign.title,
        "employers": list(campaign.employers.all()),
        "in_country": campaign.in_country,
        "target_countries": " ".join(campaign.target_countries),
        "amber_agreement": campaign.amber_agreement,
        "channels": campaign.channels,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "advert": campaign.advert,
    }
    for name, _label in TARGETS:
        initial[name] = getattr(campaign, name) or None
    for role in campaign.roles.all():
        initial[ROLE_PREFIX + role.role] = role.posts
    return initial


class PublishForm(ServiceErrorsMixin, forms.Form):
    no_fee_confirmed = forms.BooleanField(
        label="Candidates are never charged: no fee is taken from anyone who applies, at any stage",
        error_messages={"required": "Confirm that candidates are never charged a fee before you publish"},
    )


class CloseForm(ServiceErrorsMixin, forms.Form):
    confirm = forms.BooleanField(
        label="Close the campaign: its form stops taking applications, and applicants already in it carry on",
        error_messages={"required": "Tick the box to confirm you are closing the campaign"},
    )


# -- the public application form (issue 15 item 3) ------------------------------------------------

CERTIFICATES_MAX = 5
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one `<input type=file multiple>`; each is checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def _country(label: str, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, error_messages={"required": required_message, "invalid_choice": required_message}
    )


class ApplicationForm(ServiceErrorsMixin, forms.Form):
    """A candidate applies to a campaign, on a phone, without an account. `website` is a honeypot:
    people never see it (hidden from view and from screen readers); bots fill it in."""

    role = forms.ChoiceField(
        label="The role you are applying for",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role you are applying for"},
    )
    given_names = forms.CharField(
        label="Given names",
        max_length=150,
        help_text="As in your passport.",
        error_messages={"required": "Enter your given names"},
    )
    family_name = forms.CharField(
        label="Family name",
        max_length=150,
        help_text="As in your passport.",
        error_messages={"required": "Enter your family name"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send news of your application here, and a code to follow it.",
        error_messages={"required": "Enter your email address", "invalid": EMAIL_INVALID},
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        help_text="With the country code, for example +91 98765 43210.",
        error_messages={"required": "Enter a phone number we can call you on"},
    )
    country = _country("Country you live in", "Choose the country you live in")
    nationality = _country("Nationality", "Choose your nationality")
    passport_number = forms.CharField(
        label="Passport number", max_length=20, error_messages={"required": "Enter your passport number"}
    )
    experience = forms.CharField(
        label="Your experience",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Where you have worked, in which roles, and for how long.",
    )
    cv = forms.FileField(
        label="Your CV",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Choose your CV to upload", "invalid": "The file did not arrive: choose it again"},
    )
    certificates = MultipleFileField(
        label="Your certificates (optional)",
        required=False,
        error_messages={"invalid": "The files did not arrive: choose them again"},
    )
    consent = forms.BooleanField(
        label=(
            "I agree to the hub using my details and documents to consider this application, and sharing them "
            "with the employers of the campaign"
        ),
        error_messages={"required": "Agree to the hub using your details for this application, or you cannot apply"},
    )
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = dict(job_roles())
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role.role, roles[role.role].name if role.role in roles else role.role) for role in campaign.roles.all()
        ]
        countries = nationality_choices()
        for name in ("country", "nationality"):
            cast(forms.ChoiceField, self.fields[name]).choices = [("", "Choose a country"), *countries]
        file_help = f"A PDF, or a clear photo (JPEG or PNG), of {document_limit_text()} or less."
        self.fields["cv"].help_text = file_help
        self.fields[
            "certificates"
        ].help_text = f"Up to {CERTIFICATES_MAX} files: qualifications, registration, English test results. {file_help}"

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_certificates(self) -> list[Any]:
        files = self.cleaned_data.get("certificates") or []
        if len(files) > CERTIFICATES_MAX:
            raise ValidationError(f"Choose at most {CERTIFICATES_MAX} certificates: you chose {len(files)}")
        return files


class ApplicantSignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address you applied with.",
        error_messages={"required": "Enter your email address", "invalid": EMAIL_INVALID},
    )


# -- the hub's pipeline (issue 15 item 4) ---------------------------------------------------------


class MoveForm(ServiceErrorsMixin, forms.Form):
    to_stage = forms.ChoiceField(
        label="Move to", widget=forms.RadioSelect, error_messages={"required": "Choose where the application goes"}
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to reject or withdraw. The applicant is not sent this text.",
    )

    # Reached only through their own pages (the panel's decision, the offer, the arrival form).
    OWN_PAGE = {
        "interviewed": "the interview's decision",
        "offered": "“Make an offer”",
        "arrived": "“Record the arrival”",
    }

    def __init__(self, *args: Any, allowed: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["to_stage"])
        field.choices = [(s.value, s.label) for s in allowed if s.value not in self.OWN_PAGE]
        own = [s for s in allowed if s.value in self.OWN_PAGE]
        if own:
            field.help_text = f"“{own[0].label}” comes with {self.OWN_PAGE[own[0].value]}, above."


BULK_ACTIONS = [
    ("next", "Move each to its next stage"),
    ("rejected", "Reject"),
    ("withdrawn", "Mark as withdrawn"),
]


class BulkForm(ServiceErrorsMixin, forms.Form):
    action = forms.ChoiceField(
        label="With the chosen applicants",
        choices=[("", "Choose an action"), *BULK_ACTIONS],
        error_messages={"required": "Choose what to do with the chosen applicants"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=500,
        help_text="Needed to reject or withdraw. The applicants are not sent this text.",
    )
    chosen = forms.MultipleChoiceField(
        label="Applicants",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one applicant",
            "invalid_choice": "Choose applicants of this list",
        },
    )

    def __init__(self, *args: Any, applications: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["chosen"]).choices = [
            (str(a.public_id), a.name) for a in applications
        ]


class ScreeningForm(ServiceErrorsMixin, forms.Form):
    """One yes/no question per item of the role's checklist, with an optional note."""

    def __init__(self, *args: Any, items: list[Any], answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            answer = answers.get(item.code)
            self.fields[f"met_{item.code}"] = forms.ChoiceField(
                label=item.label,
                choices=[("yes", "Met"), ("no", "Not met")],
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                initial=None if answer is None else ("yes" if answer.met else "no"),
                error_messages={"required": f"Say whether this is met: {item.label}"},
            )
            self.fields[f"note_{item.code}"] = forms.CharField(
                label="Note", required=False, max_length=500, initial=answer.note if answer else ""
            )

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"met_{item.code}"], self[f"note_{item.code}"]) for item in self.items]

    def answers(self) -> dict[str, tuple[bool, str]]:
        return {
            item.code: (self.cleaned_data[f"met_{item.code}"] == "yes", self.cleaned_data[f"note_{item.code}"])
            for item in self.items
        }


# -- interviews (issue 15 item 5) -----------------------------------------------------------------


class PanelChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name or obj.email


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name or obj.email


class InterviewForm(ServiceErrorsMixin, forms.Form):
    day = DateField(label="Date", help_text=DATE_HINT)
    time = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="UK time. The candidate's email gives it with a calendar file for their own time zone.",
        error_messages={"required": "Enter the start time", "invalid": "Enter the start time like 14:30"},
    )
    minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=15,
        max_value=240,
        initial=45,
        error_messages={"required": "Enter the length in minutes", "invalid": "Enter the length as minutes, like 45"},
    )
    where = forms.CharField(
        label="Where, or the video link",
        max_length=300,
        error_messages={"required": "Enter where the interview is, or its video link"},
    )
    panel = PanelChoiceField(
        label="Panel",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The hub team and the staff of the campaign's employers.",
        error_messages={"required": "Choose the members of the panel", "invalid_choice": "Choose panel members listed"},
    )
    clinical_lead = LeadChoiceField(
        label="Clinical lead on the panel",
        queryset=User.objects.none(),
        required=False,
        empty_label="No clinical lead",
        help_text="Needed for nurses, midwives and allied health professionals.",
    )
    registration = forms.CharField(
        label="The clinical lead's professional registration",
        max_length=20,
        required=False,
        help_text="An NMC PIN, like 12A3456E, or an HCPC number, like PH123456.",
    )

    def __init__(self, *args: Any, candidates: Any, hub_team: set[int], clinical: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        def label(user: Any) -> str:
            return f"{user.name or user.email} ({'hub team' if user.pk in hub_team else 'employer'})"

        panel = cast(forms.ModelMultipleChoiceField, self.fields["panel"])
        panel.queryset = candidates
        panel.label_from_instance = label  # type: ignore[method-assign,assignment]
        lead = cast(forms.ModelChoiceField, self.fields["clinical_lead"])
        lead.queryset = candidates
        lead.label_from_instance = label  # type: ignore[method-assign,assignment]
        if clinical:
            lead.required, lead.empty_label = True, "Choose the clinical lead"
            lead.help_text = "One of the panel members, registered with the NMC or the HCPC."
            lead.error_messages["required"] = "Choose the clinical lead on the panel: this role needs one"
            self.fields["registration"].required = True
            self.fields["registration"].error_messages["required"] = "Enter the clinical lead's NMC PIN or HCPC number"
        else:
            lead.help_text = "Not needed for this role."

    def starts_at(self) -> Any:
        return _moment(self.cleaned_data)


class ScoreForm(ServiceErrorsMixin, forms.Form):
    """A panel member's scores, one question at a time (1 to 4), each with an optional note."""

    SCORES = [("1", "1: not shown"), ("2", "2: partly shown"), ("3", "3: shown"), ("4", "4: shown strongly")]

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"score_{question.code}"] = forms.ChoiceField(
                label=question.text,
                choices=self.SCORES,
                widget=forms.RadioSelect,
                error_messages={"required": f"Score this question: {question.text}"},
            )
            self.fields[f"note_{question.code}"] = forms.CharField(label="Note", required=False, max_length=500)

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"score_{q.code}"], self[f"note_{q.code}"]) for q in self.questions]

    def scores(self) -> dict[str, tuple[int, str]]:
        return {
            q.code: (int(self.cleaned_data[f"score_{q.code}"]), self.cleaned_data[f"note_{q.code}"])
            for q in self.questions
        }


class DecisionForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="The panel's decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    note = forms.CharField(
        label="Note on the decision",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The reasons, as the panel agreed them. A rejection keeps this note as its reason.",
        error_messages={"required": "Write a note on the decision: the reasons, as the panel agreed them"},
    )


class RearrangeForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why does the time not suit you, and when would?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the time does not suit you, and when would"},
    )


# -- offers and checks (issue 15 item 6) ----------------------------------------------------------


REPAYMENT_ROWS = 4


class OfferForm(ServiceErrorsMixin, forms.Form):
    employer = forms.ModelChoiceField(
        label="Employer",
        queryset=Provider.objects.none(),
        to_field_name="public_id",
        empty_label="Choose the employer",
        error_messages={"required": "Choose the employer making the offer"},
    )
    salary = forms.DecimalField(
        label="Salary, pounds a year",
        min_value=1,
        max_digits=9,
        decimal_places=2,
        error_messages={"required": "Enter the salary a year", "invalid": "Enter the salary in pounds, like 31500"},
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        min_value=1,
        max_value=48,
        max_digits=4,
        decimal_places=1,
        error_messages={"required": "Enter the hours a week", "invalid": "Enter the hours a week, like 37.5"},
    )
    starts_on = DateField(label="Start date", help_text=DATE_HINT)
    repayment_months = forms.IntegerField(
        label="Repaid over how many months",
        required=False,
        min_value=1,
        max_value=60,
        help_text="Only with a repayment clause: the monthly plan offered to the worker.",
        error_messages={"invalid": "Enter the months as a whole number, like 12"},
    )
    interest = forms.BooleanField(label="The clause charges interest", required=False)
    cash = forms.BooleanField(label="The worker repays in cash", required=False)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employer"]).queryset = employers
        for row in range(1, REPAYMENT_ROWS + 1):
            self.fields[f"cost_{row}"] = forms.ChoiceField(
                label=f"Cost {row}", required=False, choices=[("", "No cost"), *RepaymentCost.choices]
            )
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=f"Cost {row}: amount in pounds",
                required=False,
                min_value=Decimal("0.01"),
                max_digits=8,
                decimal_places=2,
                error_messages={"invalid": "Enter the amount in pounds, like 650"},
            )
            self.fields[f"evidence_{row}"] = forms.CharField(
                label=f"Cost {row}: evidence", required=False, max_length=200, help_text="Like the flight invoice."
            )

    def repayment_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(self[f"cost_{n}"], self[f"amount_{n}"], self[f"evidence_{n}"]) for n in range(1, REPAYMENT_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in range(1, REPAYMENT_ROWS + 1):
            cost, amount = cleaned.get(f"cost_{row}"), cleaned.get(f"amount_{row}")
            if cost and amount is None and f"amount_{row}" not in self.errors:
                self.add_error(f"amount_{row}", f"Enter the amount of cost {row}")
            if amount is not None and not cost:
                self.add_error(f"cost_{row}", f"Choose what cost {row} is")
        return cleaned

    def repayment(self) -> list[tuple[str, Decimal, str]]:
        rows = []
        for row in range(1, REPAYMENT_ROWS + 1):
            cost = self.cleaned_data.get(f"cost_{row}")
            if cost:
                rows.append((cost, self.cleaned_data[f"amount_{row}"], self.cleaned_data.get(f"evidence_{row}", "")))
        return rows


class CheckForm(ServiceErrorsMixin, forms.Form):
    item = forms.ChoiceField(label="Check", error_messages={"required": "Choose the check you are recording"})
    checked_on = DateField(label="Date checked", help_text=DATE_HINT)
    expires_on = DateField(
        label="Expires on", required=False, help_text=f"For a visa or a test result that expires. {DATE_HINT}"
    )
    reference = forms.CharField(
        label="Reference", required=False, max_length=100, help_text="A certificate number, a share code."
    )
    upload = forms.FileField(
        label="Evidence",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Choose the evidence file", "invalid": "The file did not arrive: choose it again"},
    )

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["item"]).choices = [
            ("", "Choose the check"),
            *((item.code, item.label) for item in items),
        ]
        self.fields["upload"].help_text = f"A PDF, JPEG or PNG of {document_limit_text()} or less."


# -- pre-arrival and arrival (issue 15 item 7) ---------------------------------------------------


class ChecklistForm(ServiceErrorsMixin, forms.Form):
    """The candidate's pre-arrival checklist: one box per item, and the day they plan to arrive."""

    planned_arrival = DateField(
        label="The day you plan to arrive in the UK",
        required=False,
        help_text=f"Once your travel is booked. {DATE_HINT}",
    )

    def __init__(self, *args: Any, items: list[Any], done: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"done_{item.code}"] = forms.BooleanField(
                label=item.label, required=False, help_text=item.hint, initial=item.code in done
            )

    def boxes(self) -> list[forms.BoundField]:
        return [self[f"done_{item.code}"] for item in self.items]

    def done(self) -> set[str]:
        return {item.code for item in self.items if self.cleaned_data.get(f"done_{item.code}")}


class FirstAppointmentForm(ServiceErrorsMixin, forms.Form):
    day = DateField(label="Date", help_text=DATE_HINT)
    time = forms.TimeField(
        label="Time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="UK time.",
        error_messages={"required": "Enter the time", "invalid": "Enter the time like 09:30"},
    )
    minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=5,
        max_value=480,
        initial=30,
        error_messages={"required": "Enter the length in minutes", "invalid": "Enter the length as minutes, like 30"},
    )
    purpose = forms.CharField(
        label="What it is",
        max_length=200,
        help_text="Like “Airport pick-up”, “Induction at the care home” or “Registering with a GP”.",
        error_messages={"required": "Say what the appointment is"},
    )
    place = forms.CharField(
        label="Where",
        max_length=200,
        help_text="The address, or the video link.",
        error_messages={"required": "Say where the appointment is"},
    )

    def starts_at(self) -> Any:
        return _moment(self.cleaned_data)


class ArrivalForm(ServiceErrorsMixin, forms.Form):
    arrived_on = DateField(label="Arrived in the UK on", help_text=DATE_HINT)
    first_day = DateField(
        label="First working day",
        help_text=f"From the offer; change it if the employer agreed another day. {DATE_HINT}",
    )
    cos_reference = forms.CharField(
        label="Certificate of sponsorship (CoS) reference",
        max_length=20,
        help_text="As on the certificate, like C2G8K41234X.",
        error_messages={"required": "Enter the certificate of sponsorship (CoS) reference"},
    )
    visa_application_date = DateField(
        label="Visa application date",
        required=False,
        help_text=f"The day the candidate said they applied, if they ticked it. {DATE_HINT}",
    )
    visa_expiry = DateField(label="Visa end date", required=False, help_text=f"As on the eVisa. {DATE_HINT}")

    def clean_cos_reference(self) -> str:
        value = self.cleaned_data["cos_reference"].replace(" ", "").upper()
        if not re.fullmatch(r"[A-Z0-9]{6,20}", value):
            raise ValidationError("Enter the CoS reference as it is on the certificate: letters and numbers only")
        return value
