"""Issue 18 item 2, careers pages per role: the region's hub team writes them in Markdown (cleaned
as the good-practice library's are), everyone who works in the region reads them, other regions
get 404, and the list is keyset-paginated with a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from training.careers import career_page_add, career_page_update
from training.models import CareerPage

pytestmark = pytest.mark.django_db

BODY = "## Pay\n\nFrom **£12.60** an hour. <script>alert(1)</script> [Apply](javascript:alert(1))"


def _page(cast, role="Senior care assistant"):
    return career_page_add(
        actor=cast.staff_a, region=cast.region_a, data={"role": role, "summary": "Leads a shift.", "body": BODY}
    )


def test_the_hub_writes_and_the_region_reads_it_cleaned(client, cast) -> None:
    page = _page(cast)
    for who in (cast.provider_staff_a, cast.recruit_user_a, cast.staff_a):
        client.force_login(who)
        html = client.get(page.get_absolute_url()).content.decode()
        assert "<strong>£12.60</strong>" in html and "<h3>Pay</h3>" in html
        assert "<script>alert" not in html and 'href="javascript' not in html
    client.force_login(cast.provider_admin_b)
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Senior care assistant" not in client.get(reverse("career_list")).content.decode()


def test_only_the_regions_hub_team_writes(client, cast) -> None:
    page = _page(cast)
    with pytest.raises(PermissionDenied):
        career_page_add(
            actor=cast.provider_admin_a, region=cast.region_a, data={"role": "x", "summary": "x", "body": "x"}
        )
    with pytest.raises(PermissionDenied):
        career_page_update(actor=cast.staff_b, page=page, data={"role": "x", "summary": "x", "body": "x"})
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("career_page_edit", args=[page.public_id])).status_code == 403
    assert client.get(reverse("career_page_new")).status_code == 404


def test_one_page_per_role_with_a_clear_message(cast) -> None:
    _page(cast)
    with pytest.raises(ValidationError, match="already has a page"):
        _page(cast)


def test_the_form_publishes_and_changes_a_page(client, cast) -> None:
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("career_page_new"), {"role": "Nursing associate", "summary": "Bridges care and nursing.", "body": BODY}
    )
    assert response.status_code == 302
    page = CareerPage.objects.get(role="Nursing associate")
    response = client.post(
        reverse("career_page_edit", args=[page.public_id]),
        {"role": "Nursing associate", "summary": "A new summary.", "body": BODY},
    )
    page.refresh_from_db()
    assert page.summary == "A new summary." and page.updated_by == cast.staff_a
    assert client.post(reverse("career_page_new"), {"role": ""}).status_code == 400


def test_the_list_takes_a_fixed_number_of_queries(client, cast, django_assert_num_queries) -> None:
    _page(cast, role="Role 00")
    client.force_login(cast.provider_admin_a)
    url = reverse("career_list")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(1, 8):
        _page(cast, role=f"Role {n:02d}")
    with django_assert_num_queries(len(small.captured_queries)):
        assert "Role 07" in client.get(url).content.decode()
    page = _page(cast, role="Registered nurse")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(page.get_absolute_url())
