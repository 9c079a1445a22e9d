"""Forms of the literacy assessment: its set-up, a question, an answer, an external result."""

from __future__ import annotations

from typing import Any

from django import forms

from portal.forms import DateField
from recruits.models import EnglishLevel
from training.models import LiteracyAssessment, LiteracyMode, LiteracyQuestion


class LiteracyAssessmentForm(forms.ModelForm):
    region = forms.ChoiceField(label="Region", choices=[], error_messages={"required": "Choose the region"})

    class Meta:
        model = LiteracyAssessment
        fields = ["title", "mode", "external_url", "instructions", "level", "pass_mark"]
        widgets = {"mode": forms.RadioSelect}
        error_messages = {
            "title": {"required": "Enter the name of the assessment"},
            "mode": {"required": "Choose how the assessment is taken"},
            "external_url": {"invalid": "Enter a link starting with https://"},
            "pass_mark": {"required": "Enter how many correct answers pass", "invalid": "Enter a whole number"},
        }

    def __init__(self, *args: Any, regions: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = LiteracyMode.choices  # type: ignore[attr-defined]
        if regions and len(regions) > 1:
            self.fields["region"].choices = [("", "Choose a region"), *regions]  # type: ignore[attr-defined]
        else:
            del self.fields["region"]

    def assessment_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LiteracyQuestionForm(forms.Form):
    text = forms.CharField(
        label="Question", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter the question"}
    )
    options_text = forms.CharField(
        label="Answers to choose from",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line, at least two.",
        error_messages={"required": "Enter the answers, one per line"},
    )
    correct = forms.IntegerField(
        label="Number of the right answer",
        min_value=1,
        help_text="1 for the first line, 2 for the second, and so on. Learners never see it.",
        error_messages={"required": "Enter the number of the right answer", "invalid": "Enter a whole number"},
    )

    def options(self) -> list[str]:
        return self.cleaned_data["options_text"].splitlines()


class LiteracyAnswerForm(forms.Form):
    answer = forms.TypedChoiceField(
        label="Your answer",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an answer"},
    )

    def __init__(self, *args: Any, question: LiteracyQuestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the options' positions and words reach the page: never which one is right.
        self.fields["answer"].choices = list(enumerate(question.options))  # type: ignore[attr-defined]
        self.fields["answer"].label = question.text


class LiteracyResultForm(forms.Form):
    level = forms.ChoiceField(
        label="Level reached", choices=EnglishLevel.choices, error_messages={"required": "Choose the level reached"}
    )
    score = forms.CharField(label="Score", max_length=50, required=False, help_text="As the assessment gives it.")
    taken_on = DateField(label="Date taken", error_messages={"required": "Enter the date the assessment was taken"})
