"""The shared form pieces: the GOV.UK date input and the renderer that draws every field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from portal.forms import DateField
from portal.forms.renderer import GovukFormRenderer


class BirthForm(forms.Form):
    date_of_birth = DateField(label="Date of birth")
    started = DateField(label="Start date", required=False)


def _errors(data: dict[str, str]) -> list[str]:
    form = BirthForm(data)
    assert not form.is_valid()
    return form.errors["date_of_birth"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter date of birth"),
        ("7", "", "1994", "Date of birth must include a month"),
        ("", "", "1994", "Date of birth must include a day and month"),
        ("31", "2", "1994", "Date of birth must be a real date"),
        ("7", "3", "94", "Year must include 4 numbers"),
        ("seven", "3", "1994", "Date of birth must be a real date"),
    ],
)
def test_errors_use_govuks_wording(day: str, month: str, year: str, message: str) -> None:
    data = {"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}
    assert _errors(data) == [message]


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("7", "3", "1994"), ("07", "03", "1994"), (" 7 ", "Mar", "1994"), ("7", "March", "1994"), ("7/3/1994", "", "")],
)
def test_it_takes_what_people_type(day: str, month: str, year: str) -> None:
    form = BirthForm({"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == date(1994, 3, 7)


@pytest.mark.parametrize("typed", ["7/3/1994", "07 03 1994", "7-3-1994", "1994-03-07", "7 Mar 1994", "7.3.1994"])
def test_a_whole_date_in_one_value_is_accepted(typed: str) -> None:
    form = BirthForm({"date_of_birth": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == date(1994, 3, 7)


def test_an_error_keeps_every_value_typed() -> None:
    form = BirthForm({"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "1994"})
    html = str(form["date_of_birth"].as_field_group())
    for box, value in (("day", "31"), ("month", "2"), ("year", "1994")):
        assert f'name="date_of_birth_{box}" type="text" inputmode="numeric" value="{value}"' in html
    assert "govuk-form-group--error" in html and "govuk-input--error" in html
    assert "href" not in html  # the summary links live in the page, not the field


def test_a_saved_date_is_shown_in_its_boxes_and_sent_back_unchanged() -> None:
    shown = BirthForm(initial={"date_of_birth": date(2027, 9, 1)})
    html = str(shown["date_of_birth"])
    assert 'value="1"' in html and 'value="9"' in html and 'value="2027"' in html
    sent = BirthForm({"date_of_birth_day": "1", "date_of_birth_month": "9", "date_of_birth_year": "2027"})
    assert sent.is_valid() and sent.cleaned_data["date_of_birth"] == date(2027, 9, 1)


def test_an_optional_date_left_empty_is_none() -> None:
    form = BirthForm({"date_of_birth": "1994-03-07", "started_day": "", "started_month": "", "started_year": ""})
    assert form.is_valid() and form.cleaned_data["started"] is None


def test_the_renderer_draws_selects_and_numbers_with_their_values() -> None:
    class Choice(forms.Form):
        colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")])
        hours = forms.DecimalField()

    html = str(Choice(initial={"colour": "g", "hours": "37.5"}).as_div())
    assert '<option value="g" selected>' in html and 'class="govuk-select"' in html
    assert 'value="37.5"' in html and 'class="govuk-input govuk-input--width-10"' in html


class SelectWithAClosedOption(forms.Select):
    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if option["value"] == "closed":
            option["attrs"]["disabled"] = True
        return option


class Placement(forms.Form):
    employer = forms.ChoiceField(
        choices=[
            ("", "Any employer"),
            ('Care <homes> & "more"', [("a&b", 'Ash <&> "Birch"'), ("closed", "Closed Lodge")]),
            ("Home care", [("c", "Cedar"), ("d", "Dale")]),
        ],
        widget=SelectWithAClosedOption,
    )
    regions = forms.MultipleChoiceField(choices=[("n", "North"), ("s", "South"), ("w", "West")])


def _as_django_draws_it(field: forms.BoundField) -> str:
    """The field drawn by Django's own select templates, with the attrs the portal's renderer gives it."""
    attrs = field.build_widget_attrs({"id": field.auto_id})
    return field.field.widget.render(field.html_name, field.value(), attrs=attrs, renderer=DjangoTemplates())


@pytest.mark.parametrize(("name", "data"), [("employer", {"employer": "a&b"}), ("regions", {"regions": ["n", "w"]})])
def test_the_one_loop_select_draws_what_djangos_draws(name: str, data: dict[str, object]) -> None:
    template = GovukFormRenderer().get_template("django/forms/widgets/select.html")
    assert template.origin.name.endswith("templates/forms/widgets/select.html")  # ours, not Django's
    field = Placement(data)[name]
    ours = str(field)
    assert parse_html(ours) == parse_html(_as_django_draws_it(field))
    assert 'class="govuk-select"' in ours and "select_option" not in template.template.source


def test_the_select_escapes_labels_and_values_and_keeps_option_attrs() -> None:
    html = str(Placement({"employer": "a&b"})["employer"])
    assert '<optgroup label="Care &lt;homes&gt; &amp; &quot;more&quot;">' in html
    assert '<option value="a&amp;b" selected>Ash &lt;&amp;&gt; &quot;Birch&quot;</option>' in html
    assert '<option value="closed" disabled>Closed Lodge</option>' in html
    assert '<option value="c">Cedar</option>' in html


def test_a_multiple_select_marks_every_chosen_option() -> None:
    html = parse_html(str(Placement({"regions": ["n", "w"]})["regions"]))
    assert html.count(parse_html('<option value="n" selected>North</option>')) == 1
    assert html.count(parse_html('<option value="w" selected>West</option>')) == 1
    assert html.count(parse_html('<option value="s">South</option>')) == 1


def test_short_answers_get_a_box_as_wide_as_they_are() -> None:
    class Codes(forms.Form):
        soc = forms.CharField(max_length=4)
        postcode = forms.CharField(max_length=10)
        name = forms.CharField(max_length=200)

    html = str(Codes().as_div())
    assert 'class="govuk-input govuk-input--width-4"' in html
    assert 'class="govuk-input govuk-input--width-10"' in html
    assert 'class="govuk-input" ' in html  # a long answer keeps the full width


class Details(forms.Form):
    job = forms.CharField(label="Job title", max_length=3)
    how = forms.ChoiceField(label="How it was done", choices=[("x", "X")], widget=forms.RadioSelect)
    hours = forms.IntegerField(label="Hours", min_value=1)
    email = forms.EmailField(label="Email address")
    pin = forms.CharField(label="NMC PIN")
    safe = forms.ChoiceField(label="Do you feel safe?", choices=[("y", "Yes")], widget=forms.RadioSelect)
    own = forms.CharField(label="Own", error_messages={"required": "Write what happened"})


def _shown(data: dict[str, str]) -> dict[str, list[str]]:
    form = Details(data)
    form.is_valid()
    return {field.name: list(field.errors) for field in form if field.errors}


def test_empty_answers_get_a_message_naming_the_field() -> None:
    assert _shown({}) == {
        "job": ["Enter job title"],
        "how": ["Select how it was done"],
        "hours": ["Enter hours"],
        "email": ["Enter email address"],
        "pin": ["Enter NMC PIN"],
        "safe": ["Select an answer to “Do you feel safe?”"],
        "own": ["Write what happened"],  # a form's own message wins
    }


def test_wrong_answers_say_what_is_wrong_with_them() -> None:
    shown = _shown({"job": "abcd", "how": "z", "hours": "0", "email": "nope", "pin": "1", "safe": "y", "own": "o"})
    assert shown == {
        "job": ["Job title must be 3 characters or fewer"],
        "how": ["Select one of the options for how it was done"],
        "hours": ["Hours must be 1 or more"],
        "email": ["Enter an email address in the correct format, like name@example.org"],
    }


def test_optional_answers_say_so_except_on_a_filter_form() -> None:
    class Entry(forms.Form):
        note = forms.CharField(label="Note", required=False)

    class Filters(Entry):
        mark_optional = False

    assert "Note (optional)" in str(Entry()["note"].as_field_group())
    assert "(optional)" not in str(Filters()["note"].as_field_group())
