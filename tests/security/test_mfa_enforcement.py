"""Users of MFA roles without a second factor reach nothing but MFA set-up and sign-out."""

from __future__ import annotations

import re
import uuid

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from accounts.middleware import ALLOWED_PREFIXES
from hubs.models import PartnerKind, TrainingPartner
from hubs.roles import Role
from tests.conftest import Cast
from tests.factories import user_with_role
from tests.security.urls import all_routes

_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>")
_DUMMY = {"uuid": uuid.UUID(int=1), "int": 1, "path": "x", "str": "x", "slug": "x"}


def _kwargs_for(route: str) -> dict[str, object]:
    kwargs: dict[str, object] = {}
    for match in _PARAM.finditer(route):
        if match.group("rname"):
            kwargs[match.group("rname")] = "abc"
        else:
            kwargs[match.group("name")] = _DUMMY[match.group("conv") or "str"]
    return kwargs


def _portal_paths() -> list[str]:
    paths = []
    for route in all_routes():
        if route.name is None:
            continue
        try:
            path = reverse(route.name, kwargs=_kwargs_for(route.route) or None)
        except NoReverseMatch:
            continue
        if not path.startswith(ALLOWED_PREFIXES):
            paths.append(path)
    return sorted(set(paths))


def test_the_sweep_covers_the_portal() -> None:
    paths = _portal_paths()
    assert "/" in paths and "/invitations/" in paths and "/admin/" in paths
    assert len(paths) > 20


def test_every_role_that_reads_other_peoples_records_needs_a_second_factor() -> None:
    """Only the roles that see their own records (a provider's staff, a recruit) may skip it."""
    assert set(Role) - {Role(role) for role in settings.MFA_REQUIRED_ROLES} == {
        Role.PROVIDER_ADMIN,
        Role.PROVIDER_STAFF,
        Role.RECRUIT,
    }


@pytest.mark.parametrize("role", [Role.LEAD, Role.HUB_STAFF, Role.COUNCIL, Role.NATIONAL, Role.ADASS, Role.PARTNER])
def test_mfa_roles_without_a_device_are_sent_to_mfa_setup(role: Role, cast: Cast, client) -> None:
    scope = {
        Role.LEAD: cast.region_a,
        Role.HUB_STAFF: cast.region_a,
        Role.COUNCIL: cast.council_a,
        Role.ADASS: cast.region_a,
        Role.PARTNER: TrainingPartner.objects.create(
            region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE
        ),
    }.get(role)
    user = user_with_role(role, scope, mfa=False)
    client.force_login(user)
    for path in _portal_paths():
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 302, f"{method.upper()} {path}: {response.status_code}"
            assert response["Location"] == reverse("mfa_index"), f"{path} → {response['Location']}"


def test_superusers_need_mfa_too(client, django_user_model) -> None:
    admin = django_user_model.objects.create_superuser("root@portal.test", "x-long-password-1")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")


def test_provider_and_recruit_roles_are_not_forced(cast: Cast, client) -> None:
    for user in (cast.provider_admin_a, cast.provider_staff_a, cast.recruit_user_a):
        client.force_login(user)
        assert client.get("/").status_code == 200


def test_a_user_with_totp_gets_through(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    assert client.get("/").status_code == 200


def test_mfa_setup_page_is_reachable_without_a_device(cast: Cast, client) -> None:
    user = user_with_role(Role.LEAD, cast.region_a, mfa=False)
    client.force_login(user)
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    assert "Set up an authenticator app" in response.content.decode()
