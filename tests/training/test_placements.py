"""Issue 18 item 2, student placements: a provider offers, a college puts students forward, the hub
or the provider's admin accepts (while places remain) or declines with a reason, attendance by day
or by week, the report at the end; a partner sees only its own students, a provider only its own
placements, other regions nothing; the student reads their placement after signing in by code."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hubs.models import PartnerKind, TrainingPartner
from hubs.roles import Role
from tests.factories import ProviderFactory, user_with_role
from training.models import Learner, LearnerKind, PlacementStatus
from training.placements import (
    placement_attendance_record,
    placement_decide,
    placement_offer_add,
    placement_put_forward,
    placement_report_write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(cast):
    college = TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    other = TrainingPartner.objects.create(region=cast.region_a, name="Aston University", kind=PartnerKind.UNIVERSITY)
    far = TrainingPartner.objects.create(region=cast.region_b, name="UCLan", kind=PartnerKind.UNIVERSITY)
    users = {
        key: user_with_role(Role.PARTNER, partner, email=f"{key}@partner.test")
        for key, partner in (("college", college), ("other", other), ("far", far))
    }
    return college, other, users


def _offer(cast, *, places: int = 2, days_ago: int = 10, length: int = 28):
    start = timezone.localdate() - timedelta(days=days_ago)
    return placement_offer_add(
        actor=cast.provider_admin_a,
        provider=cast.provider_a,
        data={
            "setting": "Dementia nursing unit",
            "starts_on": start,
            "ends_on": start + timedelta(days=length),
            "places": places,
            "requirements": "Year 2 of a nursing degree",
        },
    )


def _end(offer) -> None:
    """The placement ended yesterday (it started before), so that its report can be written."""
    offer.ends_on = timezone.localdate() - timedelta(days=1)
    offer.save(update_fields=["ends_on"])


def _student(actor, offer, partner, name="Sam Student", email="sam@student.test"):
    return placement_put_forward(
        actor=actor, offer=offer, partner=partner, data={"name": name, "course": "BSc Adult Nursing", "email": email}
    )


def test_a_college_puts_a_student_forward_with_the_minimum_data(cast, partners) -> None:
    college, _, users = partners
    placement = _student(users["college"], _offer(cast), college)
    learner = placement.learner
    assert (learner.kind, learner.partner, learner.course, learner.employer) == (
        LearnerKind.STUDENT,
        college,
        "BSc Adult Nursing",
        None,
    )
    assert placement.status == PlacementStatus.PUT_FORWARD
    with pytest.raises(ValidationError, match="already put forward"):
        _student(users["college"], placement.offer, college)


def test_only_the_regions_colleges_put_students_forward(cast, partners) -> None:
    college, _, users = partners
    offer = _offer(cast)
    with pytest.raises(PermissionDenied):
        _student(users["other"], offer, college)  # acting for a partner it does not hold
    with pytest.raises(PermissionDenied):
        _student(cast.provider_admin_a, offer, college)


def test_a_provider_offers_placements_only_at_its_own_provider(cast) -> None:
    other = ProviderFactory(region=cast.region_a, local_authority=cast.council_a)
    with pytest.raises(PermissionDenied):
        placement_offer_add(
            actor=cast.provider_admin_a,
            provider=other,
            data={"setting": "Ward", "starts_on": timezone.localdate(), "ends_on": timezone.localdate(), "places": 1},
        )


def test_an_offer_ending_before_it_starts_is_refused(cast) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="on or after the start"):
        placement_offer_add(
            actor=cast.provider_admin_a,
            provider=cast.provider_a,
            data={"setting": "Ward", "starts_on": today, "ends_on": today - timedelta(days=1), "places": 1},
        )


def test_accepting_stops_at_the_number_of_places_and_declining_needs_a_reason(cast, partners) -> None:
    college, _, users = partners
    offer = _offer(cast, places=1)
    first = _student(users["college"], offer, college)
    second = _student(users["college"], offer, college, name="Kim Student", email="kim@student.test")
    placement_decide(actor=cast.provider_admin_a, placement=first, accept=True, reason="")
    with pytest.raises(ValidationError, match="All 1 places are taken"):
        placement_decide(actor=cast.staff_a, placement=second, accept=True, reason="")
    with pytest.raises(ValidationError, match="Say why"):
        placement_decide(actor=cast.staff_a, placement=second, accept=False, reason=" ")
    placement_decide(actor=cast.staff_a, placement=second, accept=False, reason="Only one place this term")
    second.refresh_from_db()
    assert (second.status, second.decision_reason) == (PlacementStatus.DECLINED, "Only one place this term")


def test_provider_staff_and_partners_do_not_decide(cast, partners) -> None:
    college, _, users = partners
    placement = _student(users["college"], _offer(cast), college)
    for actor in (cast.provider_staff_a, users["college"]):
        with pytest.raises(PermissionDenied):
            placement_decide(actor=actor, placement=placement, accept=True, reason="")


def test_attendance_by_day_and_week_within_the_placement(cast, partners) -> None:
    college, _, users = partners
    offer = _offer(cast)
    placement = _student(users["college"], offer, college)
    with pytest.raises(ValidationError, match="accepted student"):
        placement_attendance_record(
            actor=cast.provider_staff_a, placement=placement, unit="day", starts_on=offer.starts_on, days_attended=1
        )
    placement_decide(actor=cast.provider_admin_a, placement=placement, accept=True, reason="")
    placement_attendance_record(
        actor=cast.provider_staff_a, placement=placement, unit="week", starts_on=offer.starts_on, days_attended=4
    )
    # A correction replaces the week's row.
    placement_attendance_record(
        actor=cast.provider_staff_a, placement=placement, unit="week", starts_on=offer.starts_on, days_attended=5
    )
    placement_attendance_record(
        actor=cast.staff_a,
        placement=placement,
        unit="day",
        starts_on=offer.starts_on + timedelta(days=7),
        days_attended=1,
    )
    assert sorted(placement.attendance.values_list("unit", "days_attended")) == [("day", 1), ("week", 5)]
    with pytest.raises(ValidationError, match="0 to 1 days"):
        placement_attendance_record(
            actor=cast.staff_a, placement=placement, unit="day", starts_on=offer.starts_on, days_attended=2
        )
    with pytest.raises(ValidationError, match="within the placement"):
        placement_attendance_record(
            actor=cast.staff_a,
            placement=placement,
            unit="day",
            starts_on=offer.starts_on - timedelta(days=1),
            days_attended=1,
        )
    with pytest.raises(ValidationError, match="before the day"):
        placement_attendance_record(
            actor=cast.staff_a,
            placement=placement,
            unit="day",
            starts_on=timezone.localdate() + timedelta(days=1),
            days_attended=1,
        )
    with pytest.raises(PermissionDenied):
        placement_attendance_record(
            actor=users["college"], placement=placement, unit="day", starts_on=offer.starts_on, days_attended=1
        )


def test_the_report_is_the_providers_and_written_at_the_end(cast, partners) -> None:
    college, _, users = partners
    running = _offer(cast)
    placement = _student(users["college"], running, college)
    placement_decide(actor=cast.provider_admin_a, placement=placement, accept=True, reason="")
    with pytest.raises(ValidationError, match="at the end of the placement"):
        placement_report_write(actor=cast.provider_staff_a, placement=placement, report="Good")
    ended = _offer(cast)
    finished = _student(users["college"], ended, college, email="old@student.test")
    placement_decide(actor=cast.provider_admin_a, placement=finished, accept=True, reason="")
    _end(ended)
    finished.refresh_from_db()
    for actor in (cast.staff_a, users["college"]):
        with pytest.raises(PermissionDenied):
            placement_report_write(actor=actor, placement=finished, report="Good")
    placement_report_write(actor=cast.provider_staff_a, placement=finished, report="Kind and reliable.")
    assert finished.report == "Kind and reliable."


def test_a_partner_sees_only_its_own_students(client, cast, partners) -> None:
    college, other, users = partners
    offer = _offer(cast)
    ours = _student(users["college"], offer, college)
    theirs = _student(users["other"], offer, other, name="Theo Other", email="theo@student.test")
    client.force_login(users["college"])
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Sam Student" in page and "Theo Other" not in page
    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    client.force_login(users["far"])
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert client.get(ours.get_absolute_url()).status_code == 404


def test_a_provider_sees_only_its_own_placements(client, cast, partners) -> None:
    college, _, users = partners
    other = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Gamma Care Ltd")
    theirs = placement_offer_add(
        actor=cast.staff_a,
        provider=other,
        data={"setting": "Gamma ward", "starts_on": timezone.localdate(), "ends_on": timezone.localdate(), "places": 1},
    )
    student = _student(users["college"], theirs, college)
    ours = _offer(cast)
    client.force_login(cast.provider_admin_a)
    listing = client.get(reverse("placement_offer_list")).content.decode()
    assert "Dementia nursing unit" in listing and "Gamma ward" not in listing
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(student.get_absolute_url()).status_code == 404
    assert client.get(ours.get_absolute_url()).status_code == 200


def test_the_pages_put_forward_decide_record_and_report(client, cast, partners) -> None:
    _, _, users = partners
    offer = _offer(cast)
    client.force_login(users["college"])
    response = client.post(
        reverse("placement_student_new", args=[offer.public_id]),
        {"name": "Sam Student", "course": "BSc Adult Nursing", "email": "Sam@Student.test"},
    )
    placement = Learner.objects.get(email="sam@student.test").placements.get()
    assert response["Location"] == placement.get_absolute_url()
    client.force_login(cast.provider_admin_a)
    response = client.post(reverse("placement_decision", args=[placement.public_id]), {"decision": "decline"})
    assert response.status_code == 400 and "Say why the student is declined" in response.content.decode()
    client.post(reverse("placement_decision", args=[placement.public_id]), {"decision": "accept"})
    day = offer.starts_on
    client.post(
        reverse("placement_attendance_new", args=[placement.public_id]),
        {
            "unit": "week",
            "starts_on_day": day.day,
            "starts_on_month": day.month,
            "starts_on_year": day.year,
            "days_attended": "5",
        },
    )
    _end(offer)
    client.post(reverse("placement_report", args=[placement.public_id]), {"report": "A careful, kind student."})
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACCEPTED and placement.report == "A careful, kind student."
    assert placement.attendance.get().days_attended == 5
    # The partner reads the report and cannot write one (403: it sees the placement).
    client.force_login(users["college"])
    assert "A careful, kind student." in client.get(placement.get_absolute_url()).content.decode()
    assert client.post(reverse("placement_report", args=[placement.public_id]), {"report": "x"}).status_code == 403


def _code_from(message) -> str:
    found = re.search(r"^(\d{6})$", message.body, re.MULTILINE)
    assert found, message.body
    return found.group(1)


def test_the_student_signs_in_by_code_and_reads_only_their_placement(client, cast, partners) -> None:
    college, _, users = partners
    offer = _offer(cast)
    placement = _student(users["college"], offer, college)
    other = _student(users["college"], offer, college, name="Kim Student", email="kim@student.test")
    for each in (placement, other):
        placement_decide(actor=cast.provider_admin_a, placement=each, accept=True, reason="")
    _end(offer)
    placement_report_write(actor=cast.provider_staff_a, placement=placement, report="Sam did well.")
    placement_report_write(actor=cast.provider_staff_a, placement=other, report="Kim did well.")
    client.post(reverse("learner_sign_in"), {"email": "sam@student.test"})
    client.post(reverse("learner_code"), {"code": _code_from(mail.outbox[-1])})
    page = client.get(reverse("my_learning")).content.decode()
    assert "Sam did well." in page and "Kim did well." not in page
    assert "Dementia nursing unit" in page


def test_placement_pages_take_a_fixed_number_of_queries(client, cast, partners, django_assert_num_queries) -> None:
    college, _, users = partners
    offer = _offer(cast)

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            placement_offer_add(
                actor=cast.provider_admin_a,
                provider=cast.provider_a,
                data={"setting": f"Unit {n:02d}", "starts_on": offer.starts_on, "ends_on": offer.ends_on, "places": 1},
            )
            _student(users["college"], offer, college, name=f"Student {n:02d}", email=f"s{n}@student.test")

    add(1, 0)
    placement = offer.placements.first()
    placement_decide(actor=cast.provider_admin_a, placement=placement, accept=True, reason="")
    urls = [reverse("placement_offer_list"), offer.get_absolute_url(), placement.get_absolute_url()]
    counts = {}
    for who in (cast.provider_admin_a, users["college"]):
        client.force_login(who)
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as small:
                client.get(url)
            counts[who.pk, url] = len(small.captured_queries)
    add(6, 1)
    for day in range(3):
        placement_attendance_record(
            actor=cast.staff_a,
            placement=placement,
            unit="day",
            starts_on=offer.starts_on + timedelta(days=day),
            days_attended=1,
        )
    for who in (cast.provider_admin_a, users["college"]):
        client.force_login(who)
        for url in urls:
            with django_assert_num_queries(counts[who.pk, url]):
                assert client.get(url).status_code == 200
