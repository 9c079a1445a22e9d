"""Who may book whom, the booking deadline, the waiting list and cancellations."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.utils import timezone

from notifications.models import Reminder
from tests.factories import ProviderFactory, RecruitFactory
from training import services
from training.models import Enrolment, EnrolmentStatus

from .builders import cohort, programme


@pytest.fixture
def wound_care(cast):
    return cohort(programme(cast.region_a, title="Wound care", days=1, english=False), capacity=2)


@pytest.mark.django_db
def test_a_second_booking_of_the_same_person_is_refused(cast, wound_care) -> None:
    services.enrolment_book(actor=cast.recruit_user_a, cohort=wound_care, recruit=cast.recruit_a)
    with pytest.raises(ValidationError, match="already on this cohort"):
        services.enrolment_book(actor=cast.provider_admin_a, cohort=wound_care, recruit=cast.recruit_a)


@pytest.mark.django_db
def test_a_recruit_of_another_region_cannot_be_booked(cast, wound_care) -> None:
    with pytest.raises(ValidationError, match="in another region"):
        services.enrolment_book(actor=cast.staff_a, cohort=wound_care, recruit=cast.recruit_b)


@pytest.mark.django_db
def test_after_the_booking_deadline_only_the_hub_team_can_book(cast) -> None:
    start = timezone.localdate() + timedelta(days=5)
    late = cohort(
        programme(cast.region_a, title="Late", days=1, english=False),
        start=start,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="Booking closed on"):
        services.enrolment_book(actor=cast.provider_admin_a, cohort=late, recruit=cast.recruit_a)
    assert services.enrolment_book(actor=cast.staff_a, cohort=late, recruit=cast.recruit_a).status == "booked"


@pytest.mark.django_db
def test_a_full_cohort_puts_people_on_the_waiting_list_in_order(cast, wound_care) -> None:
    recruits = [RecruitFactory(provider=cast.provider_a) for _ in range(4)]
    enrolments = [services.enrolment_book(actor=cast.staff_a, cohort=wound_care, recruit=r) for r in recruits]
    assert [e.status for e in enrolments] == ["booked", "booked", "waiting", "waiting"]


@pytest.mark.django_db
def test_a_cancellation_gives_the_place_to_the_next_person_who_is_told(cast, wound_care) -> None:
    recruits = [RecruitFactory(provider=cast.provider_a) for _ in range(3)]
    first, _second, third = [
        services.enrolment_book(actor=cast.staff_a, cohort=wound_care, recruit=r) for r in recruits
    ]
    fourth = services.enrolment_book(actor=cast.recruit_user_a, cohort=wound_care, recruit=cast.recruit_a)
    assert (third.status, fourth.status) == ("waiting", "waiting")

    offered = services.enrolment_cancel(actor=cast.staff_a, enrolment=first, reason="Shift clash")

    assert offered == [third]
    first.refresh_from_db()
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (first.status, first.cancel_reason) == ("cancelled", "Shift clash")
    assert (third.status, fourth.status) == ("booked", "waiting")
    # No account for that recruit: whoever booked them is told.
    told = Reminder.objects.get(kind=services.PLACE_OFFERED, object_id=str(third.pk))
    assert told.recipient == cast.staff_a


@pytest.mark.django_db
def test_a_waiting_list_entry_can_be_cancelled_without_freeing_anything(cast, wound_care) -> None:
    recruits = [RecruitFactory(provider=cast.provider_a) for _ in range(3)]
    *_, waiting = [services.enrolment_book(actor=cast.staff_a, cohort=wound_care, recruit=r) for r in recruits]
    assert services.enrolment_cancel(actor=cast.staff_a, enrolment=waiting, reason="") == []
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


@pytest.mark.django_db
def test_a_cancelled_booking_cannot_be_cancelled_again(cast, wound_care) -> None:
    enrolment = services.enrolment_book(actor=cast.staff_a, cohort=wound_care, recruit=cast.recruit_a)
    services.enrolment_cancel(actor=cast.staff_a, enrolment=enrolment, reason="")
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.enrolment_cancel(actor=cast.staff_a, enrolment=enrolment, reason="")


@pytest.mark.django_db
def test_who_may_book_whom(cast, wound_care) -> None:
    from training.access import recruits_bookable_by

    other = RecruitFactory(provider=ProviderFactory(region=cast.region_a))
    assert set(recruits_bookable_by(cast.provider_admin_a)) == {cast.recruit_a}
    assert set(recruits_bookable_by(cast.recruit_user_a)) == {cast.recruit_a}
    assert {cast.recruit_a, other} <= set(recruits_bookable_by(cast.staff_a))
    assert cast.recruit_b not in set(recruits_bookable_by(cast.staff_a))
    assert not recruits_bookable_by(cast.council_officer_a).exists()
    assert not recruits_bookable_by(cast.national).exists()


def _plain_region():
    """Transactional tests may run after another one emptied the database (regions included), and
    restoring the serialized data clashes with what post_migrate recreated: they build their own."""
    from hubs.models import Region

    return Region.objects.get_or_create(code="E12000005", defaults={"name": "West Midlands"})[0]


@pytest.mark.django_db(transaction=True)
def test_two_people_cannot_take_the_last_place_at_once() -> None:
    """Two bookings race for one place in two threads (two database connections)."""
    from tests.factories import UserFactory

    region = _plain_region()
    booker = UserFactory()
    provider = ProviderFactory(region=region, local_authority=None)
    last_place = cohort(programme(region, title="Catheter care", days=1, english=False), capacity=1)
    racers = [RecruitFactory(provider=provider) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def book(recruit) -> None:
        try:
            barrier.wait(timeout=10)
            services.enrolment_book(actor=booker, cohort=last_place, recruit=recruit)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=book, args=(recruit,)) for recruit in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    statuses = sorted(Enrolment.objects.filter(cohort=last_place).values_list("status", flat=True))
    assert statuses == [EnrolmentStatus.BOOKED, EnrolmentStatus.WAITING]


@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_offer_each_freed_place_to_one_person() -> None:
    from tests.factories import UserFactory

    region = _plain_region()
    booker = UserFactory()
    provider = ProviderFactory(region=region, local_authority=None)
    full = cohort(programme(region, title="End of life care", days=1, english=False), capacity=2)
    people = [RecruitFactory(provider=provider) for _ in range(5)]
    booked_one, booked_two, *waiting = [services.enrolment_book(actor=booker, cohort=full, recruit=r) for r in people]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def cancel(enrolment) -> None:
        try:
            barrier.wait(timeout=10)
            services.enrolment_cancel(actor=booker, enrolment=enrolment, reason="race")
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=cancel, args=(e,)) for e in (booked_one, booked_two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    statuses = {e.pk: s for e, s in ((e, Enrolment.objects.get(pk=e.pk).status) for e in waiting)}
    assert list(statuses.values()) == ["booked", "booked", "waiting"]
    assert Enrolment.objects.filter(cohort=full, status="booked").count() == 2


@pytest.mark.django_db
def test_the_daily_recheck_closes_waiting_entries_of_a_cohort_that_started(cast, wound_care) -> None:
    from .builders import move_to_past

    recruits = [RecruitFactory(provider=cast.provider_a) for _ in range(3)]
    *_, waiting = [services.enrolment_book(actor=cast.staff_a, cohort=wound_care, recruit=r) for r in recruits]
    services.cohorts_recheck_due()
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WAITING
    move_to_past(wound_care)
    services.cohorts_recheck_due()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.cancel_reason) == ("cancelled", "No place became free before the start")
    assert Enrolment.objects.filter(cohort=wound_care, status="booked").count() == 2
