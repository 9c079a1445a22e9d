"""Requests refused before any view: a NUL byte anywhere in the query or the form (400), and
bodies over the limit (413), each with a page that says what to fix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Cast


@pytest.mark.parametrize("query", ["q=%00", "q=abc%00def", "page=1&%00=x"])
def test_a_nul_in_the_query_string_is_a_clear_400(cast: Cast, client, query: str) -> None:
    client.force_login(cast.lead_a)
    response = client.get(reverse("provider_list") + "?" + query)
    assert response.status_code == 400
    assert "contains a NUL character (%00)" in response.content.decode()


def test_a_nul_in_a_posted_field_is_a_clear_400(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.post(reverse("provider_create"), {"name": "Care\x00Home"})
    assert response.status_code == 400 and "NUL character" in response.content.decode()


def test_a_nul_asked_of_a_signed_out_visitor_is_a_400_too(client) -> None:
    assert client.get(reverse("account_login") + "?next=%00").status_code == 400


def test_an_ordinary_search_still_works(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    assert client.get(reverse("provider_list") + "?q=Alpha").status_code == 200
