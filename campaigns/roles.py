"""The job roles a campaign recruits for, as data (campaigns/data/job_roles.csv).

Each role has its SOC 2020 occupation code (the code `campaigns.rules.check_campaign` checks against
the `care_occupation_codes` policy figure) and whether it is a care role under the route closure.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "job_roles.csv"


@dataclass(frozen=True)
class JobRole:
    code: str
    name: str
    soc_code: str
    care_role: bool
    clinical: bool


@cache
def job_roles() -> dict[str, JobRole]:
    with DATA.open(newline="", encoding="utf-8") as handle:
        return {
            row["code"]: JobRole(
                code=row["code"],
                name=row["name"],
                soc_code=row["soc_code"],
                care_role=row["care_role"] == "yes",
                clinical=row["clinical"] == "yes",
            )
            for row in csv.DictReader(handle)
        }


def role_choices() -> list[tuple[str, str]]:
    return [(role.code, role.name) for role in job_roles().values()]


def occupation_codes(codes: list[str]) -> list[str]:
    """The SOC codes of the given roles (roles without one, such as "other", have none)."""
    roles = job_roles()
    return [roles[code].soc_code for code in codes if code in roles and roles[code].soc_code]
