"""seed_scale (demo/scale.py): idempotent per N, deterministic, and the history the triggers would write."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection, transaction

from accounts.models import User
from campaigns.funnel import funnel_of
from campaigns.models import PIPELINE, Application, ApplicationEvent, Campaign, Offer, Stage
from demo.scale import seed_scale
from hubs.access import scope_for
from hubs.models import Region
from recruits.models import Employment, Recruit


def _one(sql: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_second_run_with_the_same_n_does_nothing() -> None:
    counts = seed_scale(200, log=lambda line: None)
    assert counts is not None
    assert counts["recruits_recruit"] == 200
    assert counts["training_checkin"] > 1_000
    assert seed_scale(200, log=lambda line: None) is None
    assert Recruit.objects.count() == 200


@pytest.mark.django_db
def test_every_copied_row_has_the_insert_event_its_trigger_would_write() -> None:
    seed_scale(200, log=lambda line: None)
    # One "insert" event per row, with the row's own values, under the seed's pghistory context.
    assert _one("SELECT count(*) FROM recruits_recruitevent WHERE pgh_label = 'insert'") == 200
    assert (
        _one(
            "SELECT count(*) FROM recruits_employmentevent e JOIN recruits_employment x ON x.id = e.pgh_obj_id"
            " AND x.recruit_id = e.recruit_id AND x.provider_id = e.provider_id AND x.start_date = e.start_date"
        )
        == Employment.objects.count()
    )
    assert (
        _one(
            "SELECT count(DISTINCT c.metadata->>'command') FROM recruits_recruitevent e"
            " JOIN pghistory_context c ON c.id = e.pgh_context_id"
        )
        == 1
    )
    # The switch that skipped the insert triggers is off again: a later write gets its event from the trigger.
    recruit = Recruit.objects.order_by("id").first()
    assert recruit is not None
    Employment.objects.create(recruit=recruit, provider_id=recruit.provider_id or 1, start_date=recruit.visa_expiry)
    assert _one("SELECT count(*) FROM recruits_employmentevent") == Employment.objects.count()
    # ...and every GIN index dropped for the load is back.
    assert _one("SELECT count(*) FROM pg_indexes WHERE indexname = 'recruit_family_name_trgm'") == 1


@pytest.mark.django_db
def test_the_same_n_gives_the_same_rows() -> None:
    def seeded() -> list[tuple[object, ...]]:
        with transaction.atomic():
            seed_scale(150, log=lambda line: None)
            rows = list(
                Recruit.objects.order_by("id").values_list("family_name", "status", "date_of_birth", "provider__name")
            )
            transaction.set_rollback(True)
        return rows

    first, second = seeded(), seeded()
    assert len(first) == 150
    assert first == second
    assert len({row[1] for row in first}) > 3  # recruits in several statuses


@pytest.mark.django_db
def test_campaigns_have_applications_along_the_pipeline_with_their_timelines_and_offers() -> None:
    counts = seed_scale(400, log=lambda line: None)
    assert counts is not None
    assert counts["campaigns_campaign"] == 3 * Region.objects.count()
    assert counts["campaigns_application"] == 40
    applications = list(Application.objects.prefetch_related("events", "offers"))
    assert len({a.stage for a in applications}) >= 4
    offered_at = PIPELINE.index(Stage.OFFERED)
    for application in applications:
        moves = [(e.from_stage, e.to_stage) for e in application.events.all()]
        # The timeline walks the pipeline one stage at a time from "applied", then may end.
        forward = [m for m in moves if m[1] in PIPELINE]
        assert forward == list(itertools.pairwise(PIPELINE))[: len(forward)]
        assert (moves[-1][1] if moves else Stage.APPLIED) == application.stage
        assert bool(application.offers.all()) == (len(forward) >= offered_at)
    # The funnel counts them: each stage reached by no more than the one before.
    lead = User.objects.filter(email__startswith="lead-scale400-").order_by("id").first()
    assert lead is not None
    region_id = next(iter(scope_for(lead).lead_regions))
    by_stage = [figure.reached for figure in funnel_of(user=lead).total.stages]
    assert by_stage[0] == Application.objects.filter(region_id=region_id).count() > 0
    assert by_stage == sorted(by_stage, reverse=True)


@pytest.mark.django_db
def test_a_data_set_seeded_before_campaigns_gets_them_and_only_them() -> None:
    seed_scale(200, log=lambda line: None)
    first = list(Application.objects.order_by("id").values_list("family_name", "stage"))
    ApplicationEvent.objects.all().delete()
    Offer.objects.all().delete()
    Application.objects.all().delete()
    Campaign.objects.all().delete()
    counts = seed_scale(200, log=lambda line: None)
    assert counts is not None
    assert set(counts) == {
        "campaigns_campaign",
        "campaigns_campaign_employers",
        "campaigns_campaignrole",
        "campaigns_application",
        "campaigns_applicationevent",
        "campaigns_offer",
    }
    assert list(Application.objects.order_by("id").values_list("family_name", "stage")) == first
    assert Recruit.objects.count() == 200
    assert seed_scale(200, log=lambda line: None) is None
