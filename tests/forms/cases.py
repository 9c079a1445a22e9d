"""Every form page of the portal, with the records it is opened on and what a change may touch.

`tests/forms/test_census.py` finds the form pages from the URL resolver and fails on one that has
no case here; `tests/e2e/test_round_trip.py` opens each in Chromium and sends it.

- `user`: the cast member who uses the form.
- `build`: makes the records behind the page, every field filled, and returns the URL kwargs
  (default: the isolation sweep's builder, or no kwargs for a page without an id).
- `form`: a field that picks the form on a page with several (default: the first with fields).
- `writes`: tables that sending the form unchanged may write to, for a form whose defaults make a
  valid action (starting a plan on today's date); empty for a form that shows a record: sending
  it unchanged must change no column of any row.
- `change`: for a form that shows a record, one field to edit, its new value, and the columns
  (model label, column) that edit may change; only those may differ afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tests.conftest import Cast
from tests.security.test_isolation import CASES as ISOLATION_CASES

Build = Callable[[Cast], dict[str, Any]]


@dataclass(frozen=True)
class Change:
    field: str
    value: Any
    columns: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class FormCase:
    user: str = "lead_a"
    build: Build | None = None
    form: str | None = None
    writes: frozenset[str] = field(default_factory=frozenset)
    change: Change | None = None
    why: str = ""


def change(name: str, value: Any, *columns: str) -> Change:
    """`columns` as "app.Model.column"."""
    pairs = frozenset((c.rsplit(".", 1)[0], c.rsplit(".", 1)[1]) for c in columns)
    return Change(name, value, pairs)


def isolation(name: str) -> Build:
    return ISOLATION_CASES[name][0]


# -- records with every field filled ------------------------------------------------------------


def full_recruit(cast: Cast):
    from hubs.models import Agency
    from recruits.models import Recruit

    agency = Agency.objects.create(name="Fair Start Recruitment", region=cast.region_a)
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(
        date_of_birth=dt.date(1994, 3, 7),
        nationality="PH",
        passport_number="P1234567",
        phone="07700 900123",
        address="1 High Street, Telford",
        postcode="TF1 1AA",
        job_role="nurse",
        occupation_code="2231",
        visa_expiry=dt.date(2027, 9, 1),
        cos_reference="C2G8X12345",
        evisa_share_code="W12345678",
        curtailment_letter_date=dt.date(2026, 11, 20),
        curtailment_notes="Letter received by post.",
        rtw_check_date=dt.date(2026, 1, 10),
        rtw_followup_due=dt.date(2027, 8, 1),
        dbs_status="clear",
        dbs_date=dt.date(2026, 1, 5),
        dbs_barred_list_checked=True,
        overseas_crc="obtained",
        english_level="level_1",
        english_test="IELTS for UKVI",
        english_test_date=dt.date(2025, 6, 30),
        nmc_cbt_passed=True,
        osce_date=dt.date(2026, 2, 14),
        osce_attempts=1,
        recruitment_channel="approved_agency",
        agency=agency,
        candidate_fees=Decimal("0"),
    )
    cast.recruit_a.refresh_from_db()
    return cast.recruit_a


def _recruit_edit(cast: Cast) -> dict[str, Any]:
    return {"public_id": full_recruit(cast).public_id}


def _my_details(cast: Cast) -> dict[str, Any]:
    full_recruit(cast)
    return {}


def _rematch_dates(cast: Cast) -> dict[str, Any]:
    kwargs = isolation("rematch_dates")(cast)
    from recruits.models import Recruit, RematchRequest

    request = RematchRequest.objects.get(public_id=kwargs["public_id"])
    dates = {"curtailment_letter_date": dt.date(2026, 11, 20), "visa_expiry": dt.date(2027, 9, 1)}
    RematchRequest.objects.filter(pk=request.pk).update(**dates)
    Recruit.objects.filter(pk=request.recruit_id).update(**dates)
    return kwargs


RECRUIT = "recruits.Recruit"

CASES: dict[str, FormCase] = {
    # -- records edited in place: nothing may change when sent unchanged -------------------------
    "recruit_edit": FormCase(
        build=_recruit_edit,
        change=change("visa_expiry", dt.date(2028, 1, 15), f"{RECRUIT}.visa_expiry", f"{RECRUIT}.flags"),
    ),
    "recruit_my_details": FormCase(
        user="recruit_user_a", build=_my_details, change=change("phone", "07700 900999", f"{RECRUIT}.phone")
    ),
    "provider_edit": FormCase(change=change("name", "Alpha Care Homes Ltd", "providers.Provider.name")),
    "vacancy_edit": FormCase(
        change=change("start_date", dt.date(2027, 3, 1), "providers.Vacancy.start_date"),
    ),
    "rematch_dates": FormCase(
        build=_rematch_dates,
        change=change(
            "visa_expiry",
            dt.date(2027, 10, 1),
            "recruits.RematchRequest.visa_expiry",
            "recruits.RematchRequest.leave_end",
            "recruits.RematchEvent.*",
            "notifications.Reminder.*",
            f"{RECRUIT}.visa_expiry",
            f"{RECRUIT}.flags",
        ),
    ),
    "rematch_preferences": FormCase(
        change=change("postcode", "WV1 1AA", "recruits.RematchRequest.postcode"),
    ),
    "rematch_owner": FormCase(),
    "programme_edit": FormCase(change=change("title", "Care Certificate refresher", "training.Programme.title")),
    "notification_settings": FormCase(),
    "care_certificate": FormCase(),
    "development_plan_edit": FormCase(),
    "osce": FormCase(form="deadline-cos_start_day"),
    "pastoral_plan": FormCase(),
    "pastoral_plan_contacts": FormCase(),
    "pastoral_appointment": FormCase(),
    "pastoral_hub_settings": FormCase(),
    "pastoral_section_edit": FormCase(),
    "case_owner": FormCase(),
    "step_detail": FormCase(),
    "protocol_edit": FormCase(),
    # -- pages that create or act: sent unchanged, they refuse with errors and write nothing -----
    "invitation_new": FormCase(),
    "provider_create": FormCase(),
    "duty_mark_reported": FormCase(),
    "provider_licence_change": FormCase(),
    "duty_new": FormCase(),
    "vacancy_new": FormCase(),
    "pool_detail": FormCase(),
    "recruit_import": FormCase(),
    "recruit_register": FormCase(),
    "recruit_transition": FormCase(),
    "recruit_document_upload": FormCase(),
    "rematch_self_refer": FormCase(user="recruit_user_a"),
    "rematch_new_for_recruit": FormCase(),
    "rematch_detail": FormCase(),
    "rematch_introduce": FormCase(),
    "rematch_place": FormCase(),
    "rematch_transition": FormCase(),
    "rematch_confirm": FormCase(),
    "programme_new": FormCase(),
    "cohort_new": FormCase(),
    "cohort_detail": FormCase(),
    "enrolment_cancel": FormCase(),
    "evidence_new": FormCase(),
    "assessment_new": FormCase(),
    "evidence_review": FormCase(),
    "certificate_revoke": FormCase(),
    "resource_new": FormCase(),
    "pastoral_help": FormCase(user="recruit_user_a"),
    "pastoral_plan_start": FormCase(),
    "pastoral_appointment_new": FormCase(),
    "pastoral_check_in": FormCase(),
    "pastoral_check_in_reschedule": FormCase(),
    "pastoral_concern": FormCase(),
    "pastoral_booklet_edit": FormCase(),
    "pastoral_section_new": FormCase(),
    "licence_event_new": FormCase(),
    "case_detail": FormCase(),
    "case_status": FormCase(),
    "case_entry_new": FormCase(),
    "case_workers_add": FormCase(),
    "alert_detail": FormCase(),
}


def build_for(name: str, case: FormCase) -> Build:
    if case.build:
        return case.build
    if name in ISOLATION_CASES:
        return isolation(name)
    return lambda cast: {}
