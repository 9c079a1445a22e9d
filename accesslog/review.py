"""The access review: who holds which role where, and whether they use a second factor.

A lead reviews their region's grants (the NHS Data Security and Protection Toolkit asks for a
regular review of who has access, and for evidence that accounts with wide access use MFA); the
national team reviews every region. The grants are stored by several apps (region roles and
councils here in hubs' tables, provider roles by providers, recruit accounts by recruits): each
registers a *source* that answers, for a set of regions, the rows of one role as
`(user_id, on, region_id)` values. This module imports no feature app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.fields import CharField, IntegerField

from hubs.models import (
    LocalAuthorityUserObjectPermission,
    Region,
    RegionGroupObjectPermission,
    TrainingPartnerUserObjectPermission,
)
from hubs.roles import PERMISSION_OF_ROLE, ROLE_PRECEDENCE, Role

PAGE_SIZE = 100

# A source answers the holders of its roles in `regions` (None: every region, for the national
# team) as a queryset of `user_id`, `on` (what the role is held on, for people) and `region_id`.
GrantSource = Callable[[frozenset[int] | None], dict[Role, QuerySet[Any]]]
_sources: list[GrantSource] = []


def register_grant_source(source: GrantSource) -> None:
    """Called from an app's `AppConfig.ready()` for the grants it stores."""
    if source not in _sources:
        _sources.append(source)


def _in_regions(rows: QuerySet[Any], lookup: str, regions: frozenset[int] | None) -> QuerySet[Any]:
    return rows if regions is None else rows.filter(**{f"{lookup}__in": regions})


def hub_grant_source(regions: frozenset[int] | None) -> dict[Role, QuerySet[Any]]:
    """Region roles (lead, hub staff, ADASS), council officers, training partners' people and, for the
    whole country, the national team."""
    holders: dict[Role, QuerySet[Any]] = {}
    for role in (Role.LEAD, Role.HUB_STAFF, Role.ADASS):
        rows = RegionGroupObjectPermission.objects.filter(
            permission__codename=PERMISSION_OF_ROLE[role], group__user__isnull=False
        )
        holders[role] = _in_regions(rows, "content_object_id", regions).values(
            user_id=F("group__user"), on=F("content_object__name"), region_id=F("content_object_id")
        )
    councils = LocalAuthorityUserObjectPermission.objects.filter(permission__codename=PERMISSION_OF_ROLE[Role.COUNCIL])
    holders[Role.COUNCIL] = _in_regions(councils, "content_object__region_id", regions).values(
        "user_id", on=F("content_object__council_name"), region_id=F("content_object__region_id")
    )
    partners = TrainingPartnerUserObjectPermission.objects.filter(permission__codename=PERMISSION_OF_ROLE[Role.PARTNER])
    holders[Role.PARTNER] = _in_regions(partners, "content_object__region_id", regions).values(
        "user_id", on=F("content_object__name"), region_id=F("content_object__region_id")
    )
    if regions is None:
        national = get_user_model().objects.filter(groups__permissions__codename="act_as_national")
        holders[Role.NATIONAL] = national.values(
            user_id=F("id"), on=Value("England", output_field=CharField()), region_id=Value(None, IntegerField())
        )
    return holders


@dataclass(frozen=True)
class Grant:
    role: Role
    on: str
    region: str


@dataclass
class Person:
    user: Any
    has_second_factor: bool
    grants: list[Grant] = field(default_factory=list)

    @property
    def needs_second_factor(self) -> bool:
        return any(grant.role in settings.MFA_REQUIRED_ROLES for grant in self.grants)


@dataclass(frozen=True)
class RoleCoverage:
    role: Role
    people: int
    with_second_factor: int
    required: bool

    @property
    def without_second_factor(self) -> int:
        return self.people - self.with_second_factor


@dataclass(frozen=True)
class ReviewFilter:
    role: Role | None = None
    without_second_factor: bool = False
    include_inactive: bool = False


def _holders(regions: frozenset[int] | None) -> dict[Role, QuerySet[Any]]:
    holders: dict[Role, QuerySet[Any]] = {}
    for source in _sources:
        holders.update(source(regions))
    return {role: holders[role] for role in ROLE_PRECEDENCE if role in holders}


def _second_factor() -> Exists:
    return Exists(
        Authenticator.objects.filter(
            user=OuterRef("pk"), type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        )
    )


def _people(holders: dict[Role, QuerySet[Any]], filters: ReviewFilter) -> QuerySet[Any]:
    chosen = [rows for role, rows in holders.items() if filters.role in (None, role)]
    if not chosen:
        return get_user_model().objects.none()
    holding = Q()
    for rows in chosen:
        holding |= Q(id__in=rows.values("user_id"))
    people = get_user_model().objects.filter(holding).annotate(has_second_factor=_second_factor())
    if not filters.include_inactive:
        people = people.filter(is_active=True)
    if filters.without_second_factor:
        people = people.filter(has_second_factor=False)
    return people


def coverage(regions: frozenset[int] | None) -> list[RoleCoverage]:
    """Per role: how many active people hold it and how many of them have a second factor."""
    report = []
    for role, rows in _holders(regions).items():
        people = get_user_model().objects.filter(id__in=rows.values("user_id"), is_active=True)
        figures = people.annotate(has_second_factor=_second_factor()).aggregate(
            people=Count("id"), with_second_factor=Count("id", filter=Q(has_second_factor=True))
        )
        report.append(
            RoleCoverage(role, figures["people"], figures["with_second_factor"], role in settings.MFA_REQUIRED_ROLES)
        )
    return report


def review_page(
    regions: frozenset[int] | None, filters: ReviewFilter, *, after: str | None = None, size: int = PAGE_SIZE
) -> tuple[list[Person], str | None]:
    """One page of people, by email address, each with every grant they hold in `regions`.
    The cursor is the last person's email address (people are listed by it, and it is unique)."""
    holders = _holders(regions)
    people = _people(holders, filters).order_by("email")
    if after:
        people = people.filter(email__gt=after)
    rows = list(people[: size + 1])
    page = [Person(user, user.has_second_factor) for user in rows[:size]]
    _attach_grants(page, holders, regions)
    return page, (page[-1].user.email if len(rows) > size else None)


def review_rows(regions: frozenset[int] | None, filters: ReviewFilter) -> Iterable[Person]:
    """Everyone (for the export), a page at a time."""
    after = None
    while True:
        page, after = review_page(regions, filters, after=after, size=500)
        yield from page
        if after is None:
            return


def _attach_grants(page: list[Person], holders: dict[Role, QuerySet[Any]], regions: frozenset[int] | None) -> None:
    if not page:
        return
    by_user = {person.user.pk: person for person in page}
    region_names = dict(Region.objects.values_list("id", "name"))
    for role, rows in holders.items():
        for row in rows.filter(user_id__in=by_user).order_by("on"):
            region = region_names.get(row["region_id"], "England")
            by_user[row["user_id"]].grants.append(Grant(role, row["on"], region))
