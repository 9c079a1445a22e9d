"""Delivery partners: a college, university or NHS trust named on a cohort sees the cohort and takes
its registers; another partner, or a partner of another region, does not (404)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubs.access import scope_for
from hubs.models import PartnerKind, TrainingPartner
from hubs.roles import Role
from tests.factories import user_with_role
from training import services
from training.models import Attendance

from .builders import cohort, move_to_past, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(cast):
    college = TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    other = TrainingPartner.objects.create(region=cast.region_a, name="Aston University", kind=PartnerKind.UNIVERSITY)
    far = TrainingPartner.objects.create(region=cast.region_b, name="Lancashire NHS Trust", kind=PartnerKind.NHS_TRUST)
    users = {}
    for key, partner in (("college", college), ("other", other), ("far", far)):
        users[key] = user_with_role(Role.PARTNER, partner, email=f"{key}@partner.test")
    return college, users


def test_the_partner_grant_is_the_users_role(partners) -> None:
    college, users = partners
    scope = scope_for(users["college"])
    assert scope.primary_role == Role.PARTNER
    assert scope.is_partner(college)
    assert not scope_for(users["other"]).is_partner(college)


def test_the_delivery_partner_takes_the_register(client, cast, partners) -> None:
    college, users = partners
    made = cohort(programme(cast.region_a, english=False), delivery_partner=college)
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=made, recruit=cast.recruit_a)
    move_to_past(made)
    day = made.days.order_by("date").first()
    url = reverse("session_day_register", args=[day.public_id])

    client.force_login(users["college"])
    assert cast.recruit_a.full_name in client.get(url).content.decode()
    client.post(url, {"present": [str(enrolment.pk)]})
    mark = Attendance.objects.get(enrolment=enrolment, day=day)
    assert mark.present and mark.marked_by == users["college"]


@pytest.mark.parametrize("who", ["other", "far"])
def test_another_partner_gets_404_for_the_register_and_the_cohort(client, cast, partners, who) -> None:
    college, users = partners
    made = cohort(programme(cast.region_a, english=False), delivery_partner=college)
    client.force_login(users[who])
    day = made.days.first()
    assert client.get(reverse("session_day_register", args=[day.public_id])).status_code == 404
    assert client.get(made.get_absolute_url()).status_code == 404


def test_the_partner_home_lists_its_cohorts_only(client, cast, partners) -> None:
    college, users = partners
    ours = cohort(programme(cast.region_a, title="Safeguarding", english=False), delivery_partner=college)
    cohort(programme(cast.region_a, title="Moving and handling", english=False))
    client.force_login(users["college"])
    client.get(reverse("home"))  # warm the session and scope
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("home")).content.decode()
    assert "Safeguarding" in html and "Moving and handling" not in html
    assert reverse("session_day_register", args=[ours.days.first().public_id]) in html
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_a_cohort_cannot_name_another_regions_partner(cast, partners) -> None:
    from django.core.exceptions import ValidationError

    far = TrainingPartner.objects.get(name="Lancashire NHS Trust")
    made = programme(cast.region_a, days=1, english=False)
    from datetime import timedelta

    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=20)
    with pytest.raises(ValidationError, match="delivery partner"):
        services.cohort_create(
            actor=cast.staff_a,
            programme=made,
            days=[day],
            starts_at=None,
            ends_at=None,
            data={"venue": "Hall", "capacity": 5, "booking_deadline": day, "delivery_partner": far},
        )


def test_the_hub_team_names_the_delivery_partner_on_the_form(client, cast, partners) -> None:
    college, _ = partners
    made = programme(cast.region_a, days=1, english=False)
    client.force_login(cast.staff_a)
    from datetime import timedelta

    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=20)
    page = client.get(reverse("cohort_new", args=[made.public_id])).content.decode()
    assert "Walsall College" in page and "Lancashire NHS Trust" not in page
    response = client.post(
        reverse("cohort_new", args=[made.public_id]),
        {
            "days_text": day.isoformat(),
            "venue": "Walsall campus",
            "capacity": "8",
            "booking_deadline": day.isoformat(),
            "delivery_partner": str(college.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert made.cohorts.get().delivery_partner == college
