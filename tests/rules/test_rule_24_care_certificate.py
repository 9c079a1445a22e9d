"""Rule 24: each Care Certificate standard (2025, 16 standards) is assessed before unsupervised work
in its area; experienced staff may be assessed from a self-assessment. The portal does not record
areas of work, so a care worker's unsupervised start needs the standards of the dated figure
`care_certificate_before_unsupervised` (all 16 by default, unconfirmed) assessed as met."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from recruits.models import Recruit
from recruits.services import recruit_update
from recruits.unsupervised import unsupervised_problems
from training.development import self_assessment_save
from training.models import CareCertificateStandard, StandardReview

pytestmark = pytest.mark.django_db

DBS = {"dbs_status": "clear", "dbs_date": dt.date(2026, 10, 1), "dbs_barred_list_checked": True}
DAY = dt.date(2026, 11, 1)


def _with_dbs(cast) -> Recruit:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(**DBS)
    cast.recruit_a.refresh_from_db()
    return cast.recruit_a


def _assess(cast, recruit: Recruit, numbers: list[int]) -> None:
    standards = CareCertificateStandard.objects.filter(number__in=numbers)
    self_assessment_save(
        actor=cast.provider_admin_a,
        recruit=recruit,
        answers={s.pk: ("confident", "") for s in standards},
        reviews={s.pk: StandardReview.ASSESSED for s in standards},
    )


def test_rule_24_a_care_worker_needs_every_standard_assessed_first(cast) -> None:
    recruit = _with_dbs(cast)
    _assess(cast, recruit, list(range(1, 15)))
    with pytest.raises(ValidationError) as refused:
        recruit_update(actor=cast.staff_a, recruit=recruit, data={"unsupervised_from": DAY})
    message = str(refused.value.error_dict["unsupervised_from"])
    assert "Each Care Certificate standard is assessed before unsupervised work in its area" in message
    assert "standards 15, 16 are not assessed as met yet" in message and "self-assessment" in message
    _assess(cast, recruit, [15, 16])
    recruit.refresh_from_db()
    assert recruit_update(actor=cast.staff_a, recruit=recruit, data={"unsupervised_from": DAY}).unsupervised_from


def test_rule_24_a_self_rating_alone_is_not_an_assessment(cast) -> None:
    recruit = _with_dbs(cast)
    standards = CareCertificateStandard.objects.all()
    self_assessment_save(
        actor=cast.recruit_user_a, recruit=recruit, answers={s.pk: ("confident", "") for s in standards}
    )
    recruit.unsupervised_from = DAY
    assert any("16 are not assessed" in problem for problem in unsupervised_problems(recruit))


def test_rule_24_nurses_are_outside_the_care_certificate(cast) -> None:
    recruit = _with_dbs(cast)
    recruit.job_role, recruit.unsupervised_from = "nurse", DAY
    assert unsupervised_problems(recruit) == []


def test_rule_24_the_standards_needed_are_a_dated_policy_figure(cast, add_figure) -> None:
    add_figure("care_certificate_before_unsupervised,1 2,Care Certificate standards,2027-01-01,no,test")
    recruit = _with_dbs(cast)
    _assess(cast, recruit, [1, 2])
    recruit.unsupervised_from = dt.date(2026, 12, 31)
    assert unsupervised_problems(recruit) != []
    recruit.unsupervised_from = dt.date(2027, 1, 4)
    assert unsupervised_problems(recruit) == []
