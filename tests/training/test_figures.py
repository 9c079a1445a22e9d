"""The hub team's training figures and exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from recruits.models import RecruitStatus
from recruits.services import recruit_transition
from tests.factories import ProviderFactory, RecruitFactory
from training import services
from training.certificates import attendance_record

from .builders import cohort, move_to_past, programme

pytestmark = pytest.mark.django_db


def _completed(cast, made, recruits) -> None:
    enrolments = [services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=r) for r in recruits]
    move_to_past(made)
    for day in made.days.all():
        attendance_record(actor=cast.staff_a, day=day, present={e.pk for e in enrolments})


def test_figures_count_fill_completions_evidence_and_certificates(client, cast, django_assert_num_queries) -> None:
    full = cohort(programme(cast.region_a, title="Wound care", days=1, english=False), capacity=2)
    for _ in range(3):
        services.enrolment_book(actor=cast.staff_a, cohort=full, recruit=RecruitFactory(provider=cast.provider_a))
    pending = cohort(programme(cast.region_a, title="Translating Care"), capacity=10)
    services.enrolment_book(actor=cast.recruit_user_a, cohort=pending, recruit=cast.recruit_a)
    done = cohort(programme(cast.region_a, title="Catheter care", days=1, english=False))
    other_provider = ProviderFactory(region=cast.region_a, name="Delta Care")
    _completed(cast, done, [RecruitFactory(provider=cast.provider_a), RecruitFactory(provider=other_provider)])
    cohort(programme(cast.region_b, title="Wound care", days=1, english=False))  # another region's

    client.force_login(cast.staff_a)
    client.get(reverse("training_figures"))
    with django_assert_num_queries(12):  # session, user, scope, MFA, header hub, unread count, figures (6)
        page = client.get(reverse("training_figures")).content.decode()

    assert "2 (100%)" in page  # Wound care: 2 of 2 filled, 1 waiting
    assert 'id="pending-evidence">1<' in page
    assert 'id="certificates-valid">2<' in page
    assert "Catheter care: 2" in page
    assert "Alpha Care Ltd: 1" in page and "Delta Care: 1" in page

    rows = list(csv.reader(io.StringIO(client.get(reverse("training_cohorts_csv")).content.decode())))
    assert rows[0][:5] == ["programme", "first day", "venue", "places", "taken"]
    assert {row[0] for row in rows[1:]} == {"Wound care", "Translating Care", "Catheter care"}
    completions = client.get(reverse("training_completions_csv"))
    assert completions["Cache-Control"] == "no-store"
    assert ["provider", "Delta Care", "1"] in list(csv.reader(io.StringIO(completions.content.decode())))


def test_completions_stay_with_the_provider_that_booked_after_a_rematch(client, cast) -> None:
    done = cohort(programme(cast.region_a, title="Catheter care", days=1, english=False))
    _completed(cast, done, [cast.recruit_a])
    new_employer = ProviderFactory(region=cast.region_a, name="Gamma Care Ltd")
    for status in (RecruitStatus.EMPLOYED, RecruitStatus.AT_RISK, RecruitStatus.DISPLACED, RecruitStatus.REMATCHED):
        recruit_transition(actor=cast.staff_a, recruit=cast.recruit_a, to_status=status)
    recruit_transition(
        actor=cast.staff_a, recruit=cast.recruit_a, to_status=RecruitStatus.EMPLOYED, new_provider=new_employer
    )
    client.force_login(cast.lead_a)
    page = client.get(reverse("training_figures")).content.decode()
    assert "Alpha Care Ltd: 1" in page and "Gamma Care" not in page


def test_figures_are_for_the_hub_team_only(client, cast) -> None:
    for user in (cast.provider_admin_a, cast.recruit_user_a, cast.council_officer_a):
        client.force_login(user)
        for name in ("training_figures", "training_cohorts_csv", "training_completions_csv"):
            assert client.get(reverse(name)).status_code == 404


def test_the_national_team_sees_training_counts_by_region_with_a_total_and_a_chart(
    client, cast, django_assert_max_num_queries
) -> None:
    done = cohort(programme(cast.region_a, title="Catheter care", days=1, english=False))
    _completed(cast, done, [cast.recruit_a])
    client.force_login(cast.national)
    client.get(reverse("training_figures"))
    with django_assert_max_num_queries(15):  # 13 today; one query per region would be 20+
        page = client.get(reverse("training_figures")).content.decode()
    table = page[page.index('id="training-by-region"') :]
    region_row = table[table.index(f">{cast.region_a.name}<") :].split("</tr>")[0]
    england_row = table[table.index(">England<") :].split("</tr>")[0]
    # Courses completed is the third measure: 1 in region A, 1 in England, so both read "fewer than 5".
    assert region_row.count("govuk-table__cell--numeric") == 6
    assert [cell.split("<")[0] for cell in region_row.split("numeric")[1:]][2].endswith("fewer than 5")
    assert [cell.split("<")[0] for cell in england_row.split("numeric")[1:]][2].endswith("fewer than 5")
    assert '<svg role="img"' in page and f"{cast.region_a.name}: fewer than 5" in page
    assert "Catheter care" not in page and cast.recruit_a.family_name not in page
    # The CSVs stay with the hub team.
    assert client.get(reverse("training_cohorts_csv")).status_code == 404
