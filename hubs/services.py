"""Writes on regions, hubs and role grants."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction
from guardian.shortcuts import assign_perm, remove_perm

from hubs.access import forget_scope
from hubs.models import LocalAuthority, Region, TrainingPartner
from hubs.roles import PERMISSION_OF_ROLE, Role

if TYPE_CHECKING:
    from accounts.models import User

NATIONAL_GROUP = "National network team"
# The tenancy grants roles on feature apps' rows without importing them (DESIGN: one direction).
_PROVIDER, _RECRUIT = "providers.Provider", "recruits.Recruit"

# The recruit role is a link on the recruit's own row, which only recruits/ writes (one writer per
# table): `RecruitsConfig.ready()` registers the services that link and unlink an account.
AccountLink = Callable[..., Any]
_recruit_account: dict[str, AccountLink] = {}


def register_recruit_account(*, link: AccountLink, unlink: AccountLink) -> None:
    """`link(user=, recruit=)` and `unlink(user=, recruit=)`, called for the recruit role."""
    _recruit_account.update(link=link, unlink=unlink)


def region_role_group(*, region: Region, role: Role) -> Group:
    """The one group per region-and-role that carries the guardian grant on the region."""
    group, created = Group.objects.get_or_create(name=f"{region.name} · {role.label}")
    if created:
        assign_perm(PERMISSION_OF_ROLE[role], group, region)
    return group


def national_group() -> Group:
    group, created = Group.objects.get_or_create(name=NATIONAL_GROUP)
    if created:
        group.permissions.add(Permission.objects.get(codename="act_as_national", content_type__app_label="hubs"))
    return group


@transaction.atomic
def role_grant(*, user: User, role: Role, scope_object: models.Model | None) -> None:
    """Give `user` the `role` on `scope_object` (a Region, LocalAuthority, Provider or Recruit)."""
    role = Role(role)
    if role == Role.NATIONAL:
        user.groups.add(national_group())
    elif role in (Role.LEAD, Role.HUB_STAFF, Role.ADASS):
        assert isinstance(scope_object, Region)
        user.groups.add(region_role_group(region=scope_object, role=role))
    elif role == Role.COUNCIL:
        assert isinstance(scope_object, LocalAuthority)
        assign_perm(PERMISSION_OF_ROLE[role], user, scope_object)
    elif role in (Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF):
        assert scope_object is not None and scope_object._meta.label == _PROVIDER
        assign_perm(PERMISSION_OF_ROLE[role], user, scope_object)
    elif role == Role.PARTNER:
        assert isinstance(scope_object, TrainingPartner)
        assign_perm(PERMISSION_OF_ROLE[role], user, scope_object)
    elif role == Role.RECRUIT:
        assert scope_object is not None and scope_object._meta.label == _RECRUIT
        _recruit_account["link"](user=user, recruit=scope_object)
    forget_scope(user)


@transaction.atomic
def role_revoke(*, user: User, role: Role, scope_object: models.Model | None) -> None:
    role = Role(role)
    if role == Role.NATIONAL:
        user.groups.remove(national_group())
    elif role in (Role.LEAD, Role.HUB_STAFF, Role.ADASS):
        assert isinstance(scope_object, Region)
        user.groups.remove(region_role_group(region=scope_object, role=role))
    elif role == Role.RECRUIT:
        assert scope_object is not None and scope_object._meta.label == _RECRUIT
        _recruit_account["unlink"](user=user, recruit=scope_object)
    else:
        assert scope_object is not None
        remove_perm(PERMISSION_OF_ROLE[role], user, scope_object)
    forget_scope(user)


# -- training partners -----------------------------------------------------------------------------

PARTNER_FIELDS = ("name", "kind", "contact_name", "contact_email")


def _partner_name_free(*, region: Region, name: str, partner: TrainingPartner | None = None) -> None:
    others = TrainingPartner.objects.filter(region=region, name__iexact=name)
    if partner is not None:
        others = others.exclude(pk=partner.pk)
    if others.exists():
        raise ValidationError(
            {"name": f"{region.name} already has a training partner called {name}. Use another name."}
        )


@transaction.atomic
def training_partner_create(*, actor: User, region: Region, data: dict[str, Any]) -> TrainingPartner:
    """A lead adds a college, university, NHS trust or the hub itself as a training partner of the region."""
    name = str(data["name"]).strip()
    _partner_name_free(region=region, name=name)
    return TrainingPartner.objects.create(
        region=region, **{field: data.get(field, "") for field in PARTNER_FIELDS if field != "name"}, name=name
    )


@transaction.atomic
def training_partner_update(*, actor: User, partner: TrainingPartner, data: dict[str, Any]) -> TrainingPartner:
    name = str(data["name"]).strip()
    _partner_name_free(region=partner.region, name=name, partner=partner)
    for field in PARTNER_FIELDS:
        setattr(partner, field, name if field == "name" else data.get(field, ""))
    partner.save()
    return partner
