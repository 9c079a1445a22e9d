"""`/.well-known/security.txt` tells a finder where to report, signed out, in RFC 9116's format."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse


def test_security_txt_names_the_contact_and_a_future_expiry(client, settings) -> None:
    settings.SECURITY_CONTACT_EMAIL = "report@hub.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line and line[0] != "#")
    assert fields["Contact"] == "mailto:report@hub.example"
    expires = dt.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert dt.timedelta(days=30) < expires - dt.datetime.now(dt.UTC) < dt.timedelta(days=365)
    assert reverse("security_txt") == "/.well-known/security.txt"
