"""The registry of personal data (accesslog/rights.py): every app declares what it holds about a
recruit, and the subject access export and erasure are built from the declarations."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from accesslog.rights import RECRUIT, history_models, personal_data_sources, subject_data
from recruits.models import Recruit
from tests.conftest import Cast
from tests.pastoral.builders import SECRET, red_check_in

# Models that point at a recruit but hold nothing about them beyond the link, each with its reason.
NOT_PERSONAL = {
    "invitations.Invitation": "an invitation to an account: the email is the invitee's, kept for the audit of grants",
}


def test_every_model_pointing_at_a_recruit_is_declared() -> None:
    declared = {source.model._meta.label for source in personal_data_sources(RECRUIT)}
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey | models.OneToOneField)
        and field.related_model is Recruit
        and not model._meta.label.endswith("Event")
    }
    missing = pointing - declared - set(NOT_PERSONAL)
    assert missing == set(), f"Declare these in the app's personal_data.py: {sorted(missing)}"
    assert "recruits.Recruit" in declared


def test_declared_fields_exist() -> None:
    for source in personal_data_sources(RECRUIT):
        for name in source.fields:
            source.model._meta.get_field(name)


def test_recruit_history_models_are_found() -> None:
    assert [model._meta.db_table for model in history_models(Recruit)] == ["recruits_recruitevent"]


def test_subject_data_holds_rows_history_and_check_ins(cast: Cast) -> None:
    red_check_in(cast)
    found = {source.label: source for source in subject_data(RECRUIT, cast.recruit_a)}
    record = found["Recruit record"]
    assert record.rows[0]["family_name"] == "Adeyemi"
    assert any(row["family_name"] == "Adeyemi" for row in record.history)
    assert len(found["Check-ins"].rows) >= 1
    assert any(row["anything_else"] == SECRET for row in found["Check-in answers"].rows)
    other = {source.label: source for source in subject_data(RECRUIT, cast.recruit_b)}
    assert all(row["anything_else"] != SECRET for row in other["Check-in answers"].rows)
