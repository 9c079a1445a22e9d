"""Signed-in sessions: timeouts by role, a person's list of sessions they can end, deactivation,
and a new session key at sign-in (accounts/sessions.py)."""

from __future__ import annotations

import time

import pyotp
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import SignedInSession
from accounts.sessions import LAST_SEEN, REFERENCE, SIGNED_IN_AT
from accounts.user_agents import device_of
from tests.conftest import Cast
from tests.factories import TEST_PASSWORD

CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _signed_in(user, user_agent: str = FIREFOX_WINDOWS) -> Client:
    """Signed in, and used a minute ago from `user_agent` (force_login's request has no browser)."""
    client = Client(HTTP_USER_AGENT=user_agent)
    client.force_login(user)
    _age(client, idle=61)
    client.get(reverse("healthz"))
    return client


def _age(client: Client, *, idle: int = 0, signed_in: int = 0) -> None:
    """Move the session's clocks back: `idle` seconds since last use, `signed_in` since sign-in."""
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - idle
    session[SIGNED_IN_AT] = now - max(signed_in, idle)
    session.save()


def test_a_session_records_its_user_and_where_it_came_from(cast: Cast) -> None:
    client = _signed_in(cast.lead_a, CHROME_ANDROID)
    assert client.get(reverse("home")).status_code == 200
    session = SignedInSession.objects.get(user=cast.lead_a)
    assert session.reference and session.signed_in_at and session.last_seen
    assert device_of(session.user_agent) == "Chrome on Android"


@pytest.mark.parametrize("role", ["lead_a", "staff_a", "council_officer_a", "national"])
def test_roles_that_see_many_records_are_signed_out_after_30_idle_minutes(cast: Cast, role: str) -> None:
    client = _signed_in(getattr(cast, role))
    _age(client, idle=29 * 60)
    assert client.get(reverse("home")).status_code == 200
    _age(client, idle=31 * 60)
    response = client.get(reverse("provider_list") + "?q=Alpha")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fproviders%2F%3Fq%3DAlpha"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used the portal for 30 minutes" in page
    assert not SignedInSession.objects.filter(user=getattr(cast, role)).exists()


def test_providers_and_recruits_have_two_idle_hours(cast: Cast) -> None:
    for user in (cast.provider_admin_a, cast.recruit_user_a):
        client = _signed_in(user)
        _age(client, idle=90 * 60)
        assert client.get(reverse("home")).status_code == 200
        _age(client, idle=121 * 60)
        assert client.get(reverse("home")).status_code == 302


def test_an_active_session_ends_8_hours_after_signing_in(cast: Cast) -> None:
    client = _signed_in(cast.provider_admin_a)
    _age(client, idle=10, signed_in=8 * 60 * 60 + 1)
    response = client.get(reverse("home"), follow=True)
    assert "you signed in more than 8 hours ago" in response.content.decode()


def _session_writes(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "accounts_session" in q["sql"]
    ]


def test_activity_is_written_at_most_once_a_minute(cast: Cast) -> None:
    client = _signed_in(cast.provider_admin_a)
    _age(client, idle=10)
    before = client.session[LAST_SEEN]
    assert _session_writes(client) == [], "a page within the minute writes nothing to the session"
    assert client.session[LAST_SEEN] == before
    _age(client, idle=61)
    assert len(_session_writes(client)) == 1
    assert client.session[LAST_SEEN] > before
    assert SignedInSession.objects.get(user=cast.provider_admin_a).last_seen.timestamp() == client.session[LAST_SEEN]


def test_a_person_sees_their_sessions_and_ends_one_elsewhere(cast: Cast) -> None:
    here = _signed_in(cast.provider_admin_a, FIREFOX_WINDOWS)
    phone = _signed_in(cast.provider_admin_a, CHROME_ANDROID)
    _signed_in(cast.provider_admin_b)  # someone else's session is never listed
    page = here.get(reverse("session_list")).content.decode()
    assert "Firefox on Windows" in page and "Chrome on Android" in page and page.count("This device") == 1
    assert "2 hours without using the portal" in page
    phone_session = SignedInSession.objects.get(user=cast.provider_admin_a, user_agent=CHROME_ANDROID)
    response = here.post(reverse("session_end", args=[phone_session.reference]), follow=True)
    assert "You signed out on Chrome on Android" in response.content.decode()
    assert phone.get(reverse("home")).status_code == 302, "the phone is signed out at its next request"
    assert here.get(reverse("home")).status_code == 200


def test_sign_out_everywhere_else_keeps_this_device(cast: Cast) -> None:
    here = _signed_in(cast.lead_a)
    others = [_signed_in(cast.lead_a, CHROME_ANDROID) for _ in range(2)]
    response = here.post(reverse("session_end_others"), follow=True)
    assert "You signed out everywhere else" in response.content.decode()
    assert all(other.get(reverse("home")).status_code == 302 for other in others)
    assert here.get(reverse("home")).status_code == 200


def test_ending_this_device_signs_out(cast: Cast) -> None:
    here = _signed_in(cast.provider_admin_a)
    reference = here.session[REFERENCE]
    response = here.post(reverse("session_end", args=[reference]))
    assert response["Location"] == reverse("account_login")
    assert here.get(reverse("home")).status_code == 302


def test_nobody_ends_someone_elses_session(cast: Cast) -> None:
    _signed_in(cast.provider_admin_b)
    theirs = SignedInSession.objects.get(user=cast.provider_admin_b)
    intruder = _signed_in(cast.lead_a)
    assert intruder.post(reverse("session_end", args=[theirs.reference])).status_code == 404
    assert SignedInSession.objects.filter(pk=theirs.pk).exists()


def test_a_deactivated_user_is_signed_out_at_their_next_request(cast: Cast) -> None:
    client = _signed_in(cast.provider_admin_a)
    assert client.get(reverse("home")).status_code == 200
    cast.provider_admin_a.is_active = False
    cast.provider_admin_a.save()
    assert not SignedInSession.objects.filter(user=cast.provider_admin_a).exists()
    assert client.get(reverse("home")).status_code == 302


def test_the_session_key_changes_at_sign_in_and_after_the_second_factor(cast: Cast) -> None:
    client = Client()
    client.get(reverse("account_login"))
    client.session.save()  # a visitor's session, as a browser that used the site before has
    anonymous = client.cookies["sessionid"].value
    client.post(reverse("account_login"), {"login": cast.lead_a.email, "password": TEST_PASSWORD})
    after_password = client.cookies["sessionid"].value
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(cast.lead_a.totp_secret).now()})
    after_mfa = client.cookies["sessionid"].value
    assert client.get(reverse("home")).status_code == 200
    assert after_mfa not in (anonymous, after_password), "the signed-in session has a key of its own"


def test_device_names_are_readable() -> None:
    assert device_of(FIREFOX_WINDOWS) == "Firefox on Windows"
    assert (
        device_of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15")
        == "Safari on Mac"
    )
    assert device_of("") == "an unknown browser"
