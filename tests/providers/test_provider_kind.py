"""A provider's kind (issue 15 item 1): CQC IDs are asked of care providers only."""

import pytest
from django.urls import reverse

from providers.models import Provider, ProviderKind
from tests.conftest import Cast
from tests.providers.test_provider_pages import _form

pytestmark = pytest.mark.django_db


def test_a_care_provider_needs_its_cqc_location_id(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    html = client.post(reverse("provider_create"), _form(cast, cqc_location_id="")).content.decode()
    assert "Enter the CQC location ID of the care provider" in html
    assert not Provider.objects.filter(name="Oakfield House Ltd").exists()


def test_an_nhs_trust_needs_no_cqc_location_id(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    form = _form(cast, name="Sandwell Trust", kind="nhs_trust", cqc_location_id="", cqc_provider_id="")
    assert client.post(reverse("provider_create"), form).status_code == 302
    assert Provider.objects.get(name="Sandwell Trust").kind == ProviderKind.NHS_TRUST


def test_a_form_without_the_question_keeps_a_care_provider(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    client.post(reverse("provider_create"), _form(cast))
    assert Provider.objects.get(name="Oakfield House Ltd").kind == ProviderKind.CARE_PROVIDER
    page = client.get(reverse("provider_edit", args=[cast.provider_a.public_id])).content.decode()
    assert 'name="kind"' in page and "NHS trust" in page
