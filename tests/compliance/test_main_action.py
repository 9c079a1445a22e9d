"""One main (green) action on a licence-compliance case, chosen by its steps and status."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from compliance.models import ComplianceCase
from compliance.services import step_complete
from tests.buttons import primary_buttons
from tests.compliance.builders import revoke
from tests.conftest import Cast


def _page(cast: Cast, case: ComplianceCase) -> str:
    client = Client()
    client.force_login(cast.lead_a)
    return client.get(case.get_absolute_url()).content.decode()


def test_a_case_with_overdue_steps_leads_to_the_first_overdue_step(cast: Cast) -> None:
    case = revoke(cast, on=dt.date.today() - dt.timedelta(days=60))
    html = _page(cast, case)
    assert primary_buttons(html) == ["Work on the overdue step"]
    first = case.steps.order_by("due_on", "position").first()
    assert first is not None
    assert f'href="{first.get_absolute_url()}" role="button"' in html


def test_a_case_on_time_leads_to_the_next_step(cast: Cast) -> None:
    case = revoke(cast, on=dt.date.today())
    assert primary_buttons(_page(cast, case)) == ["Work on the next step"]


def test_a_case_with_every_step_done_leads_the_lead_to_close_it(cast: Cast) -> None:
    case = revoke(cast, on=dt.date.today())
    for step in case.steps.all():
        step_complete(actor=cast.lead_a, step=step, note="Done.")
    assert primary_buttons(_page(cast, case)) == ["Close the case or change its status"]
