"""Can this provider sponsor a displaced worker now? A service that answers in words.

A new sponsor must hold an active licence, be A-rated, be outside a revocation cooling-off
period (12 months after a revocation; 24 if a licence of theirs was revoked before that one;
figures in portal/data/policy_figures.csv) and have a CQC location. The revocations come
from the provider's `LicenceChange` history, so a provider that was revoked and later licensed
again is still refused until the cooling-off period ends.

Apps above providers add checks of their own without providers importing them: compliance adds
the public sponsor register's word (a provider the register no longer lists, or shows B-rated,
waits for the lead to check the alert). Each registers, from its `AppConfig.ready()`, an
`EligibilitySource`: annotations on the provider query and a function turning a row's values
into a `Check`, so many providers are still answered in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.utils import timezone

from portal.dates import add_months
from portal.policy import policy_value
from providers.models import LicenceRating, LicenceStatus, Provider


def cooling_off_months(*, repeat: bool, on: dt.date) -> int:
    """The cooling-off period in force on the day the licence was revoked."""
    return policy_value("cooling_off_months_repeat" if repeat else "cooling_off_months", on=on)


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    text: str
    until: dt.date | None = None  # the day a failed check stops failing on its own, where there is one


@dataclass(frozen=True)
class Eligibility:
    provider: Provider
    checks: list[Check]

    @property
    def eligible(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def reasons(self) -> list[str]:
        """Why the provider cannot sponsor, one sentence per failed check."""
        return [check.text for check in self.checks if not check.ok]

    @property
    def until(self) -> dt.date | None:
        """The day the provider can sponsor again without anyone acting: only when every failed check
        ends on a known day (a cooling-off period), the latest of those days."""
        failed = [check for check in self.checks if not check.ok]
        if not failed or any(check.until is None for check in failed):
            return None
        return max(check.until for check in failed if check.until is not None)

    @property
    def headline(self) -> str:
        """The answer as a lead reads it: can it sponsor new workers, and if not, until when and why."""
        if self.eligible:
            return "Can sponsor new workers."
        until = self.until
        opening = f"Cannot sponsor new workers until {until:%-d %B %Y}." if until else "Cannot sponsor new workers."
        return f"{opening} " + " ".join(self.reasons)

    @property
    def summary(self) -> str:
        if self.eligible:
            return f"{self.provider.name} can sponsor a displaced worker."
        return f"{self.provider.name} cannot sponsor a displaced worker now: " + " ".join(self.reasons)


def _cooling_off(revocations: list[dt.date], on: dt.date) -> Check:
    label = "No revocation cooling-off"
    past = sorted(day for day in revocations if day <= on)
    if not past:
        return Check(label, True, "Its licence has never been revoked.")
    last, repeat = past[-1], len(past) > 1
    months = cooling_off_months(repeat=repeat, on=last)
    until = add_months(last, months)
    if on < until:
        before = " (its licence was revoked before)" if repeat else ""
        return Check(
            label,
            False,
            f"Its licence was revoked on {last:%-d %B %Y}{before}: it is in a {months}-month cooling-off period "
            f"until {until:%-d %B %Y}.",
            until,
        )
    return Check(label, True, f"Its last revocation ({last:%-d %B %Y}) is more than {months} months ago.")


@dataclass(frozen=True)
class EligibilitySource:
    """A check an app above providers adds: `annotations()` are added to the provider query (built
    for each query), `check(values, on)` reads them back (None when the check has nothing to say;
    the values lack the annotations for a provider not saved yet)."""

    annotations: Callable[[], Mapping[str, Any]]
    check: Callable[[Mapping[str, Any], dt.date], Check | None]


_sources: list[EligibilitySource] = []


def register_eligibility_source(source: EligibilitySource) -> None:
    if source not in _sources:
        _sources.append(source)


def _checks(provider: Provider, revocations: list[dt.date], on: dt.date) -> list[Check]:
    status = LicenceStatus(provider.licence_status)
    return [
        Check(
            "Licence active",
            status == LicenceStatus.ACTIVE,
            "Its sponsor licence is active."
            if status == LicenceStatus.ACTIVE
            else f"Its sponsor licence is {status.label.lower()}.",
        ),
        Check(
            "A-rated",
            provider.licence_rating == LicenceRating.A,
            "Its licence is A-rated."
            if provider.licence_rating == LicenceRating.A
            else "It is B-rated: a B-rated sponsor cannot assign new certificates of sponsorship.",
        ),
        _cooling_off(revocations, on),
        Check(
            "CQC location",
            bool(provider.cqc_location_id),
            f"Its CQC location is {provider.cqc_location_id}."
            if provider.cqc_location_id
            else "No CQC location ID is recorded for it.",
        ),
    ]


def _history_of(provider_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Each provider's revocation dates and the registered sources' values, in one query."""
    annotations: dict[str, Any] = {}
    for source in _sources:
        annotations |= source.annotations()
    revoked = Q(licence_changes__status=LicenceStatus.REVOKED)
    rows = (
        Provider.objects.filter(pk__in=list(provider_ids))
        .annotate(revocations=ArrayAgg("licence_changes__effective_on", filter=revoked, default=[]), **annotations)
        .values("pk", "revocations", *annotations)
    )
    return {row["pk"]: row for row in rows}


def _eligibility(provider: Provider, row: Mapping[str, Any] | None, on: dt.date) -> Eligibility:
    row = row or {"revocations": []}
    checks = _checks(provider, [day for day in row["revocations"] if day is not None], on)
    for source in _sources:
        extra = source.check(row, on)
        if extra is not None:
            checks.append(extra)
    return Eligibility(provider, checks)


def sponsor_eligibility(*, provider: Provider, on: dt.date | None = None) -> Eligibility:
    on = on or timezone.localdate()
    return _eligibility(provider, _history_of([provider.pk]).get(provider.pk), on)


def sponsor_eligibility_many(*, providers: list[Provider], on: dt.date | None = None) -> dict[int, Eligibility]:
    """The eligibility of many providers in one query of their licence history (and what the
    registered sources add)."""
    on = on or timezone.localdate()
    history = _history_of(p.pk for p in providers)
    return {p.pk: _eligibility(p, history.get(p.pk), on) for p in providers}
