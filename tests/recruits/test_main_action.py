"""One main (green) action on a recruit's record, chosen by the recruit's state."""

from __future__ import annotations

import pytest
from django.test import Client

from recruits.models import Recruit
from tests.buttons import primary_buttons
from tests.conftest import Cast


def _primary(cast: Cast, user: str, recruit: Recruit) -> list[str]:
    client = Client()
    client.force_login(getattr(cast, user))
    return primary_buttons(client.get(recruit.get_absolute_url()).content.decode())


def _with_status(recruit: Recruit, status: str) -> Recruit:
    Recruit.objects.filter(pk=recruit.pk).update(status=status)
    recruit.refresh_from_db()
    return recruit


@pytest.mark.parametrize("user", ["lead_a", "staff_a", "provider_admin_a"])
@pytest.mark.parametrize("status", ["at_risk", "displaced"])
def test_a_worker_who_may_lose_their_sponsor_leads_with_the_rematch(user: str, status: str, cast: Cast) -> None:
    assert _primary(cast, user, _with_status(cast.recruit_a, status)) == ["Ask the hub to rematch"]


def test_an_open_rematch_request_leads_to_it(cast: Cast) -> None:
    from tests.security.test_isolation import _rematch_of_recruit_a

    rematch = _rematch_of_recruit_a(cast)
    client = Client()
    client.force_login(cast.lead_a)
    html = client.get(cast.recruit_a.get_absolute_url()).content.decode()
    assert primary_buttons(html) == ["Go to the rematch request"]
    assert f'href="{rematch.get_absolute_url()}" role="button"' in html


def test_an_arriving_recruit_leads_with_recording_the_arrival(cast: Cast) -> None:
    assert _primary(cast, "lead_a", _with_status(cast.recruit_a, "arriving")) == ["Record the arrival or change status"]


@pytest.mark.parametrize("status", ["employed", "rematched", "left"])
def test_otherwise_the_record_is_kept_up_to_date(status: str, cast: Cast) -> None:
    assert _primary(cast, "lead_a", _with_status(cast.recruit_a, status)) == ["Edit the record"]


def test_someone_who_cannot_edit_gets_no_green_button(cast: Cast) -> None:
    assert _primary(cast, "council_officer_a", cast.recruit_a) == []
