"""training/0011_learners: every booking and certificate made before learners existed points at
a learner row of its recruit afterwards (one per recruit), history included."""

from __future__ import annotations

from datetime import date

import pytest

from tests.migrating import migrate_to, migrate_to_latest
from training.models import Certificate, Enrolment, Learner, LearnerKind

BEFORE = [("training", "0010_awarding_body_qualification")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bookings_and_certificates_made_before_learners_get_their_recruits_learner(
    latest_migrations_after: None,
) -> None:
    old = migrate_to(BEFORE)
    region = old.get_model("hubs", "Region").objects.create(code="E99000002", name="Migration region")
    provider = old.get_model("providers", "Provider").objects.create(region=region, name="Old Care Ltd")
    Recruit = old.get_model("recruits", "Recruit")
    ada = Recruit.objects.create(region=region, provider=provider, given_names="Ada", family_name="Old")
    bola = Recruit.objects.create(region=region, provider=provider, given_names="Bola", family_name="Old")
    never = Recruit.objects.create(region=region, provider=provider, given_names="Cy", family_name="Unbooked")
    programme = old.get_model("training", "Programme").objects.create(region=region, title="Old programme")
    Cohort = old.get_model("training", "Cohort")
    cohorts = [
        Cohort.objects.create(region=region, programme=programme, capacity=5, booking_deadline=date(2026, 1, 1))
        for _ in range(2)
    ]
    OldEnrolment = old.get_model("training", "Enrolment")
    made = [
        OldEnrolment.objects.create(region=region, cohort=cohorts[0], recruit=ada, status="completed"),
        OldEnrolment.objects.create(region=region, cohort=cohorts[1], recruit=ada, status="booked"),
        OldEnrolment.objects.create(region=region, cohort=cohorts[0], recruit=bola, status="cancelled"),
    ]
    old_certificate = old.get_model("training", "Certificate").objects.create(
        region=region,
        recruit=ada,
        enrolment=made[0],
        programme=programme,
        holder_name="Ada Old",
        programme_title="Old programme",
        completed_on=date(2026, 1, 20),
        code="ABCD-EFGH-JKMN",
    )

    migrate_to_latest()

    learners = {learner.recruit_id: learner for learner in Learner.objects.filter(region_id=region.pk)}
    assert set(learners) == {ada.pk, bola.pk}  # one each, none for the recruit never booked
    assert never.pk not in learners
    assert all(learner.kind == LearnerKind.RECRUIT for learner in learners.values())
    for old_row in made:
        enrolment = Enrolment.objects.get(pk=old_row.pk)
        assert (enrolment.learner_id, enrolment.recruit_id) == (learners[old_row.recruit_id].pk, old_row.recruit_id)
    certificate = Certificate.objects.get(pk=old_certificate.pk)
    assert certificate.learner_id == learners[ada.pk].pk and certificate.learner.full_name == "Ada Old"
    # History rows carry the learner too, so the history pages read every row the same way.
    events = list(Enrolment.objects.get(pk=made[0].pk).events.all())
    assert events and all(event.learner_id == learners[ada.pk].pk for event in events)
    # And the booking flow goes on with the same learner row.
    assert Learner.objects.get(recruit_id=ada.pk).enrolments.count() == 2
