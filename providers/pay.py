"""Pay thresholds of the visa routes, as dated policy figures (portal/data/policy_figures.csv).

Each threshold is two figures per route and occupation code, `<route>_pay_per_year_<code>` and
`<route>_pay_per_hour_<code>`, read through `policy_in_force` like every other rule's figure, so a
new threshold is a new row with its effective date and applies from that date only. Rows marked
`confirmed=no` could not be checked against the current Immigration Rules when the data was
compiled: the pages say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from portal.policy import PolicyFigure, policy_in_force

ROUTE_LABELS = {"health_and_care": "Health and Care Worker"}


@dataclass(frozen=True)
class PayThreshold:
    route: str
    occupation_code: str
    per_year: Decimal
    per_hour: Decimal
    effective_from: dt.date
    confirmed: bool
    source: str


def _amount(figure: PolicyFigure) -> Decimal:
    return Decimal(figure.value) if not isinstance(figure.value, Decimal) else figure.value


def pay_threshold(*, occupation_code: str, on: dt.date, route: str = "health_and_care") -> PayThreshold | None:
    """The route's threshold for the occupation in force on `on`; None where the rules set none."""
    per_year = policy_in_force(f"{route}_pay_per_year_{occupation_code}", on=on)
    per_hour = policy_in_force(f"{route}_pay_per_hour_{occupation_code}", on=on)
    if per_year is None or per_hour is None:
        return None
    return PayThreshold(
        route=route,
        occupation_code=occupation_code,
        per_year=_amount(per_year),
        per_hour=_amount(per_hour),
        effective_from=max(per_year.effective_from, per_hour.effective_from),
        confirmed=per_year.confirmed and per_hour.confirmed,
        source=per_hour.source,
    )


def pay_problems(
    *, occupation_code: str, pay_per_hour: Decimal, pay_per_year: Decimal, on: dt.date, route: str = "health_and_care"
) -> list[str]:
    """Sentences saying how the pay falls short of the route's threshold; empty when it does not."""
    threshold = pay_threshold(occupation_code=occupation_code, on=on, route=route)
    if threshold is None:
        return []
    route_label = ROUTE_LABELS.get(route, route)
    since = f"{threshold.effective_from:%-d %B %Y}"
    caveat = "" if threshold.confirmed else " (figure not confirmed: check the current Immigration Rules)"
    problems = []
    if pay_per_hour < threshold.per_hour:
        problems.append(
            f"£{pay_per_hour:.2f} an hour is below the £{threshold.per_hour:.2f} an hour the {route_label} route "
            f"requires for occupation {occupation_code} since {since}{caveat}."
        )
    if pay_per_year < threshold.per_year:
        problems.append(
            f"£{pay_per_year:,.0f} a year is below the £{threshold.per_year:,.0f} a year the {route_label} route "
            f"requires for occupation {occupation_code} since {since}{caveat}."
        )
    return problems
