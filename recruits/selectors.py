"""Reads about recruits, always given the acting user: the list, its filters, a record's tabs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import pycountry
from django.core.cache import cache
from django.db.models import Q, QuerySet

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Hub, Region
from providers.access import provider_recruits_managed_by
from providers.models import Provider
from recruits import leave
from recruits.access import recruits_visible_to
from recruits.models import Employment, Flag, Recruit, RecruitStatus, StatusChange

PAGE_SIZE = 50
VISA_WINDOWS = (30, 60, 90)
# GOV.UK tag colour of each status: a glance at the list tells who needs the hub.
STATUS_TAGS = {
    RecruitStatus.ARRIVING: "govuk-tag--blue",
    RecruitStatus.EMPLOYED: "govuk-tag--green",
    RecruitStatus.AT_RISK: "govuk-tag--orange",
    RecruitStatus.DISPLACED: "govuk-tag--red",
    RecruitStatus.REMATCHED: "govuk-tag--purple",
    RecruitStatus.LEFT: "govuk-tag--grey",
}
ANY_FLAG = "any"
NATIONALITIES_CACHED_FOR = 5 * 60  # seconds; see recruit_filter_nationalities
# Fields whose change the history tab does not list: bookkeeping, not facts about the person.
_UNLISTED_CHANGES = {"updated_at", "created_at"}
_CHANGE_NAMES = {"flags": "Code of Practice flags", "provider": "Current employer", "user": "Portal account"}


def country_name(code: str) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166 country, sorted by the name people know it by."""
    return sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda pair: pair[1])


# The countries most recruits come from (DOMAIN.md's main source countries and the demo data), offered
# first on the registration form so most people never scroll a 250-country list.
COMMON_NATIONALITIES = ["IN", "NG", "ZW", "PH", "GH", "KE", "LK", "NP", "ZA", "BD", "PK", "ZM"]


def nationality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The country list in two groups: "Common" (in the order above), then every other country."""
    names = dict(country_choices())
    common = [(code, names[code]) for code in COMMON_NATIONALITIES]
    return [
        ("Common", common),
        ("All countries", [(code, name) for code, name in names.items() if code not in COMMON_NATIONALITIES]),
    ]


def status_tag(status: str) -> str:
    return STATUS_TAGS.get(RecruitStatus(status), "govuk-tag--grey")


def days_left_text(when: date | None, *, today: date) -> str:
    """ "12 days left", "today", "expired 3 days ago" for a deadline; empty without one."""
    if when is None:
        return ""
    days = (when - today).days
    if days == 0:
        return "today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return f"expired {-days} day{'s' if days != -1 else ''} ago"


def may_list_recruits(user: Any) -> bool:
    """The hub team and provider people work with recruit lists; councils and national never do."""
    scope = scope_for(user)
    return bool(scope.hub_regions or scope.providers)


# -- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecruitFilters:
    search: str = ""
    status: str = ""
    provider: UUID | None = None
    nationality: str = ""
    flag: str = ""
    visa_within_days: int | None = None

    @property
    def active(self) -> bool:
        return any([self.search, self.status, self.provider, self.nationality, self.flag, self.visa_within_days])


@dataclass(frozen=True)
class RecruitRow:
    recruit: Recruit
    nationality: str
    status_tag: str
    visa_days_left: int | None
    visa_left: str
    flag_labels: list[str]
    leave_left: str = ""  # the worker's clock, for displaced workers and those with a UKVI letter
    leave_urgent: bool = False


@dataclass
class RecruitPage:
    rows: list[RecruitRow]
    total: int
    next_cursor: UUID | None = None
    previous_cursor: UUID | None = None
    is_first: bool = True
    filters: RecruitFilters = field(default_factory=RecruitFilters)


def _filtered(user: Any, filters: RecruitFilters, *, today: date) -> QuerySet[Recruit]:
    recruits = recruits_visible_to(user)
    for term in filters.search.split()[:5]:
        recruits = recruits.filter(Q(given_names__icontains=term) | Q(family_name__icontains=term))
    if filters.status:
        recruits = recruits.filter(status=filters.status)
    if filters.provider and scope_for(user).hub_regions:
        recruits = recruits.filter(provider__public_id=filters.provider)
    if filters.nationality:
        recruits = recruits.filter(nationality=filters.nationality.upper())
    if filters.flag == ANY_FLAG:
        recruits = recruits.exclude(flags=[])
    elif filters.flag:
        recruits = recruits.filter(flags__contains=[filters.flag])
    if filters.visa_within_days:
        until = today + timedelta(days=filters.visa_within_days)
        recruits = recruits.filter(visa_expiry__gte=today, visa_expiry__lte=until)
    return recruits


def _after(key: Mapping[str, Any]) -> Q:
    """Rows after `key` in (family name, given names, id) order. The leading `gte` lets the
    (region, family_name, given_names, id) index seek straight to the cursor's family name."""
    family, given, pk = key["family_name"], key["given_names"], key["id"]
    return Q(family_name__gte=family) & (
        Q(family_name__gt=family)
        | Q(family_name=family, given_names__gt=given)
        | Q(family_name=family, given_names=given, id__gt=pk)
    )


def _before(key: Mapping[str, Any]) -> Q:
    family, given, pk = key["family_name"], key["given_names"], key["id"]
    return Q(family_name__lte=family) & (
        Q(family_name__lt=family)
        | Q(family_name=family, given_names__lt=given)
        | Q(family_name=family, given_names=given, id__lt=pk)
    )


def recruit_list(
    *,
    user: Any,
    filters: RecruitFilters,
    after: UUID | None = None,
    before: UUID | None = None,
    page_size: int = PAGE_SIZE,
    today: date | None = None,
) -> RecruitPage:
    """One page of the recruits `user` may see, by keyset: the cursor is a recruit's public id.

    A cursor the user cannot see (or that no longer matches) starts again from the first page.
    """
    today = today or date.today()
    recruits = _filtered(user, filters, today=today)
    total = recruits.count()
    cursor_id = after or before
    key = recruits.filter(public_id=cursor_id).values("family_name", "given_names", "id").first() if cursor_id else None
    rows = recruits.select_related("provider")
    if key and before:
        found = list(rows.filter(_before(key)).order_by("-family_name", "-given_names", "-id")[: page_size + 1])
        more_before = len(found) > page_size
        page = list(reversed(found[:page_size]))
        next_cursor = page[-1].public_id if page else None
        previous_cursor = page[0].public_id if page and more_before else None
        is_first = not more_before
    else:
        if key:
            rows = rows.filter(_after(key))
        found = list(rows.order_by("family_name", "given_names", "id")[: page_size + 1])
        page = found[:page_size]
        next_cursor = page[-1].public_id if len(found) > page_size else None
        previous_cursor = page[0].public_id if key and page else None
        is_first = key is None
    return RecruitPage(
        rows=[_row(recruit, today) for recruit in page],
        total=total,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
        is_first=is_first,
        filters=filters,
    )


def leave_clock_text(recruit: Recruit, today: date) -> tuple[str, bool]:
    """ "Leave ends: 12 days left" for a worker whose leave is (or may be) curtailed; else empty."""
    if recruit.curtailment_letter_date is None and recruit.status != RecruitStatus.DISPLACED:
        return "", False
    clock = leave.clock_for(letter_date=recruit.curtailment_letter_date, visa_expiry=recruit.visa_expiry)
    days = clock.days_left(today)
    text = leave.days_left_text(days) + (" (awaiting letter)" if recruit.curtailment_letter_date is None else "")
    return text, days is not None and days <= 30


def _row(recruit: Recruit, today: date) -> RecruitRow:
    leave_left, leave_urgent = leave_clock_text(recruit, today)
    return RecruitRow(
        leave_left=leave_left,
        leave_urgent=leave_urgent,
        recruit=recruit,
        nationality=country_name(recruit.nationality),
        status_tag=status_tag(recruit.status),
        visa_days_left=(recruit.visa_expiry - today).days if recruit.visa_expiry else None,
        visa_left=days_left_text(recruit.visa_expiry, today=today),
        flag_labels=recruit.get_flags_display(),
    )


def recruit_filter_providers(*, user: Any) -> list[tuple[str, str]]:
    """(public id, name) of the providers a hub team member may filter by; none for provider roles."""
    if not scope_for(user).hub_regions:
        return []
    providers = provider_recruits_managed_by(user).filter(region_id__in=scope_for(user).hub_regions)
    return [(str(pid), name) for pid, name in providers.order_by("name", "id").values_list("public_id", "name")]


def recruit_filter_nationalities(*, user: Any) -> list[tuple[str, str]]:
    """The nationalities present among the recruits the user may see, by country name.

    A hub team's menu is read from the shared cache, kept per set of regions for five minutes:
    finding it means a DISTINCT over every recruit of the region (22,000 rows at national scale)
    on every request of the list. So a nationality new to the region shows in the menu within
    five minutes (until then, choosing it from a link is ignored like any unknown value); the list
    itself is always live. A provider's people, whose recruits are few, read theirs live.
    """
    scope = scope_for(user)
    if not scope.hub_regions:
        return _named_countries(_nationality_codes(recruits_visible_to(user)))
    regions = ",".join(str(region) for region in sorted(scope.hub_regions))
    codes: set[str] = (
        cache.get_or_set(
            f"recruit-nationalities:{regions}",
            lambda: _nationality_codes(Recruit.objects.filter(region_id__in=scope.hub_regions)),
            timeout=NATIONALITIES_CACHED_FOR,
        )
        or set()
    )
    if scope.providers or scope.recruit_id is not None:  # rare: also a provider's member elsewhere
        codes = codes | _nationality_codes(recruits_visible_to(user).exclude(region_id__in=scope.hub_regions))
    return _named_countries(codes)


def _nationality_codes(recruits: QuerySet[Recruit]) -> set[str]:
    return set(recruits.exclude(nationality="").order_by().values_list("nationality", flat=True).distinct())


def _named_countries(codes: set[str]) -> list[tuple[str, str]]:
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


FLAG_CHOICES = [(ANY_FLAG, "Any Code of Practice flag"), *Flag.choices]


# -- one record -------------------------------------------------------------------------------


def recruit_employments(*, recruit: Recruit) -> list[Employment]:
    return list(recruit.employments.select_related("provider"))


def recruit_status_changes(*, recruit: Recruit) -> list[StatusChange]:
    return list(recruit.status_changes.select_related("actor"))


def recruit_new_employer_choices(*, user: Any, recruit: Recruit) -> QuerySet[Provider]:
    """Where a rematched recruit may start: providers of the recruit's region the user manages."""
    return provider_recruits_managed_by(user).filter(region_id=recruit.region_id).order_by("name")


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    label: str
    actor: str
    changed: list[str]


def recruit_history(*, recruit: Recruit, limit: int = 50) -> list[HistoryEntry]:
    """The record's audit trail, newest first: when, who, and the names of the fields that changed.

    Only field names are listed, never values: old passport or DBS details stay out of the page.
    One event more than shown is read, so that the oldest shown can be compared with its predecessor.
    """
    event_model = Recruit.pgh_event_model  # type: ignore[attr-defined]
    snapshot = {f.name for f in event_model._meta.concrete_fields}
    tracked = [f for f in Recruit._meta.concrete_fields if f.name in snapshot and f.name not in _UNLISTED_CHANGES]
    events = list(
        event_model.objects.filter(pgh_obj_id=recruit.pk).select_related("pgh_context").order_by("-pgh_id")[: limit + 1]
    )
    actor_ids = {actor_id for event in events if (actor_id := _actor_id(event)) is not None}
    actors = {
        pk: name or email
        for pk, name, email in User.objects.filter(pk__in=actor_ids).values_list("pk", "name", "email")
    }
    entries = []
    for index, event in enumerate(events[:limit]):
        previous = events[index + 1] if index + 1 < len(events) else None
        if previous is None and len(events) > limit:
            continue
        if previous is None:
            changed = ["Record created" if event.pgh_label == "insert" else "Tracking started"]
        else:
            changed = [_change_name(f) for f in tracked if getattr(event, f.attname) != getattr(previous, f.attname)]
        if previous is not None and not changed:
            continue
        actor_id = _actor_id(event)
        entries.append(
            HistoryEntry(
                at=event.pgh_created_at,
                label=event.pgh_label,
                actor=actors.get(actor_id, "The system") if actor_id else "The system",
                changed=changed,
            )
        )
    return entries


def _change_name(field: Any) -> str:
    name = _CHANGE_NAMES.get(field.name) or str(field.verbose_name)
    return name[:1].upper() + name[1:]


def _actor_id(event: Any) -> int | None:
    context = event.pgh_context
    if context is None:
        return None
    user = context.metadata.get("user")
    return int(user) if isinstance(user, int | str) and str(user).isdigit() else None


def _hub_name_of_region(region_id: int) -> str:
    names = list(Hub.objects.filter(region_id=region_id).order_by("name").values_list("name", flat=True)[:2])
    if len(names) == 1:
        return names[0]
    return Region.objects.filter(pk=region_id).values_list("name", flat=True).first() or "another hub"


@dataclass(frozen=True)
class Duplicate:
    """A likely record of the same person in another region: only the hub's name is shown."""

    hub_name: str
    region_id: int
    recruit_id: int


def cross_region_duplicates(*, recruit: Recruit) -> list[Duplicate]:
    """Records in other regions with the same date of birth and passport number, or the same CoS reference."""
    same = Q(pk__in=[])
    if recruit.passport_number and recruit.date_of_birth:
        same |= Q(passport_number=recruit.passport_number, date_of_birth=recruit.date_of_birth)
    if recruit.cos_reference:
        same |= Q(cos_reference=recruit.cos_reference)
    others = (
        Recruit.objects.filter(same)
        .exclude(region_id=recruit.region_id)
        .exclude(status=RecruitStatus.LEFT)
        .values_list("pk", "region_id")[:5]
    )
    return [Duplicate(_hub_name_of_region(region_id), region_id, pk) for pk, region_id in others]
