"""Person pickers tell namesakes apart: date of birth, employer and reference for a recruit, the
email address for a user; the options cost a fixed number of queries however many are listed."""

from __future__ import annotations

import datetime as dt

from django import forms

from accounts.choices import UserChoiceField, user_choice_label
from recruits.choices import RecruitChoiceField, RecruitMultipleChoiceField, recruit_choice_label
from recruits.models import Recruit
from tests.factories import RecruitFactory


class _Pick(forms.Form):
    one = RecruitChoiceField(queryset=Recruit.objects.none())
    many = RecruitMultipleChoiceField(queryset=Recruit.objects.none())


def _pick(queryset) -> _Pick:
    form = _Pick()
    form.fields["one"].queryset = queryset  # type: ignore[attr-defined]
    form.fields["many"].queryset = queryset  # type: ignore[attr-defined]
    return form


def test_it_names_a_recruit_with_birth_date_employer_and_reference(cast) -> None:
    recruit = cast.recruit_a
    recruit.date_of_birth = dt.date(1994, 3, 3)
    label = recruit_choice_label(recruit)
    assert label == f"Ada Adeyemi — born 3 Mar 1994, Alpha Care Ltd, ref {recruit.reference}"
    assert len(recruit.reference) == 8 and recruit.reference in recruit.public_id.hex.upper()


def test_it_tells_two_namesakes_apart(cast) -> None:
    twin = RecruitFactory(provider=cast.provider_a, given_names="Ada", family_name="Adeyemi")
    labels = [label for _, label in _pick(Recruit.objects.filter(family_name="Adeyemi")).fields["one"].choices][1:]
    assert len(labels) == 2 and labels[0] != labels[1]
    assert any(twin.reference in label for label in labels)


def test_a_recruit_without_birth_date_or_employer_still_has_a_reference(cast) -> None:
    recruit = Recruit(given_names="Kofi", family_name="Dlamini", region=cast.region_a)
    assert recruit_choice_label(recruit) == f"Kofi Dlamini — no employer, ref {recruit.reference}"


def test_the_options_cost_one_query_whatever_their_number(
    cast, django_assert_num_queries, django_assert_max_num_queries
) -> None:
    for n in range(5):
        RecruitFactory(provider=cast.provider_b, given_names=f"Worker{n}")
    form = _pick(Recruit.objects.all())
    with django_assert_num_queries(1):
        labels = [label for _, label in form.fields["one"].choices]
    assert len(labels) == 8 and "Alpha Care Ltd" in labels[1]  # the empty choice, then 7 recruits
    with django_assert_max_num_queries(2):  # the rendered widget may count the options too
        assert "Beta Care Ltd" in str(form["many"])


def test_a_user_is_named_with_their_email(cast) -> None:
    cast.staff_a.name = "Harriet Hub"
    assert user_choice_label(cast.staff_a) == "Harriet Hub (staff.a@portal.test)"
    cast.staff_a.name = ""
    assert user_choice_label(cast.staff_a) == "staff.a@portal.test"
    field = UserChoiceField(queryset=type(cast.staff_a).objects.filter(pk=cast.lead_a.pk))
    assert [label for _, label in field.choices][1:] == [user_choice_label(cast.lead_a)]
