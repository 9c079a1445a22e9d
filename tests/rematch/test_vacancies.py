"""Vacancies: posting, the pay flag, who sees them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from rematch.models import Vacancy
from rematch.vacancies.services import vacancy_post
from tests.conftest import Cast

FORM = {
    "title": "Night care worker",
    "job_role": "care_worker",
    "occupation_code": "",
    "hours_per_week": "37.5",
    "pay_per_hour": "12.90",
    "pay_per_year": "25155",
    "postcode": "b11aa",
    "shift_pattern": "nights",
    "start_date": "2027-01-04",
    "sponsorship_offered": "on",
    "posts": "2",
}


def vacancy_of(provider, **changes) -> Vacancy:
    data = {
        "title": "Care worker",
        "job_role": "care_worker",
        "hours_per_week": Decimal("37.5"),
        "pay_per_hour": Decimal("12.90"),
        "pay_per_year": Decimal("25155"),
        "postcode": "B1 1AA",
        "shift_pattern": "days",
        "driving_required": False,
        "start_date": dt.date(2027, 1, 4),
        "sponsorship_offered": True,
        "posts": 1,
        **changes,
    }
    return vacancy_post(actor=None, provider=provider, data=data)  # type: ignore[arg-type]


def test_a_provider_posts_a_vacancy(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = client.post(reverse("vacancy_new", args=[cast.provider_a.public_id]), FORM)
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302 and response["Location"] == vacancy.get_absolute_url()
    assert vacancy.region == cast.region_a and vacancy.occupation_code == "6135" and vacancy.postcode == "B1 1AA"
    assert vacancy.posts == 2 and vacancy.sponsorship_offered and not vacancy.below_pay_threshold


def test_bad_input_says_what_to_fix_and_writes_nothing(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = client.post(
        reverse("vacancy_new", args=[cast.provider_a.public_id]), {**FORM, "postcode": "x", "pay_per_hour": "lots"}
    )
    html = response.content.decode()
    assert "Enter a full UK postcode" in html and "as a number, like 12.82" in html
    assert not Vacancy.objects.exists()


def test_pay_below_the_threshold_is_flagged(cast: Cast, client) -> None:
    vacancy = vacancy_of(cast.provider_a, pay_per_hour=Decimal("11.44"), pay_per_year=Decimal("22308"))
    assert vacancy.below_pay_threshold
    client.force_login(cast.staff_a)
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "£11.44 an hour is below the £12.82 an hour" in html
    assert "Below the route" in client.get(reverse("vacancy_list")).content.decode()


def test_an_unsponsored_job_is_not_flagged(cast: Cast) -> None:
    assert not vacancy_of(cast.provider_a, pay_per_hour=Decimal("11"), sponsorship_offered=False).below_pay_threshold


def test_an_ineligible_providers_vacancy_says_why(cast: Cast, client) -> None:
    cast.provider_a.licence_rating = "B"
    cast.provider_a.save()
    vacancy = vacancy_of(cast.provider_a)
    client.force_login(cast.staff_a)
    assert "It is B-rated" in client.get(vacancy.get_absolute_url()).content.decode()


def test_a_provider_sees_only_its_own_vacancies(cast: Cast, client) -> None:
    mine, theirs = vacancy_of(cast.provider_a), vacancy_of(cast.provider_b)
    client.force_login(cast.provider_admin_a)
    listed = client.get(reverse("vacancy_list")).context["vacancies"]
    assert listed == [mine]
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_the_list_pages_by_keyset(cast: Cast, client, django_assert_max_num_queries) -> None:
    for _ in range(3):
        vacancy_of(cast.provider_a)
    client.force_login(cast.staff_a)
    response = client.get(reverse("vacancy_list"))
    assert response.context["total"] == 3


def test_the_hub_edits_and_closes_a_vacancy(cast: Cast, client) -> None:
    vacancy = vacancy_of(cast.provider_a)
    client.force_login(cast.staff_a)
    client.post(reverse("vacancy_edit", args=[vacancy.public_id]), {**FORM, "status": "filled"})
    vacancy.refresh_from_db()
    assert vacancy.status == "filled" and vacancy.title == "Night care worker"
    assert client.get(reverse("vacancy_list")).context["total"] == 0


def test_the_provider_page_explains_eligibility(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    html = client.get(reverse("provider_detail", args=[cast.provider_a.public_id])).content.decode()
    assert "Can sponsor" in html and "Its sponsor licence is active." in html
