"""Every form page found from the URL resolver has a round-trip case (tests/e2e/test_round_trip.py)."""

from tests.conftest import Cast
from tests.forms.cases import CASES
from tests.forms.census import form_pages
from tests.security.urls import all_routes


def test_every_form_page_has_a_round_trip_case(cast: Cast) -> None:
    found, _unopened = form_pages(cast)
    assert len(found) >= 60, f"the census found only {len(found)} form pages: is it still opening them?"
    missing = sorted(page.name for page in found if page.name not in CASES)
    assert not missing, "Form pages without a case in tests/forms/cases.py: " + ", ".join(missing)


def test_cases_name_real_routes() -> None:
    names = {route.name for route in all_routes()}
    assert set(CASES) <= names, sorted(set(CASES) - names)
