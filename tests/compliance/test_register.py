"""The public register watch: both layouts, matching, alerts, idempotent re-runs, 100,000 rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import AlertKind, RegisterAlert, RegisterCandidate, RegisterImport, RegisterMatch, RegisterState
from compliance.register import RegisterError, name_key, rating_of, register_candidate_confirm, register_import
from compliance.register_synthetic import synthetic_rows, write_register
from compliance.services import alert_record_event
from notifications.models import Reminder
from providers.models import Provider
from tests.factories import ProviderFactory

from .builders import register_csv

pytestmark = pytest.mark.django_db
SAMPLES = Path("/work/shared/data")


def test_names_are_normalised_and_ratings_read() -> None:
    assert name_key("The Example Care Homes Ltd.") == name_key("example care homes limited") == "example care homes"
    assert name_key("Demo Nursing & Residential Care Ltd") == "demo nursing and residential care"
    assert [
        rating_of(v) for v in ("Worker (B rating)", "Worker (A (SME+))", "Worker (UK Expansion Worker: Provisional)")
    ] == ["B", "A", ""]


@pytest.mark.parametrize("sample", ["sponsor_register_sample.csv", "sponsor_register_sample_2026_format.csv"])
def test_both_published_layouts_are_read_and_matched(cast, sample) -> None:
    fictional = ProviderFactory(
        region=cast.region_a, name="Fictional Homecare Partners Ltd", address="1 Market St\nNorwich"
    )
    example = ProviderFactory(region=cast.region_a, name="Example Care Homes Ltd", licence_number="EXAMPLE01")
    summary = register_import(source=str(SAMPLES / sample))
    assert summary.rows == 10 and summary.status == "done"
    assert summary.layout == ("classic" if sample == "sponsor_register_sample.csv" else "may_2026")
    assert RegisterState.objects.get(provider=example).present
    state = RegisterState.objects.get(provider=fictional)
    assert state.rating == "B" and state.routes == ["Skilled Worker"]
    alert = RegisterAlert.objects.get(provider=fictional)
    assert alert.kind == AlertKind.B_RATING
    assert not RegisterAlert.objects.filter(provider=example).exists()


def test_an_unknown_header_is_refused_with_both_layouts_named(cast, tmp_path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("Name,Town,Rating\nX,Y,Z\n")
    with pytest.raises(RegisterError, match="Expected either “Organisation Name, Town/City") as error:
        register_import(source=str(path))
    assert "It has: Name, Town, Rating" in str(error.value)
    failed = RegisterImport.objects.get()
    assert failed.status == "failed" and "Sponsor Licence Number" in failed.error
    assert not RegisterState.objects.exists()


def test_the_command_takes_a_path_or_the_setting_and_explains_a_refusal(cast, settings, tmp_path) -> None:
    settings.SPONSOR_REGISTER_SOURCE = str(SAMPLES / "sponsor_register_sample.csv")
    call_command("import_sponsor_register")
    assert RegisterImport.objects.get().rows == 10
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_sponsor_register", str(tmp_path / "missing.csv"))


def test_a_missing_provider_a_b_rating_and_an_ambiguous_name_then_an_idempotent_rerun(cast) -> None:
    leaving = ProviderFactory(region=cast.region_a, name="Leaving Care Ltd")
    ProviderFactory(region=cast.region_a, name="Downgraded Care Ltd")
    twin = ProviderFactory(region=cast.region_a, name="Twin Care Ltd", address="2 High St, Walsall")
    first = register_csv(
        [
            ("Leaving Care Ltd", "", "Worker (A rating)", "Skilled Worker"),
            ("Downgraded Care Limited", "", "Worker (A rating)", "Skilled Worker"),
            ("Twin Care Ltd", "Leeds", "Worker (A rating)", "Skilled Worker"),
            ("Twin Care Ltd", "York", "Worker (A rating)", "Skilled Worker"),
        ]
    )
    summary = register_import(source="first", content=first)
    assert (summary.matched, summary.uncertain, summary.changes) == (2, 1, 0)
    assert RegisterCandidate.objects.filter(provider=twin).count() == 2
    second = register_csv(
        [
            ("Downgraded Care Limited", "", "Worker (B rating)", "Skilled Worker"),
            ("Twin Care Ltd", "Leeds", "Worker (A rating)", "Skilled Worker"),
            ("Twin Care Ltd", "York", "Worker (A rating)", "Skilled Worker"),
        ]
    )
    summary = register_import(source="second", content=second)
    kinds = dict(RegisterAlert.objects.values_list("provider__name", "kind"))
    assert kinds == {"Leaving Care Ltd": AlertKind.MISSING, "Downgraded Care Ltd": AlertKind.B_RATING}
    assert summary.changes == 2
    notices = Reminder.objects.filter(kind="compliance.register_alert")
    assert notices.count() == 2 and {n.recipient_role for n in notices} == {"lead"}
    assert RegisterCandidate.objects.filter(provider=twin).count() == 2, "not asked twice"
    states = RegisterState.objects.count()
    again = register_import(source="second again", content=second)
    assert again.changes == 0 and RegisterState.objects.count() == states and RegisterAlert.objects.count() == 2
    assert RegisterState.objects.filter(provider=leaving).count() == 2, "the earlier state is kept"
    assert RegisterImport.objects.count() == 3


def test_a_confirmed_match_is_used_by_later_imports(cast) -> None:
    twin = ProviderFactory(region=cast.region_a, name="Twin Care Ltd")
    rows = [
        ("Twin Care Ltd", "Leeds", "Worker (A rating)", "Skilled Worker"),
        ("Twin Care Ltd", "York", "Worker (B rating)", "Skilled Worker"),
    ]
    register_import(source="first", content=register_csv(rows))
    york = RegisterCandidate.objects.get(provider=twin, town="York")
    register_candidate_confirm(actor=cast.lead_a, candidate=york)
    assert RegisterMatch.objects.get(provider=twin).town_key == "york"
    summary = register_import(source="second", content=register_csv(rows))
    assert summary.uncertain == 0 and summary.matched >= 1
    assert RegisterState.objects.get(provider=twin).town == "York"
    assert RegisterAlert.objects.get(provider=twin).kind == AlertKind.B_RATING


def test_a_route_change_raises_an_alert(cast) -> None:
    provider = Provider.objects.get(pk=ProviderFactory(region=cast.region_a, name="Routes Care Ltd").pk)
    register_import(source="a", content=register_csv([(provider.name, "", "Worker (A rating)", "Skilled Worker")]))
    register_import(
        source="b",
        content=register_csv(
            [
                (provider.name, "", "Worker (A rating)", "Skilled Worker"),
                (provider.name, "", "Worker (A rating)", "Charity Worker"),
            ]
        ),
    )
    alert = RegisterAlert.objects.get(provider=provider)
    assert alert.kind == AlertKind.ROUTE_CHANGE and "Charity Worker" in alert.details


def test_one_click_records_the_revocation_and_opens_the_case(cast) -> None:
    provider = cast.provider_a
    register_import(source="a", content=register_csv([(provider.name, "", "Worker (A rating)", "Skilled Worker")]))
    register_import(source="b", content=register_csv([("Other Ltd", "", "Worker (A rating)", "Skilled Worker")]))
    alert = RegisterAlert.objects.get(provider=provider)
    result = alert_record_event(actor=cast.lead_a, alert=alert, kind="revocation", event_date=alert.created_at.date())
    alert.refresh_from_db()
    assert alert.status == "acted" and alert.event == result.event and result.case is not None
    assert result.event.source == "register" and result.event.licence_change.source == "register"


def test_100000_rows_import_in_a_few_queries_and_rerun_idempotently(cast, tmp_path) -> None:
    # The time it takes is measured by benchmarks/compliance_register_import.py (`make bench`).
    providers = [ProviderFactory(region=cast.region_a, name=f"Synthetic Sponsor {n:06d} Ltd") for n in range(0, 500, 5)]
    path = write_register(tmp_path / "register.csv", synthetic_rows(100_000))
    with CaptureQueriesContext(connection) as first:
        summary = register_import(source=str(path))
    assert summary.rows == 100_000 and summary.organisations == 50_000
    assert summary.matched >= len(providers)
    with CaptureQueriesContext(connection) as rerun:
        again = register_import(source=str(path))
    assert again.changes == 0 and RegisterState.objects.filter(register_import=again).count() == 0
    # A handful of queries for 100,000 rows (10 and 9 when written): one pass over the file, bulk writes.
    assert len(first) <= 12 and len(rerun) <= 10, (len(first), len(rerun))


def test_the_daily_task_imports_the_configured_source_and_beat_runs_it(cast, settings) -> None:
    from compliance.tasks import import_register_task
    from portal.celery import app

    settings.SPONSOR_REGISTER_SOURCE = ""
    assert import_register_task() is None and not RegisterImport.objects.exists()
    settings.SPONSOR_REGISTER_SOURCE = str(SAMPLES / "sponsor_register_sample_2026_format.csv")
    made = import_register_task()
    assert RegisterImport.objects.get(pk=made).layout == "may_2026"
    entries = [e for e in app.conf.beat_schedule.values() if e["task"] == "compliance.tasks.import_register_task"]
    assert len(entries) == 1 and entries[0]["schedule"].hour == {6}
