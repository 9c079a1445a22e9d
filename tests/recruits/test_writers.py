"""The recruit services the apps above call instead of writing a recruit row themselves, and the
vacancy service a placement calls (docs/ARCHITECTURE.md, "One writer per table")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hubs.roles import Role
from hubs.services import role_grant, role_revoke
from recruits.duplicates import recruit_merge_duplicate
from recruits.models import Employment, Recruit, RecruitStatus
from recruits.services import (
    recruit_create_from_referral,
    recruit_mark_unverified,
    recruit_move_region,
    recruit_record_letter_date,
    recruit_record_osce,
    recruit_set_leave_dates,
)
from rematch.models import Introduction, IntroductionStatus, VacancyStatus
from rematch.services import rematch_open
from rematch.vacancies.services import vacancy_record_placement
from tests.conftest import Cast
from tests.factories import RecruitFactory, UserFactory
from tests.rematch.test_vacancies import vacancy_of


def _today() -> dt.date:
    return timezone.localdate()


def test_a_referral_makes_an_unverified_displaced_record_without_an_employer(cast: Cast) -> None:
    recruit = recruit_create_from_referral(
        actor=cast.staff_a,
        region_id=cast.region_a.pk,
        data={"given_names": "Chidi", "family_name": "Okafor", "email": "chidi@people.test"},
    )
    recruit.refresh_from_db()
    assert recruit.region == cast.region_a and recruit.provider is None
    assert recruit.status == RecruitStatus.DISPLACED and recruit.unverified


def test_a_referral_carries_only_what_a_referral_says(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="does not say status"):
        recruit_create_from_referral(
            actor=cast.staff_a,
            region_id=cast.region_a.pk,
            data={"given_names": "Chidi", "family_name": "Okafor", "status": RecruitStatus.EMPLOYED},
        )
    assert not Recruit.objects.filter(given_names="Chidi").exists()


def test_a_listed_worker_is_marked_unverified(cast: Cast) -> None:
    recruit_mark_unverified(actor=cast.staff_a, recruit=cast.recruit_a)
    assert Recruit.objects.get(pk=cast.recruit_a.pk).unverified


def test_a_record_moves_region(cast: Cast) -> None:
    recruit_move_region(actor=cast.lead_a, recruit=cast.recruit_a, region_id=cast.region_b.pk)
    assert Recruit.objects.get(pk=cast.recruit_a.pk).region == cast.region_b


def test_the_letter_date_cannot_be_in_the_future(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="cannot be in the future"):
        recruit_record_letter_date(
            actor=cast.recruit_user_a, recruit=cast.recruit_a, letter_date=_today() + dt.timedelta(days=1)
        )
    recruit_record_letter_date(actor=cast.recruit_user_a, recruit=cast.recruit_a, letter_date=_today())
    assert Recruit.objects.get(pk=cast.recruit_a.pk).curtailment_letter_date == _today()


def test_the_leave_dates_are_set_by_id_and_an_unknown_id_is_refused(cast: Cast) -> None:
    expiry = _today() + dt.timedelta(days=90)
    recruit_set_leave_dates(actor=cast.staff_a, recruit_id=cast.recruit_a.pk, letter_date=None, visa_expiry=expiry)
    recruit = Recruit.objects.get(pk=cast.recruit_a.pk)
    assert recruit.curtailment_letter_date is None and recruit.visa_expiry == expiry
    with pytest.raises(ValidationError, match="no longer exists"):
        recruit_set_leave_dates(actor=cast.staff_a, recruit_id=0, letter_date=None, visa_expiry=None)


def test_the_osce_is_recorded_on_nurses_only_and_at_most_three_times(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="The OSCE is for nurses"):
        recruit_record_osce(actor=cast.staff_a, recruit=cast.recruit_a, attempts=1, on=_today())
    nurse = RecruitFactory(provider=cast.provider_a, job_role="nurse")
    with pytest.raises(ValidationError, match="at most 3 times"):
        recruit_record_osce(actor=cast.staff_a, recruit=nurse, attempts=4, on=_today())
    recruit_record_osce(actor=cast.staff_a, recruit=nurse, attempts=2, on=_today())
    nurse.refresh_from_db()
    assert (nurse.osce_attempts, nurse.osce_date) == (2, _today())


def test_the_recruit_role_links_and_unlinks_the_account_on_the_record(cast: Cast) -> None:
    person = UserFactory()
    recruit = RecruitFactory(provider=cast.provider_a)
    role_grant(user=person, role=Role.RECRUIT, scope_object=recruit)
    assert Recruit.objects.get(pk=recruit.pk).user == person
    with pytest.raises(ValueError, match="already belongs to another account"):
        role_grant(user=UserFactory(), role=Role.RECRUIT, scope_object=recruit)
    role_revoke(user=person, role=Role.RECRUIT, scope_object=recruit)
    assert Recruit.objects.get(pk=recruit.pk).user is None


def test_a_duplicate_folds_in_with_its_requests_and_is_removed(cast: Cast) -> None:
    into = RecruitFactory(provider=cast.provider_b, phone="")
    duplicate = RecruitFactory(provider=cast.provider_a, phone="07700 900123")
    request = rematch_open(actor=cast.staff_a, recruit=duplicate, door="hub")
    assert recruit_merge_duplicate(actor=cast.lead_b, duplicate_id=duplicate.pk, into=into) == []
    request.refresh_from_db()
    into.refresh_from_db()
    assert request.recruit == into, "rematch moved its request through the duplicate_merging hook"
    assert into.phone == "07700 900123" and not Recruit.objects.filter(pk=duplicate.pk).exists()


def test_a_duplicate_that_holds_more_is_kept_and_says_what(cast: Cast) -> None:
    into = RecruitFactory(provider=cast.provider_b)
    duplicate = RecruitFactory(provider=cast.provider_a)
    Employment.objects.create(recruit=duplicate, provider=cast.provider_a, start_date=_today())
    assert recruit_merge_duplicate(actor=cast.lead_b, duplicate_id=duplicate.pk, into=into) == ["employments"]
    assert recruit_merge_duplicate(actor=cast.lead_a, duplicate_id=cast.recruit_a.pk, into=into) == [
        "a sign-in account"
    ]
    with pytest.raises(ValidationError, match="cannot be merged into itself"):
        recruit_merge_duplicate(actor=cast.lead_b, duplicate_id=into.pk, into=into)


def test_a_vacancy_is_filled_once_placements_take_every_post(cast: Cast) -> None:
    vacancy = vacancy_of(cast.provider_a, posts=2)
    assert not vacancy_record_placement(actor=cast.staff_a, vacancy=vacancy)
    for n, recruit in enumerate([cast.recruit_a, RecruitFactory(provider=cast.provider_b)]):
        request = rematch_open(actor=cast.staff_a, recruit=recruit, door="hub")
        Introduction.objects.create(
            region=cast.region_a,
            request=request,
            vacancy=vacancy,
            status=IntroductionStatus.PLACED,
            consent_at=timezone.now(),
            consent_how="x",
            token_hash=str(n) * 64,
            expires_at=timezone.now(),
        )
        filled = vacancy_record_placement(actor=cast.staff_a, vacancy=vacancy)
        vacancy.refresh_from_db()
        assert filled == (n == 1) and (vacancy.status == VacancyStatus.FILLED) == filled
