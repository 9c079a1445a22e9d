"""factory_boy factories for the tenancy models."""

from __future__ import annotations

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings

from accounts.models import User
from hubs.models import Hub, LocalAuthority, Region
from hubs.roles import Role
from hubs.services import role_grant
from providers.models import Provider
from recruits.models import Recruit

TEST_PASSWORD = "correct-horse-battery-9"


def region(code: str) -> Region:
    """Regions come from the data migration; tests look them up by ONS code."""
    return Region.objects.get(code=code)


def council_in(region: Region) -> LocalAuthority:
    return region.local_authorities.order_by("ons_code").first()  # type: ignore[return-value]


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    region = factory.LazyFunction(lambda: region("E12000005"))
    name = factory.Sequence(lambda n: f"Test hub {n}")
    short_name = factory.Sequence(lambda n: f"Hub {n}")
    mailbox = factory.Sequence(lambda n: f"hub{n}@hubs.test")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    region = factory.LazyFunction(lambda: region("E12000005"))
    name = factory.Sequence(lambda n: f"Care Provider {n} Ltd")
    local_authority = factory.LazyAttribute(lambda o: council_in(o.region))
    cqc_location_id = factory.Sequence(lambda n: f"1-{1000000000 + n}")


class RecruitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recruit

    provider = factory.SubFactory(ProviderFactory)
    region = factory.LazyAttribute(lambda o: o.provider.region)
    given_names = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    email = factory.Sequence(lambda n: f"recruit{n}@people.test")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@portal.test")
    name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: Role, scope_object: object = None, *, mfa: bool = True, **kwargs: object) -> User:
    """A user holding `role` on `scope_object`; MFA roles get a TOTP device unless mfa=False."""
    user = UserFactory(**kwargs)
    role_grant(user=user, role=role, scope_object=scope_object)  # type: ignore[arg-type]
    if mfa and role in settings.MFA_REQUIRED_ROLES:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        user.totp_secret = secret  # type: ignore[attr-defined]
    return user
