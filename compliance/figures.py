"""The region's compliance cases in figures, for ADASS regional members (issue 16 item 4).

Counts only: no provider, worker or officer is named and nothing links to a case. Cases are
counted by state and by council as they are: a case is about an organisation whose licence is on
the Home Office's public register, not about a person. The affected workers are people, so their
counts go through small-number suppression (`portal/suppression.py`): 1 to 4 read "fewer than 5",
and a second council's count is withheld where the region's total would give a hidden one back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from compliance.access import compliance_cases_counted_for, compliance_cases_visible_to
from compliance.models import AffectedWorker, CaseStatus, ComplianceCase
from hubs.access import scope_for
from hubs.models import Region
from portal.suppression import SuppressedTable, suppress

WORKERS = "workers"


@dataclass(frozen=True)
class CouncilRow:
    name: str
    by_status: list[int]
    workers: Any  # a suppressed Cell


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    statuses: list[tuple[str, str]]
    by_status: list[tuple[str, int]]
    councils: list[CouncilRow]
    totals: list[int]
    workers_total: Any
    workers_table: SuppressedTable

    @property
    def total(self) -> int:
        return sum(number for _, number in self.by_status)


def _cases_of(user: Any, region: Region) -> QuerySet[ComplianceCase]:
    scope = scope_for(user)
    cases = compliance_cases_visible_to(user) if scope.is_hub_team(region) else compliance_cases_counted_for(user)
    return cases.filter(region=region)


def region_case_figures(*, user: Any, region: Region) -> RegionFigures:
    """Three grouped queries, whatever the number of cases, councils or workers."""
    cases = _cases_of(user, region)
    statuses = list(CaseStatus.choices)
    by_status = dict(cases.order_by().values_list("status").annotate(n=Count("id")))
    per_council: dict[str, dict[str, int]] = {}
    for name, status, number in (
        cases.order_by().values_list("provider__local_authority__council_name", "status").annotate(n=Count("id"))
    ):
        per_council.setdefault(name, {})[status] = number
    workers = dict(
        AffectedWorker.objects.filter(case__in=cases.exclude(status=CaseStatus.CLOSED))
        .order_by()
        .values_list("case__provider__local_authority__council_name")
        .annotate(n=Count("id"))
    )
    names = sorted(per_council)
    table = suppress({name: {WORKERS: workers.get(name, 0)} for name in names}, [WORKERS])
    return RegionFigures(
        region=region,
        statuses=statuses,
        by_status=[(label, by_status.get(value, 0)) for value, label in statuses],
        councils=[
            CouncilRow(
                name=name,
                by_status=[per_council[name].get(value, 0) for value, _ in statuses],
                workers=table.rows[name][WORKERS],
            )
            for name in names
        ],
        totals=[by_status.get(value, 0) for value, _ in statuses],
        workers_total=table.totals[WORKERS],
        workers_table=table,
    )
