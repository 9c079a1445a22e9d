"""Issue 18 item 1: data rights cover learners who are not recruits (nominated care staff and
students): the region's lead exports everything held and erases it; bookings, certificates and
placements stay for the figures with the names, notes and reports emptied."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.models import PartnerKind, TrainingPartner
from hubs.roles import Role
from tests.factories import user_with_role
from training import services
from training.learners import learner_nominate
from training.models import Learner, Placement
from training.placements import placement_decide, placement_offer_add, placement_put_forward

from .builders import cohort, programme

pytestmark = pytest.mark.django_db


def _student(cast) -> Placement:
    college = TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    partner = user_with_role(Role.PARTNER, college, email="college@partner.test")
    today = timezone.localdate()
    offer = placement_offer_add(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={"setting": "Ward", "starts_on": today, "ends_on": today + timedelta(days=20), "places": 1},
    )
    placement = placement_put_forward(
        actor=partner,
        offer=offer,
        partner=college,
        data={"name": "Sam Student", "course": "BSc Adult Nursing", "email": "sam@student.test", "note": "Keen"},
    )
    return placement_decide(actor=cast.provider_admin_a, placement=placement, accept=True, reason="Good fit")


def test_the_lead_exports_a_students_data(client, cast) -> None:
    placement = _student(cast)
    client.force_login(cast.lead_a)
    page = client.get(reverse("rights_learner", args=[placement.learner.public_id]))
    assert "Student placements" in page.content.decode()
    response = client.post(reverse("rights_learner_export", args=[placement.learner.public_id]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = zipfile.ZipFile(io.BytesIO(response.content)).read("data.json").decode()
    assert "Sam Student" in data and "Good fit" in data and "BSc Adult Nursing" in data
    json.loads(data)


def test_erasure_empties_a_nominated_learner_and_keeps_the_booking(client, cast) -> None:
    learner = learner_nominate(
        actor=cast.provider_admin_a,
        employer=cast.provider_a,
        data={"name": "Grace Thompson", "job_role": "Carer", "email": "grace@care.test"},
    )
    enrolment = services.enrolment_book(
        actor=cast.provider_admin_a, cohort=cohort(programme(cast.region_a, english=False)), learner=learner
    )
    client.force_login(cast.lead_a)
    response = client.post(reverse("rights_learner_erase", args=[learner.public_id]), {"full_name": "Grace Thompson"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.name, learner.email, learner.job_role) == ("Erased person", "", "")
    assert Learner.objects.filter(pk=learner.pk).exists() and enrolment.__class__.objects.filter(pk=enrolment.pk)


def test_erasure_empties_a_students_placement_notes(client, cast) -> None:
    placement = _student(cast)
    client.force_login(cast.lead_a)
    client.post(reverse("rights_learner_erase", args=[placement.learner.public_id]), {"full_name": "Sam Student"})
    placement.refresh_from_db()
    assert (placement.note, placement.decision_reason, placement.learner.email) == ("", "", "")
    assert placement.status == "accepted"


@pytest.mark.parametrize("who", ["staff_a", "provider_admin_a"])
def test_people_who_see_the_learner_but_do_not_lead_get_403(client, cast, who) -> None:
    placement = _student(cast)
    learner = learner_nominate(
        actor=cast.provider_admin_a, employer=cast.provider_a, data={"name": "G", "job_role": "C", "email": "g@c.test"}
    )
    client.force_login(getattr(cast, who))
    assert client.get(reverse("rights_learner", args=[learner.public_id])).status_code == 403
    if who == "staff_a":
        assert client.get(reverse("rights_learner", args=[placement.learner.public_id])).status_code == 403
