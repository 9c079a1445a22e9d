"""Forms of the advice pages. The region and the asker always come from the user's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from advice.models import Category, Outcome, ServiceKind, Urgency
from advice.services import MINUTES_MAX
from advice.targets import first_answer_hours
from portal.files import ACCEPT, document_limit_text
from portal.forms import DateField, ServiceErrorsMixin
from providers.forms import DATE_HINT

UPLOAD_HELP = f"A letter, contract or policy as a PDF, JPEG or PNG of {document_limit_text()} or less."
URGENCY_HELP = "Urgent: someone's job or the licence is at risk this week."
ADVICE_CATEGORIES = [Category.EMPLOYMENT_LAW, Category.HR, Category.IMMIGRATION, Category.OTHER]


class _Labelled(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class SubscriptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        who = obj.provider.name if obj.provider_id else obj.local_authority.council_name
        return f"{obj.service.name} ({who})"


def _upload() -> forms.FileField:
    return forms.FileField(
        label="Attach a document",
        required=False,
        help_text=UPLOAD_HELP,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


def _urgency_choices() -> list[tuple[str, str]]:
    """Each urgency with the hub's target for a first answer, read for today."""
    today = timezone.localdate()
    return [
        (value, f"{label}: a first answer within {first_answer_hours(value, on=today)} hours")
        for value, label in Urgency.choices
    ]


def _question_fields() -> dict[str, forms.Field]:
    return {
        "subject": forms.CharField(
            label="Title", max_length=150, error_messages={"required": "Give your request a short title"}
        ),
        "question": forms.CharField(
            label="Your question",
            widget=forms.Textarea,
            error_messages={"required": "Write your question for the hub"},
            help_text="What happened, what you need to decide and by when. Use initials rather than workers' names.",
        ),
        "urgency": forms.ChoiceField(
            label="How urgent is it",
            choices=_urgency_choices(),
            initial=Urgency.ROUTINE,
            widget=forms.RadioSelect,
            help_text=URGENCY_HELP,
            error_messages={"required": "Choose how urgent your request is"},
        ),
    }


class AdviceRequestForm(ServiceErrorsMixin, forms.Form):
    subscription = SubscriptionChoiceField(
        label="Subscription",
        queryset=None,  # type: ignore[arg-type]
        empty_label="Choose the subscription",
        error_messages={"required": "Choose the subscription this question is under"},
    )
    category = forms.ChoiceField(
        label="What is it about",
        choices=[(c.value, c.label) for c in ADVICE_CATEGORIES],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what your question is about"},
    )

    def __init__(self, *args: Any, subscriptions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subscription"].queryset = subscriptions  # type: ignore[attr-defined]
        self.fields.update(_question_fields())
        self.fields["upload"] = _upload()


class SponsorHelpForm(ServiceErrorsMixin, forms.Form):
    provider = _Labelled(
        label="Provider",
        queryset=None,  # type: ignore[arg-type]
        empty_label=None,
        error_messages={"required": "Choose your provider"},
    )
    category = forms.ChoiceField(
        label="What do you need help with",
        choices=[(c.value, c.label) for c in (Category.SPONSOR_APPLY, Category.SPONSOR_KEEP)],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you want to apply for a sponsor licence or keep one"},
    )

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields.update(_question_fields())
        self.fields["upload"] = _upload()


class CouncilSupportForm(ServiceErrorsMixin, forms.Form):
    about_provider = _Labelled(
        label="Which provider is it about",
        queryset=None,  # type: ignore[arg-type]
        empty_label="Choose the provider",
        error_messages={"required": "Choose the provider of your area the request is about"},
        help_text="Providers of your council's area.",
    )

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields.update(_question_fields())
        self.fields["question"].label = "What support do you need"
        self.fields["upload"] = _upload()


class ReplyForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label="Your message", widget=forms.Textarea, error_messages={"required": "Write your message"}
    )

    def __init__(self, *args: Any, adviser: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if adviser:
            self.fields["minutes"] = forms.IntegerField(
                label="Minutes spent",
                required=False,
                min_value=0,
                max_value=MINUTES_MAX,
                help_text="Time spent on this answer, counted against the subscription's allowance. "
                "Time beyond what is left is recorded and flagged.",
                error_messages={
                    "invalid": "Enter the minutes as a whole number, like 30",
                    "min_value": "Enter 0 or more minutes",
                    "max_value": f"Enter at most {MINUTES_MAX} minutes for one answer",
                },
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
            )
        self.fields["upload"] = _upload()


class CloseForm(ServiceErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "Choose the outcome"), *Outcome.choices],
        error_messages={"required": "Choose the outcome"},
    )
    note = forms.CharField(label="Outcome note", widget=forms.Textarea, required=False)


class ServiceForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=120, error_messages={"required": "Enter the service's name"})
    kind = forms.ChoiceField(
        label="Kind", choices=ServiceKind.choices, error_messages={"required": "Choose the kind of service"}
    )
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)
    default_allowance_minutes = forms.IntegerField(
        label="Usual allowance in minutes a year",
        min_value=0,
        initial=0,
        error_messages={
            "required": "Enter the usual allowance in minutes, or 0",
            "invalid": "Enter the allowance as a whole number of minutes, like 600",
        },
    )
    for_providers = forms.BooleanField(label="Offered to providers", required=False, initial=True)
    for_councils = forms.BooleanField(label="Offered to councils", required=False)


class SubscriptionForm(ServiceErrorsMixin, forms.Form):
    service = _Labelled(
        label="Service",
        queryset=None,  # type: ignore[arg-type]
        empty_label="Choose the service",
        error_messages={"required": "Choose the service"},
    )
    provider = _Labelled(
        label="Provider",
        queryset=None,
        required=False,
        empty_label="Not a provider",  # type: ignore[arg-type]
    )
    local_authority = _Labelled(
        label="Council",
        queryset=None,
        required=False,
        empty_label="Not a council",  # type: ignore[arg-type]
    )
    starts_on = DateField(
        label="Starts on",
        help_text=DATE_HINT,
        error_messages={"required": "Enter the start date", "invalid": f"Enter a real date. {DATE_HINT}"},
    )
    ends_on = DateField(
        label="Ends on",
        required=False,
        help_text=DATE_HINT,
        error_messages={"invalid": f"Enter a real date. {DATE_HINT}"},
    )
    allowance_minutes = forms.IntegerField(
        label="Allowance in minutes",
        min_value=0,
        required=False,
        error_messages={"invalid": "Enter the allowance as a whole number of minutes, like 600"},
        help_text="Leave empty for the service's usual allowance.",
    )

    def __init__(self, *args: Any, services: Any, providers: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["local_authority"].queryset = councils  # type: ignore[attr-defined]


class SubscriptionEndForm(ServiceErrorsMixin, forms.Form):
    ends_on = DateField(
        label="Ends on",
        help_text=DATE_HINT,
        error_messages={"required": "Enter the end date", "invalid": f"Enter a real date. {DATE_HINT}"},
    )
