"""The fixed cast every test starts from.

Region A is the West Midlands, region B the North West. Each MFA role has a TOTP device, so
the MFA middleware lets them through when a test uses `client.force_login`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from accounts.models import User
from hubs.models import Hub, LocalAuthority, Region
from hubs.roles import Role
from providers.models import Provider
from recruits.models import Recruit
from tests.factories import HubFactory, ProviderFactory, RecruitFactory, council_in, region, user_with_role


@dataclass
class Cast:
    region_a: Region
    region_b: Region
    hub_a: Hub
    hub_b: Hub
    council_a: LocalAuthority
    council_b: LocalAuthority
    provider_a: Provider
    provider_b: Provider
    recruit_a: Recruit
    recruit_b: Recruit
    lead_a: User
    lead_b: User
    staff_a: User
    staff_b: User
    council_officer_a: User
    council_officer_b: User
    provider_admin_a: User
    provider_admin_b: User
    provider_staff_a: User
    recruit_user_a: User
    recruit_user_b: User
    national: User
    adass_a: User
    adass_b: User


@pytest.fixture
def cast(db: None) -> Cast:
    region_a, region_b = region("E12000005"), region("E12000002")
    council_a, council_b = council_in(region_a), council_in(region_b)
    provider_a = ProviderFactory(region=region_a, local_authority=council_a, name="Alpha Care Ltd")
    provider_b = ProviderFactory(region=region_b, local_authority=council_b, name="Beta Care Ltd")
    recruit_a = RecruitFactory(provider=provider_a, given_names="Ada", family_name="Adeyemi")
    recruit_b = RecruitFactory(provider=provider_b, given_names="Bola", family_name="Bankole")
    return Cast(
        region_a=region_a,
        region_b=region_b,
        hub_a=HubFactory(region=region_a, name="Alpha Hub"),
        hub_b=HubFactory(region=region_b, name="Beta Hub"),
        council_a=council_a,
        council_b=council_b,
        provider_a=provider_a,
        provider_b=provider_b,
        recruit_a=recruit_a,
        recruit_b=recruit_b,
        lead_a=user_with_role(Role.LEAD, region_a, email="lead.a@portal.test"),
        lead_b=user_with_role(Role.LEAD, region_b, email="lead.b@portal.test"),
        staff_a=user_with_role(Role.HUB_STAFF, region_a, email="staff.a@portal.test"),
        staff_b=user_with_role(Role.HUB_STAFF, region_b, email="staff.b@portal.test"),
        council_officer_a=user_with_role(Role.COUNCIL, council_a, email="council.a@portal.test"),
        council_officer_b=user_with_role(Role.COUNCIL, council_b, email="council.b@portal.test"),
        provider_admin_a=user_with_role(Role.PROVIDER_ADMIN, provider_a, email="admin.a@portal.test"),
        provider_admin_b=user_with_role(Role.PROVIDER_ADMIN, provider_b, email="admin.b@portal.test"),
        provider_staff_a=user_with_role(Role.PROVIDER_STAFF, provider_a, email="pstaff.a@portal.test"),
        recruit_user_a=user_with_role(Role.RECRUIT, recruit_a, email="ada@people.test"),
        recruit_user_b=user_with_role(Role.RECRUIT, recruit_b, email="bola@people.test"),
        national=user_with_role(Role.NATIONAL, None, email="national@portal.test"),
        adass_a=user_with_role(Role.ADASS, region_a, email="adass.a@portal.test"),
        adass_b=user_with_role(Role.ADASS, region_b, email="adass.b@portal.test"),
    )


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections(django_db_setup, django_db_blocker):
    """Let the test database be dropped at the end: worker threads and subprocesses of the Celery
    tests may leave sessions open, and PostgreSQL refuses to drop a database in use."""
    yield
    from django.db import OperationalError, connection

    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    except OperationalError:  # a run with no database test: nothing was opened
        pass


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path) -> None:
    """Uploaded documents go to a throwaway folder, never var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(settings) -> None:
    """Rate limits and used TOTP codes live in the cache: each test gets its own key space.

    A unique key prefix (rather than FLUSHDB) keeps parallel runs and a running dev server
    on the same Redis out of each other's way; the keys expire on their own.
    """
    cache_settings = dict(settings.CACHES["default"])
    cache_settings["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "default": cache_settings}


def login_fresh(client, user: User) -> None:
    """Log in as if the user had just typed their password (allauth asks again after a while)."""
    import time

    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


@pytest.fixture
def latest_migrations_after() -> Iterator[None]:
    """For the tests that migrate backwards (tests/migrating.py): every app back on its last migration."""
    yield
    from tests.migrating import migrate_to_latest

    migrate_to_latest()


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server", "django_db_serialized_rollback"} & set(fixtures)
    )


def _restores_data(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    return "django_db_serialized_rollback" in fixtures or bool(marker and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Among the transactional tests (run last, as Django runs them), those that restore the
    serialized data (the browser journeys, the migration tests) run before those that do not.

    A transactional test without it leaves the database emptied and then refilled by post_migrate,
    which gives the content types new ids; restoring the serialized data after that clashes with
    them (duplicate key on django_content_type). Putting the restoring tests first keeps every
    flush before them inhibited, so each finds the database as the migrations left it.
    """
    items.sort(key=lambda item: (2 if _restores_data(item) else 3) if _transactional(item) else 0)


@pytest.fixture
def n_plus_one_guard() -> Iterator[None]:
    """Opt-in N+1 guard (tests/performance/n_plus_one.py): a lazy load from one row of a list raises."""
    from tests.performance.n_plus_one import guard_n_plus_one

    with guard_n_plus_one():
        yield


@pytest.fixture(autouse=True)
def _n_plus_one_guard_everywhere() -> Iterator[None]:
    """With PORTAL_N_PLUS_ONE_GUARD=1 every test runs under the N+1 guard (not yet the default)."""
    import os

    if os.environ.get("PORTAL_N_PLUS_ONE_GUARD") != "1":
        yield
        return
    from tests.performance.n_plus_one import guard_n_plus_one

    with guard_n_plus_one():
        yield
