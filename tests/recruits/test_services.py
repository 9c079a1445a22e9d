"""Registration, Code of Practice flags and the status machine."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hubs.models import Agency
from recruits.code_of_practice import country_list_on, country_lists_on, country_lists_on_days, flags_for
from recruits.duties.models import DutyKind
from recruits.duties.rules import duty_deadline
from recruits.models import CodeOfPracticeCountry, Employment, Flag, RecruitStatus, StatusChange
from recruits.services import recruit_register, recruit_transition, recruit_update, transition_error
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory

BASE = {"given_names": "Grace", "family_name": "Banda", "date_of_birth": date(1994, 5, 2), "nationality": "zw"}


def test_registering_sets_the_region_and_occupation_and_normalises(cast: Cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={**BASE, "passport_number": "ab 123 456", "job_role": "senior_care_worker"},
    )
    assert recruit.region == cast.region_a and recruit.nationality == "ZW"
    assert recruit.passport_number == "AB123456" and recruit.occupation_code == "6136"
    assert recruit.status == RecruitStatus.ARRIVING


def test_a_start_date_makes_an_employment_and_employs(cast: Cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a, provider=cast.provider_a, data=BASE, start_date=date.today() - timedelta(days=3)
    )
    assert recruit.status == RecruitStatus.EMPLOYED
    assert Employment.objects.get(recruit=recruit).provider == cast.provider_a
    assert StatusChange.objects.get(recruit=recruit).actor == cast.provider_admin_a


def test_a_bad_share_code_is_refused_with_the_reason(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="9 characters starting with W"):
        recruit_register(
            actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, "evisa_share_code": "X123"}
        )


def test_more_than_three_osce_attempts_are_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="at most 3"):
        recruit_register(
            actor=cast.provider_admin_a,
            provider=cast.provider_a,
            data={**BASE, "job_role": "nurse", "osce_attempts": 4},
        )


def test_red_list_through_an_agency_is_flagged_not_blocked(cast: Cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={**BASE, "nationality": "NG", "recruitment_channel": "other_agency", "agency_name_other": "Fast Jobs"},
    )
    assert Flag.RED_LIST_AGENCY in recruit.flags and Flag.UNLISTED_AGENCY in recruit.flags


def test_red_list_by_direct_application_is_allowed(cast: Cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, "nationality": "NG"}
    )
    assert recruit.flags == []


def test_an_approved_agency_raises_no_agency_flag_and_fees_always_do(cast: Cast) -> None:
    agency = Agency.objects.create(region=cast.region_a, name="Ethical Care Recruit")
    recruit = recruit_register(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={**BASE, "nationality": "IN", "recruitment_channel": "approved_agency", "agency": agency},
    )
    assert recruit.flags == []
    recruit = recruit_update(actor=cast.lead_a, recruit=recruit, data={"candidate_fees": Decimal("250.00")})
    assert recruit.flags == [Flag.FEES_CHARGED]


def test_amber_countries_are_flagged_for_review(cast: Cast) -> None:
    recruit = recruit_register(
        actor=cast.provider_admin_a, provider=cast.provider_a, data={**BASE, "nationality": "NP"}
    )
    assert recruit.flags == [Flag.AMBER_LIST]


def test_the_lists_are_versioned_by_date(db) -> None:
    assert country_list_on("NG", date(2024, 1, 1)) == "red"
    assert country_list_on("NG", date(2020, 1, 1)) is None  # before the 2023 list took effect
    CodeOfPracticeCountry.objects.filter(iso_code="NG").update(effective_to=date(2027, 1, 1))
    assert country_list_on("NG", date(2027, 6, 1)) is None
    assert country_list_on("KE", date(2022, 1, 1)) == "amber"


def test_the_lists_of_many_countries_and_days_come_in_one_query(db, django_assert_num_queries) -> None:
    CodeOfPracticeCountry.objects.filter(iso_code="NG").update(effective_to=date(2027, 1, 1))
    days = [date(2020, 1, 1), date(2022, 1, 1), date(2024, 1, 1), date(2027, 6, 1)]
    with django_assert_num_queries(1):
        lists = country_lists_on_days(["ng", "KE", "PH", ""], days)
    for day in days:
        for code in ["NG", "KE", "PH"]:
            assert lists[day].get(code) == country_list_on(code, day), (code, day)
    assert country_lists_on(["NG", "PH"], date(2024, 1, 1)) == {"NG": "red"}


def test_flags_from_precomputed_lists_are_the_same(cast: Cast, django_assert_num_queries) -> None:
    recruit = RecruitFactory(provider=cast.provider_a, nationality="NG", recruitment_channel="other_agency")
    lists = country_lists_on([recruit.nationality], recruit.created_at.date())
    with django_assert_num_queries(0):
        flags = flags_for(recruit, lists=lists)
    assert flags == flags_for(recruit) == [Flag.RED_LIST_AGENCY, Flag.UNLISTED_AGENCY]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("arriving", "employed"),
        ("employed", "at_risk"),
        ("at_risk", "displaced"),
        ("at_risk", "employed"),
        ("displaced", "rematched"),
        ("employed", "left"),
        ("displaced", "left"),
    ],
)
def test_legal_moves_are_recorded_with_who(cast: Cast, start: str, target: str) -> None:
    recruit = RecruitFactory(provider=cast.provider_a, status=start)
    change = recruit_transition(actor=cast.staff_a, recruit=recruit, to_status=target, reason="test")
    recruit.refresh_from_db()
    assert recruit.status == target and change.actor == cast.staff_a and change.from_status == start


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        ("arriving", "displaced", "can only move to"),
        ("employed", "rematched", "can only move to"),
        ("left", "employed", "has left"),
        ("employed", "employed", "already"),
    ],
)
def test_illegal_moves_are_refused_with_a_reason(cast: Cast, start: str, target: str, message: str) -> None:
    recruit = RecruitFactory(provider=cast.provider_a, status=start)
    assert message in (transition_error(recruit, target) or "")
    with pytest.raises(ValidationError, match=message):
        recruit_transition(actor=cast.staff_a, recruit=recruit, to_status=target)
    recruit.refresh_from_db()
    assert recruit.status == start and not StatusChange.objects.filter(recruit=recruit).exists()


def test_rematched_to_employed_moves_the_employer(cast: Cast) -> None:
    recruit = RecruitFactory(provider=cast.provider_a, status="rematched")
    Employment.objects.create(recruit=recruit, provider=cast.provider_a, start_date=date(2025, 1, 6))
    new_home = ProviderFactory(region=cast.region_a, name="New Home Care")
    with pytest.raises(ValidationError, match="Choose the new employer"):
        recruit_transition(actor=cast.staff_a, recruit=recruit, to_status="employed")
    recruit_transition(actor=cast.staff_a, recruit=recruit, to_status="employed", new_provider=new_home)
    recruit.refresh_from_db()
    assert recruit.provider == new_home and recruit.status == RecruitStatus.EMPLOYED
    jobs = list(Employment.objects.filter(recruit=recruit).order_by("start_date"))
    assert jobs[0].end_date == date.today() and jobs[1].provider == new_home and jobs[1].end_date is None


def test_a_new_employer_in_another_region_is_refused(cast: Cast) -> None:
    recruit = RecruitFactory(provider=cast.provider_a, status="rematched")
    with pytest.raises(ValidationError, match="another region"):
        recruit_transition(actor=cast.staff_a, recruit=recruit, to_status="employed", new_provider=cast.provider_b)


def test_recruit_changes_are_audited_with_the_actor(cast: Cast, client) -> None:
    import pghistory

    recruit = RecruitFactory(provider=cast.provider_a)
    with pghistory.context(user=cast.lead_a.pk):
        recruit_update(actor=cast.lead_a, recruit=recruit, data={"phone": "07700 900123"})
    event = recruit.events.order_by("pgh_id").last()  # type: ignore[attr-defined]
    assert event.phone == "07700 900123" and event.pgh_context.metadata["user"] == cast.lead_a.pk


def test_duty_deadlines_count_working_days() -> None:
    assert duty_deadline(DutyKind.EMPLOYMENT_ENDED, date(2026, 12, 18)) == date(2027, 1, 6)
    assert duty_deadline(DutyKind.ORGANISATION_CHANGE, date(2026, 11, 2)) == date(2026, 11, 30)
    # Absence from Mon 2 Nov 2026: the 10th working day is Fri 13 Nov, then 10 more → Fri 27 Nov.
    assert duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, date(2026, 11, 2)) == date(2026, 11, 27)
