"""Rule 22: from 8 January 2026 a new Health and Care Worker applicant needs English at CEFR B2
(ESOL Level 1); someone who already met B1 under an earlier grant keeps B1 (a warning, not a refusal)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruits.english import english_check, english_requirement
from recruits.models import EnglishLevel, Recruit, VisaRoute
from rematch import placements
from rematch.introductions import introduction_record
from rematch.models import RematchEvent
from tests.rematch.test_matching import _provider_in_a, _request, _today
from tests.rematch.test_vacancies import vacancy_of

BEFORE, FROM = dt.date(2026, 1, 7), dt.date(2026, 1, 8)


def _recruit(level: str, route: str = VisaRoute.HEALTH_AND_CARE) -> Recruit:
    return Recruit(english_level=level, visa_route=route)


def test_rule_22_a_new_applicant_needs_b2_from_8_january_2026() -> None:
    assert english_requirement(on=BEFORE) == EnglishLevel.ENTRY_3
    assert english_requirement(on=FROM) == EnglishLevel.LEVEL_1
    assert english_requirement(on=FROM, already_met_b1=True) == EnglishLevel.ENTRY_3


def test_rule_22_the_level_is_a_dated_policy_figure(add_figure) -> None:
    add_figure("english_min_new_applicant,C1,CEFR level,2027-06-01,no,test: a future rule change")
    assert english_requirement(on=dt.date(2027, 5, 31)) == EnglishLevel.LEVEL_1
    assert english_requirement(on=dt.date(2027, 6, 1)) == EnglishLevel.LEVEL_2


def test_rule_22_a_switcher_from_another_route_with_b1_is_refused_quoting_the_rule() -> None:
    check = english_check(_recruit(EnglishLevel.ENTRY_3, VisaRoute.STUDENT), on=FROM)
    assert check is not None and check.refused
    assert "From 8 January 2026" in check.message and "CEFR B2" in check.message
    assert english_check(_recruit(EnglishLevel.ENTRY_3, VisaRoute.STUDENT), on=BEFORE) is None


def test_rule_22_a_worker_already_on_the_route_with_b1_gets_a_warning_not_a_refusal() -> None:
    check = english_check(_recruit(EnglishLevel.ENTRY_3), on=FROM)
    assert check is not None and not check.refused and "keeps B1" in check.message
    assert english_check(_recruit(EnglishLevel.LEVEL_1, VisaRoute.STUDENT), on=FROM) is None
    below = english_check(_recruit(EnglishLevel.ENTRY_2), on=FROM)
    assert below is not None and below.refused  # below B1 nobody keeps


def test_rule_22_a_level_not_recorded_is_a_warning() -> None:
    check = english_check(_recruit(""), on=FROM)
    assert check is not None and not check.refused and "No English level is recorded" in check.message


@pytest.mark.django_db
def test_rule_22_a_placement_of_a_b1_switcher_is_refused(cast) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(english_level="entry_3", visa_route=VisaRoute.STUDENT)
    cast.recruit_a.refresh_from_db()
    request = _request(cast, status="offered")
    with pytest.raises(ValidationError, match="From 8 January 2026"):
        placements.placement_record(actor=cast.staff_a, request=request, provider=_provider_in_a(), start_date=_today())


@pytest.mark.django_db
def test_rule_22_an_introduction_of_a_b1_worker_on_the_route_carries_the_warning(cast) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(english_level="entry_3")
    cast.recruit_a.refresh_from_db()
    request = _request(cast)
    vacancy = vacancy_of(_provider_in_a())
    introduction_record(actor=cast.staff_a, request=request, vacancy=vacancy, consent=True, consent_how="By phone")
    event = RematchEvent.objects.filter(request=request, kind="introduced").get()
    assert "keeps B1" in event.text


@pytest.mark.django_db
def test_rule_22_the_recruit_page_shows_the_requirement(cast, client) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(english_level="entry_3")
    client.force_login(cast.staff_a)
    page = client.get(reverse("recruit_detail", kwargs={"public_id": cast.recruit_a.public_id}))
    assert page.status_code == 200
    assert 'id="english-requirement"' in page.content.decode() and "keeps B1" in page.content.decode()


# -- when the pool's hire assigns the CoS -----------------------------------------------------------


def _pool_shortlist_on(cast, clock, day: dt.date, *, level: str, route: str):
    from hubs.roles import Role
    from rematch.models import PoolCandidate
    from rematch.pool import services as pool_services
    from tests.factories import user_with_role
    from tests.rematch.test_pool import _worker
    from tests.rules.conftest import london

    clock(london(day))
    worker = _worker(cast)
    Recruit.objects.filter(pk=worker.recruit_id).update(english_level=level, visa_route=route)
    provider = _provider_in_a()
    admin = user_with_role(Role.PROVIDER_ADMIN, provider, email="admin.pool@portal.test")
    pool = pool_services.pool_request_file(actor=admin, vacancy=vacancy_of(provider))
    pool_services.pool_shortlist(actor=cast.staff_a, pool=pool, requests=[worker], consent_how="By phone")
    return pool, PoolCandidate.objects.get(pool_request=pool), admin


@pytest.mark.django_db
def test_rule_22_a_pool_hire_of_a_b1_switcher_is_refused_once_b2_applies(cast, clock, client) -> None:
    pool, candidate, admin = _pool_shortlist_on(cast, clock, BEFORE, level="entry_3", route=VisaRoute.STUDENT)
    from tests.rules.conftest import london

    clock(london(FROM))  # shortlisted when B1 was enough; the CoS comes the day B2 applies
    client.force_login(admin)
    outcome = reverse("pool_candidate_outcome", args=[candidate.public_id])
    page = client.post(outcome, {"outcome": "hired"}, follow=True).content.decode()
    assert "cannot be hired for a new CoS yet" in page and "From 8 January 2026" in page and "CEFR B2" in page
    candidate.refresh_from_db()
    pool.refresh_from_db()
    assert candidate.outcome == "pending" and pool.status == "shortlisted"


@pytest.mark.django_db
def test_rule_22_a_pool_hire_of_a_b1_worker_on_the_route_carries_the_warning(cast, clock) -> None:
    from rematch.pool import services as pool_services

    pool, candidate, admin = _pool_shortlist_on(cast, clock, FROM, level="entry_3", route=VisaRoute.HEALTH_AND_CARE)
    pool_services.pool_candidate_outcome(actor=admin, candidate=candidate, outcome="hired")
    pool.refresh_from_db()
    assert pool.status == "hired"
    warning = pool.events.filter(text__startswith="English, to check before the CoS is assigned").get()
    assert "keeps B1" in warning.text
