"""Rate limits key on the client's address; X-Forwarded-For is believed only as far as our own proxies."""

from __future__ import annotations

from django.test import RequestFactory

from portal.http import client_ip


def _request(forwarded: str = "", remote: str = "10.0.0.5"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_proxy_the_header_is_ignored(settings) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.9")) == "10.0.0.5"


def test_behind_one_proxy_the_entry_it_added_counts(settings) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("198.51.100.1, 203.0.113.9")) == "203.0.113.9", "the left entry is the client's invention"
    assert client_ip(_request()) == "10.0.0.5", "no header: the socket's address"


def test_behind_two_proxies_and_nonsense(settings) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("203.0.113.9, 10.1.1.1")) == "203.0.113.9"
    assert client_ip(_request("not-an-address, 10.1.1.1")) == "unknown"
