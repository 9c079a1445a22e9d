"""One main (green) action on a provider's page, chosen by the licence's state."""

from __future__ import annotations

import pytest
from django.test import Client

from providers.models import Provider
from tests.buttons import primary_buttons
from tests.conftest import Cast


def _primary(client: Client, provider: Provider) -> list[str]:
    return primary_buttons(client.get(provider.get_absolute_url()).content.decode())


@pytest.mark.parametrize("user", ["lead_a", "staff_a"])
def test_an_active_licence_leads_with_the_reporting_duty(user: str, cast: Cast) -> None:
    client = Client()
    client.force_login(getattr(cast, user))
    assert _primary(client, cast.provider_a) == ["Record a reporting duty"]


@pytest.mark.parametrize("status", ["suspended", "revoked"])
def test_a_suspended_or_revoked_licence_leads_the_lead_to_the_licence_event(status: str, cast: Cast) -> None:
    Provider.objects.filter(pk=cast.provider_a.pk).update(licence_status=status)
    cast.provider_a.refresh_from_db()
    client = Client()
    client.force_login(cast.lead_a)
    assert _primary(client, cast.provider_a) == ["Record a licence event (suspension, revocation…)"]


@pytest.mark.parametrize("user", ["lead_a", "staff_a"])
def test_an_open_case_on_a_revoked_licence_leads_to_the_case(user: str, cast: Cast) -> None:
    from tests.compliance.builders import revoke

    case = revoke(cast, cast.provider_a)
    cast.provider_a.refresh_from_db()
    client = Client()
    client.force_login(getattr(cast, user))
    assert _primary(client, cast.provider_a) == ["Go to the licence-compliance case"]
    assert case.get_absolute_url() in client.get(cast.provider_a.get_absolute_url()).content.decode()
