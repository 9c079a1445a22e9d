"""A recruit's own page speaks their words: a new employer (not a sponsor), jargon spelled out."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.conftest import Cast


def test_my_details_offers_to_find_a_new_employer_and_spells_out_cos(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.recruit_user_a)
    html = client.get(reverse("recruit_my_details")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Find a new employer" in text and reverse("rematch_self_refer") in html
    button = re.search(r'<a [^>]*class="govuk-button"[^>]*>\s*Find a new employer\s*</a>', html)
    assert button and reverse("rematch_self_refer") in button.group(0)
    assert "New sponsor" not in text
    first = text.find("CoS")
    assert first != -1 and "Certificate of Sponsorship (CoS)" in text[first - 30 : first + 4]
