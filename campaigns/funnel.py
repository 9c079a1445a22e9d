"""The recruitment funnel (issue 15 item 9): how many applications reached each stage, the conversion
between stages and the median days spent in each, for the hub team's campaigns, per country of
residence and per employer. Reads only; two queries whatever the number of applications.

How the figures are worked out, from each application's timeline (`ApplicationEvent`):

- **Reached.** An application reached every stage up to the furthest it got to, so a rejected
  application that had been shortlisted counts at "applied", "screened" and "shortlisted". The
  furthest stage is the latest of its current stage and every stage its moves came from or went to
  (an ended application's last move comes from the stage it ended at).
- **Conversion** from the previous stage and from "applied": reached here ÷ reached there, in
  percent (one decimal); empty where the stage before was reached by nobody.
- **Median days in a stage**, from the move into it (for "applied", the application itself) to the
  move out of it, forward or ended (rejected, withdrawn). Applications still in the stage are left
  out of the median (how many there are is shown beside it); "arrived" is the end, so it has none.
- **Per employer**: an application has an employer only once it is offered a job, so the employer
  rows count from "offered" on; the employer is that of the application's latest offer. A campaign
  recruits for several employers, so earlier stages cannot be put to one of them. Offered
  applications without an offer on record make a row "Employer not recorded".
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from campaigns.access import applications_visible_to, campaigns_editable_by
from campaigns.models import PIPELINE, Application, ApplicationEvent, Campaign, Offer, Stage
from providers.models import Provider
from recruits.selectors import country_name

OFFERED_ON = PIPELINE[PIPELINE.index(Stage.OFFERED) :]
DAY_SECONDS = 86_400
# An application moved to "offered" with no offer on record (moved by hand before offers were
# recorded, or demo data) still counts, in a row of its own, last.
NO_EMPLOYER = "Employer not recorded"


@dataclass(frozen=True)
class FunnelFilters:
    campaign: Campaign | None = None
    country: str = ""  # ISO code of the country of residence
    employer: Provider | None = None  # the employer of the application's latest offer


@dataclass
class Journey:
    """One application's way through the pipeline, as the funnel needs it."""

    country: str
    stage: str
    furthest: int  # index in PIPELINE
    employer_id: int | None
    days: dict[str, float] = field(default_factory=dict)  # stage → days spent in it, for stages it left


@dataclass(frozen=True)
class StageFigure:
    stage: Stage
    reached: int
    from_previous: float | None  # percent
    from_first: float | None  # percent of the first stage of the rows ("applied", or "offered" per employer)
    median_days: float | None
    timed: int  # applications that left the stage: the median is over these
    now: int  # applications in the stage now (not in the median)


@dataclass(frozen=True)
class GroupFunnel:
    key: str
    label: str
    stages: list[StageFigure]

    @property
    def first_to_last(self) -> float | None:
        return _percent(self.stages[-1].reached, self.stages[0].reached)


@dataclass(frozen=True)
class Funnel:
    total: GroupFunnel
    by_country: list[GroupFunnel]
    by_employer: list[GroupFunnel]
    ended: dict[str, int]  # rejected and withdrawn applications

    @property
    def applications(self) -> int:
        return self.total.stages[0].reached

    @property
    def empty(self) -> bool:
        return self.applications == 0

    @property
    def employer_unrecorded(self) -> bool:
        return any(not group.key for group in self.by_employer)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _figures(journeys: list[Journey], stages: list[str]) -> list[StageFigure]:
    figures: list[StageFigure] = []
    first = None
    for position, stage in enumerate(stages):
        index = PIPELINE.index(stage)
        reached = sum(1 for j in journeys if j.furthest >= index)
        days = [j.days[stage] for j in journeys if stage in j.days]
        first = reached if first is None else first
        previous = figures[position - 1].reached if position else None
        figures.append(
            StageFigure(
                stage=Stage(stage),
                reached=reached,
                from_previous=_percent(reached, previous) if previous is not None else None,
                from_first=_percent(reached, first) if position else None,
                median_days=_median(days) if stage != Stage.ARRIVED else None,
                timed=len(days) if stage != Stage.ARRIVED else 0,
                now=sum(1 for j in journeys if j.stage == stage),
            )
        )
    return figures


def _journey(row: tuple[Any, ...], moves: list[tuple[str, str, dt.datetime]]) -> Journey:
    _id, country, stage, applied_at, employer_id = row
    touched = [stage, *(s for move in moves for s in move[:2])]
    furthest = max((PIPELINE.index(s) for s in touched if s in PIPELINE), default=0)
    entered: dict[str, dt.datetime] = {Stage.APPLIED: applied_at}
    days: dict[str, float] = {}
    for from_stage, to_stage, at in moves:
        if from_stage in entered and from_stage not in days:
            days[from_stage] = max((at - entered[from_stage]).total_seconds(), 0) / DAY_SECONDS
        if to_stage in PIPELINE and to_stage not in days:
            entered[to_stage] = at
    return Journey(country=country, stage=stage, furthest=furthest, employer_id=employer_id, days=days)


def _applications(user: Any, filters: FunnelFilters) -> QuerySet[Application]:
    latest_offer = Offer.objects.filter(application=OuterRef("pk")).order_by("-made_at", "-id")
    rows = applications_visible_to(user).annotate(
        employer_id=Subquery(latest_offer.values("employer_id")[:1]),
        employer_name=Subquery(latest_offer.values("employer__name")[:1]),
    )
    if filters.campaign is not None:
        rows = rows.filter(campaign=filters.campaign)
    if filters.country:
        rows = rows.filter(country=filters.country)
    if filters.employer is not None:
        rows = rows.filter(employer_id=filters.employer.pk)
    return rows


def _grouped(journeys: Iterable[Journey], key: Any) -> dict[Any, list[Journey]]:
    groups: dict[Any, list[Journey]] = defaultdict(list)
    for journey in journeys:
        groups[key(journey)].append(journey)
    return groups


def funnel_of(*, user: Any, filters: FunnelFilters | None = None) -> Funnel:
    """The funnel of the applications the user's hub team sees (its regions' campaigns), filtered."""
    applications = _applications(user, filters or FunnelFilters())
    # `employer_id` and `employer_name` are annotations of `_applications` (the latest offer's employer).
    fields = ("id", "country", "stage", "applied_at", "employer_id", "employer_name")
    rows = list(applications.values_list(*fields).order_by("id"))
    moves: dict[int, list[tuple[str, str, dt.datetime]]] = defaultdict(list)
    if rows:
        events = (
            ApplicationEvent.objects.filter(application_id__in=applications.values("id"))
            .exclude(from_stage="", to_stage="")
            .order_by("application_id", "at", "id")
            .values_list("application_id", "from_stage", "to_stage", "at")
        )
        for application_id, from_stage, to_stage, at in events:
            moves[application_id].append((from_stage, to_stage, at))
    journeys = [_journey(row[:5], moves[row[0]]) for row in rows]
    names = {row[4]: row[5] for row in rows if row[4] is not None}
    by_country = [
        GroupFunnel(code, country_name(code) or "Not given", _figures(group, PIPELINE))
        for code, group in _grouped(journeys, lambda j: j.country).items()
    ]
    offered = (j for j in journeys if j.furthest >= PIPELINE.index(Stage.OFFERED))
    by_employer = [
        GroupFunnel(str(employer_id or ""), names.get(employer_id, NO_EMPLOYER), _figures(group, OFFERED_ON))
        for employer_id, group in _grouped(offered, lambda j: j.employer_id).items()
    ]
    return Funnel(
        total=GroupFunnel("all", "All applications", _figures(journeys, PIPELINE)),
        by_country=sorted(by_country, key=lambda g: (-g.stages[0].reached, g.label)),
        by_employer=sorted(by_employer, key=lambda g: (not g.key, -g.stages[0].reached, g.label)),
        ended={stage: sum(1 for j in journeys if j.stage == stage) for stage in (Stage.REJECTED, Stage.WITHDRAWN)},
    )


def funnel_countries(user: Any) -> list[tuple[str, str]]:
    """The countries of residence the hub team's applicants gave, by name: the country filter's choices."""
    codes = applications_visible_to(user).order_by().values_list("country", flat=True).distinct()
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


def funnel_employers(user: Any) -> QuerySet[Provider]:
    """The employers of the hub team's campaigns and of its offers: the employer filter's choices."""
    of_campaigns = Campaign.employers.through.objects.filter(campaign__in=campaigns_editable_by(user))
    of_offers = Offer.objects.filter(application__in=applications_visible_to(user))
    return Provider.objects.filter(
        Q(id__in=of_campaigns.values("provider_id")) | Q(id__in=of_offers.values("employer_id"))
    ).order_by("name")
