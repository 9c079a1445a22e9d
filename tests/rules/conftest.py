"""Shared pieces of the rule tests: a policy file of the test's own, and a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from portal import policy

AddFigure = Callable[[str], None]


@pytest.fixture
def add_figure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AddFigure]:
    """Add a row to a copy of the policy file (the loader's cache is emptied before and after)."""
    path = tmp_path / "policy_figures.csv"
    path.write_text(policy.DATA.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(policy, "DATA", path)
    policy._figures.cache_clear()

    def add(row: str) -> None:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(row + "\n")
        policy._figures.cache_clear()

    yield add
    policy._figures.cache_clear()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.datetime], None]:
    """Set the time the services see (timezone.now), so a test about dates does not age."""

    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def london(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_default_timezone())
