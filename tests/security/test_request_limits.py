"""Requests refused before any view: a NUL byte anywhere in the query or the form (400), and
bodies over the limit (413), each with a page that says what to fix."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal import limits
from portal.limits import BodyLimitUploadHandler, BodyTooLarge
from tests.conftest import Cast

MB = 1024 * 1024


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


def test_an_80_mb_body_is_refused_from_its_length_before_it_is_read(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("recruit_document_upload", args=[cast.recruit_a.public_id])
    # The test client would build 80 MB; a declared length is all the check reads.
    response = client.post(
        url, data=b"x" * 1024, content_type="multipart/form-data; boundary=B", CONTENT_LENGTH=str(80 * MB)
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "larger than the 20 MB the portal accepts" in page and "A document can be up to 10 MB" in page


def test_a_body_without_a_length_is_stopped_once_past_the_limit(settings) -> None:
    settings.REQUEST_MAX_BYTES = 3 * MB
    handler = BodyLimitUploadHandler(limit=3 * MB)
    handler.receive_data_chunk(b"x" * (2 * MB), 0)
    with pytest.raises(BodyTooLarge, match="larger than the 3 MB"):
        handler.receive_data_chunk(b"x" * (2 * MB), 2 * MB)


def test_a_multipart_upload_past_the_limit_stops_while_streaming(cast: Cast, client, monkeypatch, settings) -> None:
    """A server that gives no length (chunked, or ASGI) passes the first check: the stream is cut off."""
    monkeypatch.setattr(limits, "_declared_length", lambda request: 0)
    settings.REQUEST_MAX_BYTES = 1 * MB
    client.force_login(cast.lead_a)
    url = reverse("recruit_document_upload", args=[cast.recruit_a.public_id])
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"\0" * (2 * MB))
    response = client.post(url, {"kind": "ukvi_letter", "file": upload})
    assert response.status_code == 413 and "larger than the 1 MB" in response.content.decode()


def test_a_large_scan_under_the_body_limit_still_gets_the_document_message(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("recruit_document_upload", args=[cast.recruit_a.public_id])
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"\0" * (12 * MB))
    response = client.post(url, {"kind": "ukvi_letter", "file": upload})
    assert response.status_code == 200 and "upload a file of 10 MB or less" in response.content.decode()


def test_invisible_characters_are_removed_from_queries_and_forms(cast: Cast, client) -> None:
    """Control and bidi override characters never reach a view; the rest of the text does."""
    client.force_login(cast.lead_a)
    response = client.post(
        reverse("provider_create"), {"name": "Care\u202eemoH\x07 Home\x1b\u2066", "cqc_location_id": ""}
    )
    assert response.wsgi_request.POST["name"] == "CareemoH Home"
    page = response.content.decode()
    assert "\u202e" not in page and "\x07" not in page and "\u2066" not in page
    query = client.get(reverse("provider_list") + "?q=Al%E2%80%AEpha%1F")
    assert query.status_code == 200
    assert query.wsgi_request.GET["q"] == "Alpha"


def test_right_to_left_text_and_its_marks_are_kept(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.get(reverse("provider_list") + "?q=" + "مرحبا\u200f\u200d")
    assert response.wsgi_request.GET["q"] == "مرحبا\u200f\u200d"


def test_a_text_areas_line_breaks_arrive_as_the_portal_stores_them(cast: Cast, client) -> None:
    """Browsers send CR LF; a form sent back unchanged must not turn every stored LF into CR LF."""
    client.force_login(cast.lead_a)
    response = client.post(reverse("provider_create"), {"name": "Two\r\nLines\rHome\nCare", "cqc_location_id": ""})
    assert response.wsgi_request.POST["name"] == "Two\nLines\nHome\nCare"
    query = client.get(reverse("provider_list") + "?q=a%0D%0Ab")
    assert query.wsgi_request.GET["q"] == "a\r\nb"  # only forms: a query is left as typed
