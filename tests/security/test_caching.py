"""Every page a signed-in user gets says `Cache-Control: no-store`.

The sweep walks every route of the resolver as a signed-in user: id routes with the object their
isolation case builds (tests/security/test_isolation.py CASES) and an allowed user, token
routes with a made-up token, the rest as each kind of user. A new id route with no isolation
case fails here as it fails the isolation sweep.
"""

from __future__ import annotations

import re
import uuid

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.conftest import Cast, login_fresh
from tests.factories import UserFactory
from tests.security.test_isolation import CASES, TOKEN_ROUTES, _is_admin
from tests.security.urls import Route, all_routes

# Routes without an id are requested as each of these: hub team, provider, recruit.
USERS_FOR_PLAIN_ROUTES = ["lead_a", "provider_admin_a", "recruit_user_a"]

_CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>|\(\?P<(?P<regex_name>\w+)>")


def _made_up_kwargs(route: str) -> dict[str, object]:
    kwargs: dict[str, object] = {}
    for match in _CONVERTER.finditer(route):
        if match["regex_name"]:
            kwargs[match["regex_name"]] = "abc1"
        elif match["kind"] == "uuid":
            kwargs[match["name"]] = uuid.uuid4()
        elif match["kind"] == "int":
            kwargs[match["name"]] = 1
        else:
            kwargs[match["name"]] = "abc1"
    return kwargs


def _requests(route: Route, cast: Cast) -> list[tuple[object, str]]:
    """(user, url) pairs to try for `route`."""
    assert route.name, f"unnamed route {route.route}"
    if route.takes_id and route.name in CASES:
        build, allowed, _outsiders = CASES[route.name]
        kwargs = build(cast)  # first: a builder may add users to the cast (the partner users)
        user = getattr(cast, allowed[0]) if allowed else cast.lead_a
        return [(user, reverse(route.name, kwargs=kwargs))]
    if route.takes_id:
        assert route.name in TOKEN_ROUTES, f"{route.name}: {route.route} has no isolation case"
        return [(cast.lead_a, reverse(route.name, kwargs=_made_up_kwargs(route.route)))]
    return [(getattr(cast, attr), reverse(route.name)) for attr in USERS_FOR_PLAIN_ROUTES]


def _is_sign_in_redirect(response) -> bool:
    return response.status_code in (301, 302) and response["Location"].startswith(reverse("account_login"))


def _portal_routes() -> list[Route]:
    return [route for route in all_routes() if not _is_admin(route.route)]


@pytest.mark.parametrize("route", _portal_routes(), ids=lambda route: route.name or route.route)
def test_every_signed_in_page_says_no_store(route: Route, cast: Cast, client) -> None:
    for user, url in _requests(route, cast):
        login_fresh(client, user)
        response = client.get(url)
        if _is_sign_in_redirect(response):
            continue
        assert "no-store" in response.get("Cache-Control", ""), (
            f"{user} GET {url} gave {response.status_code} with Cache-Control {response.get('Cache-Control')!r}"
        )


def test_the_admin_says_no_store(cast: Cast, client) -> None:
    admin = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    for path in ["/admin/", "/admin/recruits/recruit/", f"/admin/recruits/recruit/{cast.recruit_a.pk}/change/"]:
        response = client.get(path)
        assert response.status_code == 200 and "no-store" in response.get("Cache-Control", ""), path


def test_a_stricter_header_of_a_view_is_kept(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.get(reverse("healthz"))
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_signed_out_answers_are_left_alone(client) -> None:
    response = client.get(reverse("recruit_list"))
    assert _is_sign_in_redirect(response) and "Cache-Control" not in response
