"""The recruit forms on their own: choices, normalising, and error messages that say what to fix."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hubs.models import Agency
from providers.models import Provider
from recruits.forms import ContactForm, RecruitFilterForm, RecruitForm, TransitionForm
from recruits.models import Recruit, RecruitStatus
from recruits.selectors import country_choices
from tests.conftest import Cast

VALID = {
    "given_names": "Mercy",
    "family_name": "Owusu",
    "nationality": "IN",
    "job_role": "care_worker",
    "visa_route": "health_and_care",
    "dbs_status": "not_started",
    "overseas_crc": "not_obtained",
    "recruitment_channel": "direct",
    "osce_attempts": "0",
}


def _form(cast: Cast, **data: object) -> RecruitForm:
    return RecruitForm({**VALID, **data}, agencies=Agency.objects.filter(region=cast.region_a))


def _error(form: RecruitForm, field: str) -> str:
    assert not form.is_valid()
    return " ".join(form.errors[field])


def test_the_valid_record_passes(cast: Cast) -> None:
    form = _form(cast)
    assert form.is_valid(), form.errors
    assert form.record_data()["nationality"] == "IN"
    assert "start_date" not in form.record_data()


def test_nationality_is_every_country_sorted_by_name() -> None:
    choices = country_choices()
    names = [name for _code, name in choices]
    assert names == sorted(names) and len(choices) > 240
    assert ("NG", "Nigeria") in choices and ("PH", "Philippines") in choices


def test_dates_are_govuk_date_inputs_showing_day_month_and_year(cast: Cast) -> None:
    recruit = Recruit.objects.get(pk=cast.recruit_a.pk)
    recruit.visa_expiry = date(2027, 1, 9)
    form = RecruitForm(instance=recruit, agencies=Agency.objects.none())
    html = str(form["visa_expiry"])
    for box, value in (("day", "9"), ("month", "1"), ("year", "2027")):
        assert f'name="visa_expiry_{box}" type="text" inputmode="numeric" value="{value}"' in html
    assert _form(cast, visa_expiry="09/01/2027").is_valid(), "a typed UK date is accepted too"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date_of_birth", "31/02/1990", "Date of birth must be a real date"),
        ("date_of_birth", (date.today() + timedelta(days=1)).isoformat(), "The date of birth must be in the past"),
        ("visa_expiry", "soon", "Visa expiry date must be a real date"),
        ("evisa_share_code", "X1234", "9 characters starting with W"),
        ("nmc_pin", "12345678", "Enter the NMC PIN as 2 digits, a letter, 4 digits and a letter"),
        ("nmc_pin", "12A3456E9", "Enter the NMC PIN as 2 digits, a letter, 4 digits and a letter"),
        ("osce_attempts", "4", "at most 3 times"),
        ("osce_attempts", "-1", "a whole number from 0 to 3"),
        ("candidate_fees", "-5", "Enter the fees as £0 or more"),
        ("candidate_fees", "lots", "Enter the fees in pounds"),
        ("occupation_code", "61", "Enter a 4-digit SOC occupation code"),
        ("email", "nope", "Enter an email address in the correct format"),
        ("given_names", "", "Enter the given names as written in the passport"),
        ("nationality", "", "Choose the recruit's nationality"),
    ],
)
def test_errors_say_what_to_fix(field: str, value: str, message: str, cast: Cast) -> None:
    assert message in _error(_form(cast, **{field: value}), field)


def test_codes_are_normalised_before_they_are_checked(cast: Cast) -> None:
    form = _form(cast, evisa_share_code="w12ab 34cd", passport_number="ab 12 34")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["evisa_share_code"] == "W12AB34CD"
    assert form.cleaned_data["passport_number"] == "AB1234"


def test_the_nmc_pin_is_for_nurses_and_normalised(cast: Cast) -> None:
    form = _form(cast, job_role="nurse", nmc_pin="12a 3456e")
    assert form.is_valid(), form.errors
    assert form.record_data()["nmc_pin"] == "12A3456E"
    assert "Only nurses have an NMC PIN" in _error(_form(cast, nmc_pin="12A3456E"), "nmc_pin")
    assert _form(cast, job_role="nurse").is_valid(), "the PIN is optional (not registered yet)"


def test_the_agency_must_match_the_channel(cast: Cast) -> None:
    agency = Agency.objects.create(region=cast.region_a, name="Framework Agency")
    assert "Choose the agency from the hub's framework" in _error(
        _form(cast, recruitment_channel="approved_agency"), "agency"
    )
    assert "Type the name of the agency" in _error(_form(cast, recruitment_channel="other_agency"), "agency_name_other")
    assert "You named an agency" in _error(_form(cast, agency=agency.pk), "recruitment_channel")
    assert _form(cast, recruitment_channel="approved_agency", agency=agency.pk).is_valid()
    assert _form(cast, recruitment_channel="other_agency", agency_name_other="Elsewhere Ltd").is_valid()


def test_only_the_regions_agencies_are_offered(cast: Cast) -> None:
    ours = Agency.objects.create(region=cast.region_a, name="Ours")
    theirs = Agency.objects.create(region=cast.region_b, name="Theirs")
    form = _form(cast, recruitment_channel="approved_agency", agency=theirs.pk)
    assert list(form.fields["agency"].queryset) == [ours]  # type: ignore[attr-defined]
    assert "Choose one of the agencies in the list" in _error(form, "agency")


def test_the_agency_must_be_in_the_employers_region(cast: Cast) -> None:
    theirs = Agency.objects.create(region=cast.region_b, name="Theirs")
    form = RecruitForm(
        {
            **VALID,
            "employer": str(cast.provider_a.public_id),
            "recruitment_channel": "approved_agency",
            "agency": theirs.pk,
        },
        agencies=Agency.objects.all(),
        employers=Provider.objects.all(),
    )
    assert "Choose an agency of the employer's region" in _error(form, "agency")


def test_sections_follow_the_fields_present(cast: Cast) -> None:
    registering = RecruitForm(agencies=Agency.objects.none(), employers=Provider.objects.all())
    titles = [title for title, _fields in registering.sections]
    assert titles[0] == "Employer" and "Nurses only (NMC)" in titles
    assert [f.name for f in registering.sections[0][1]] == ["employer", "start_date"]
    editing = RecruitForm(instance=cast.recruit_a, agencies=Agency.objects.none())
    assert "Employer" not in [title for title, _fields in editing.sections]


def test_the_status_form_offers_allowed_moves_but_lets_a_forged_one_through(cast: Cast) -> None:
    form = TransitionForm(
        {"to_status": "displaced", "reason": "x"}, recruit=cast.recruit_a, employers=Provider.objects.none()
    )
    offered = [value for value, _label in form.fields["to_status"].choices if value]  # type: ignore[attr-defined]
    assert offered == ["employed", "left"]
    assert form.is_valid(), "an illegal but real status goes on to the state machine, which explains the refusal"
    assert not TransitionForm(
        {"to_status": "nowhere", "reason": "x"}, recruit=cast.recruit_a, employers=Provider.objects.none()
    ).is_valid()
    assert "Enter the reason for the change" in " ".join(
        TransitionForm({"to_status": "left"}, recruit=cast.recruit_a, employers=Provider.objects.none()).errors[
            "reason"
        ]
    )


def test_the_status_form_asks_a_rematched_recruits_new_employer(cast: Cast) -> None:
    cast.recruit_a.status = RecruitStatus.REMATCHED
    form = TransitionForm(
        {"to_status": "employed", "reason": "Placed"}, recruit=cast.recruit_a, employers=Provider.objects.all()
    )
    assert not form.is_valid()
    assert form.errors["new_provider"] == ["Choose the new employer the recruit starts with"]
    left = TransitionForm(
        {"to_status": "left", "reason": "Gone"}, recruit=cast.recruit_a, employers=Provider.objects.all()
    )
    assert left.is_valid()


def test_the_contact_form_holds_contact_fields_only(cast: Cast) -> None:
    form = ContactForm({"email": "a@b.test", "postcode": "b1  1aa", "family_name": "Forged"}, instance=cast.recruit_a)
    assert list(form.fields) == ["email", "phone", "address", "postcode"]
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "B1 1AA" and "family_name" not in form.cleaned_data


def test_the_filter_form_ignores_invalid_values() -> None:
    form = RecruitFilterForm(
        {"status": "bogus", "visa": "30", "provider": "not-offered", "q": " Ada "},
        providers=[],
        nationalities=[("NG", "Nigeria")],
    )
    filters = form.filters()
    assert (filters.status, filters.visa_within_days, filters.provider, filters.search) == ("", 30, None, "Ada")
    assert "provider" not in form.fields, "provider roles get no provider filter"
