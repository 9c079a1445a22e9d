"""Rule 26 (the issue's rule 25): a worker who refers themself to a hub gives their name, address,
contact details and current sponsor, and may attach the UKVI letter (DOMAIN.md, "What hubs offer").

Held by the self-referral forms (`rematch/forms.py`, `_ContactFields`): the current sponsor's name
is required on the recruit's form and on a hub's public form; the letter is optional and goes
through the portal's file checks (`portal/files.py`, `document_check`). The recruit's form is a
round-trip case in `tests/forms/cases.py` ("rematch_self_refer"); here it is sent as a browser
sends it: the page's own values, changed where a person changes them, as multipart with the file."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recruits.models import Document, DocumentKind
from rematch.models import Door, RematchRequest
from tests.conftest import Cast
from tests.forms.values import form_values

SPONSOR_NEEDED = "Enter the name of your current employer, as on your certificate of sponsorship"


def _pdf(name: str = "ukvi-letter.pdf", body: bytes = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _page_values(client, url: str) -> dict[str, str]:
    return form_values(client.get(url).content.decode(), having="current_sponsor_name")


def test_rule_26_the_recruits_form_needs_the_current_sponsors_name(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    url = reverse("rematch_self_refer")
    values = _page_values(client, url)
    assert values["current_sponsor_name"] == cast.provider_a.name, "filled in from the record"
    values |= {"current_sponsor_name": "  ", "phone": "07700 900123", "address": "1 High St", "postcode": "B1 1AA"}
    refused = client.post(url, values)
    assert refused.status_code == 200 and SPONSOR_NEEDED in refused.content.decode()
    assert not RematchRequest.objects.exists()
    values["current_sponsor_name"] = "Alpha Care Ltd (licence revoked)"
    assert client.post(url, values).status_code == 302
    request = RematchRequest.objects.get()
    assert request.door == Door.RECRUIT and request.current_sponsor_name == "Alpha Care Ltd (licence revoked)"
    assert not Document.objects.filter(recruit=cast.recruit_a, kind=DocumentKind.UKVI_LETTER).exists(), "optional"


def test_rule_26_the_letter_may_be_attached_and_goes_through_the_file_checks(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    url = reverse("rematch_self_refer")
    values = _page_values(client, url) | {"phone": "07700 900123", "address": "1 High St", "postcode": "B1 1AA"}
    renamed = client.post(url, {**values, "letter": _pdf(body=b"MZ\x90\x00 not a pdf")})
    assert "This file says it is a PDF but it is not" in renamed.content.decode()
    assert not RematchRequest.objects.exists()
    assert client.post(url, {**values, "letter": _pdf()}).status_code == 302
    letter = Document.objects.get(recruit=cast.recruit_a, kind=DocumentKind.UKVI_LETTER)
    assert letter.title == "UKVI letter"
    assert RematchRequest.objects.get().current_sponsor_name == cast.provider_a.name


def test_rule_26_the_public_form_needs_the_current_sponsors_name_too(cast: Cast, client) -> None:
    url = reverse("rematch_public_refer", args=[cast.hub_a.public_id])
    values = _page_values(client, url) | {
        "given_names": "Chidi",
        "family_name": "Okoro",
        "phone": "07700 900456",
        "address": "2 Low St",
        "postcode": "M1 1AA",
    }
    refused = client.post(url, values)
    assert SPONSOR_NEEDED in refused.content.decode() and not RematchRequest.objects.exists()
    client.post(url, {**values, "current_sponsor_name": "Gone Care Ltd"})
    assert RematchRequest.objects.get(door=Door.PUBLIC).current_sponsor_name == "Gone Care Ltd"
