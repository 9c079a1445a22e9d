"""The demo's rematching data: requests across the bands in each demo region, vacancies, idempotent."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from rematch.clock import band_of
from rematch.models import RematchRequest, Vacancy
from rematch.selectors import clock_view


def test_the_demo_has_requests_across_the_bands_and_vacancies(db) -> None:
    call_command("seed_demo", stdout=StringIO())
    counts = (RematchRequest.objects.count(), Vacancy.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (RematchRequest.objects.count(), Vacancy.objects.count()) == counts
    wm = RematchRequest.objects.filter(region__code="E12000005", pending=False)
    bands = {band_of(clock_view(r).days_left) for r in wm}
    assert {7, 14, 30, 45, None} <= bands
    assert RematchRequest.objects.filter(pending=True).count() == 1
    for code in ("E12000005", "E12000002", "E12000007"):
        assert RematchRequest.objects.filter(region__code=code).exists(), code
    assert Vacancy.objects.filter(below_pay_threshold=True).exists()
