"""Policy figures are dated data: the figure in force on an event's day applies to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from compliance.clocks import representation_deadline
from portal import policy
from providers.eligibility import cooling_off_months
from recruits.leave import curtailment_days

HEADER = "name,value,unit,effective_from,confirmed,source\n"


@pytest.fixture
def figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A policy file of the test's own; the loader's cache is emptied before and after."""
    path = tmp_path / "policy_figures.csv"
    path.write_text(HEADER + policy.DATA.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    monkeypatch.setattr(policy, "DATA", path)
    policy._figures.cache_clear()
    yield path
    policy._figures.cache_clear()


def _add(path: Path, row: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    policy._figures.cache_clear()


def test_a_figure_changing_on_a_date_applies_from_that_date(figures: Path) -> None:
    _add(figures, "curtailment_days,90,calendar days,2027-04-06,no,test: a future rule change")
    assert curtailment_days(letter_date=dt.date(2027, 4, 5)) == 60
    assert curtailment_days(letter_date=dt.date(2027, 4, 6)) == 90
    figure = policy.policy_figure("curtailment_days", on=dt.date(2027, 5, 1))
    assert figure.effective_from == dt.date(2027, 4, 6) and not figure.confirmed


def test_every_reader_honours_the_effective_date(figures: Path) -> None:
    _add(figures, "cooling_off_months,6,months,2027-01-01,no,test")
    _add(figures, "representation_working_days,10,working days,2027-01-01,no,test")
    assert cooling_off_months(repeat=False, on=dt.date(2026, 12, 31)) == 12
    assert cooling_off_months(repeat=False, on=dt.date(2027, 1, 1)) == 6
    before = representation_deadline(dt.date(2026, 12, 1))
    after = representation_deadline(dt.date(2027, 2, 1))
    assert (before - dt.date(2026, 12, 1)).days > (after - dt.date(2027, 2, 1)).days


def test_an_event_before_the_first_row_gets_the_earliest_figure() -> None:
    assert policy.policy_value("curtailment_days", on=dt.date(2000, 1, 1)) == 60


def test_an_unknown_figure_says_which_file_it_looked_in() -> None:
    with pytest.raises(LookupError, match=r"policy_figures\.csv"):
        policy.policy_figure("no_such_rule", on=dt.date(2026, 1, 1))
