"""Can this provider sponsor a displaced worker now? A service that answers in words.

A new sponsor must hold an active licence, be A-rated, be outside a revocation cooling-off
period (12 months after a revocation; 24 if a licence of theirs was revoked before that one;
figures in portal/data/policy_figures.csv) and have a CQC location. The revocations come
from the provider's `LicenceChange` history, so a provider that was revoked and later licensed
again is still refused until the cooling-off period ends.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from portal.dates import add_months
from portal.policy import policy_value
from providers.models import LicenceChange, LicenceRating, LicenceStatus, Provider


def cooling_off_months(*, repeat: bool, on: dt.date) -> int:
    """The cooling-off period in force on the day the licence was revoked."""
    return policy_value("cooling_off_months_repeat" if repeat else "cooling_off_months", on=on)


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    text: str


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
    def summary(self) -> str:
        if self.eligible:
            return f"{self.provider.name} can sponsor a displaced worker."
        return f"{self.provider.name} cannot sponsor a displaced worker now: " + " ".join(self.reasons)


def _cooling_off(revocations: list[dt.date], on: dt.date) -> Check:
    label = "No revocation cooling-off"
    past = sorted(day for day in revocations if day <= on)
    if not past:
        return Check(label, True, "No revocation of its licence is on record.")
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
        )
    return Check(label, True, f"Its last revocation ({last:%-d %B %Y}) is more than {months} months ago.")


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
            "It is A-rated."
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


def _revocations_of(provider_ids: Iterable[int]) -> dict[int, list[dt.date]]:
    found: dict[int, list[dt.date]] = defaultdict(list)
    rows = LicenceChange.objects.filter(provider_id__in=list(provider_ids), status=LicenceStatus.REVOKED)
    for provider_id, day in rows.values_list("provider_id", "effective_on"):
        found[provider_id].append(day)
    return found


def sponsor_eligibility(*, provider: Provider, on: dt.date | None = None) -> Eligibility:
    on = on or timezone.localdate()
    return Eligibility(provider, _checks(provider, _revocations_of([provider.pk])[provider.pk], on))


def sponsor_eligibility_many(*, providers: list[Provider], on: dt.date | None = None) -> dict[int, Eligibility]:
    """The eligibility of many providers in one query of their licence history."""
    on = on or timezone.localdate()
    revocations = _revocations_of(p.pk for p in providers)
    return {p.pk: Eligibility(p, _checks(p, revocations.get(p.pk, []), on)) for p in providers}
