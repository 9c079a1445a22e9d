"""The N+1 guard itself: a lazy load from one row of a list raises, a lone instance still loads."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldFetchBlocked

from recruits.models import Recruit
from tests.factories import RecruitFactory
from tests.performance.n_plus_one import guard_n_plus_one


@pytest.mark.django_db
def test_a_relation_loaded_per_row_of_a_list_raises_and_names_the_field() -> None:
    RecruitFactory.create_batch(2)
    with guard_n_plus_one():
        rows = list(Recruit.objects.order_by("id"))
        with pytest.raises(FieldFetchBlocked, match=r"N\+1: Recruit\.provider .* one of 2 rows"):
            _ = rows[0].provider


@pytest.mark.django_db
def test_a_lone_instance_and_a_joined_list_load_as_before(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    first, second = RecruitFactory.create_batch(2)
    with guard_n_plus_one():
        alone = Recruit.objects.get(pk=first.pk)
        with django_assert_num_queries(1):
            assert alone.provider == first.provider
        with django_assert_num_queries(1):
            rows = list(Recruit.objects.select_related("provider").order_by("id"))
            names = [row.provider.name for row in rows]
    assert names == [first.provider.name, second.provider.name]
