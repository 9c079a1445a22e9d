"""The return's filters: a period (a month, a quarter, a year or two dates) and a region."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django import forms

from hubs.models import Region
from portal.forms import DateField
from portal.returns.figures import Period

ENGLAND = "england"
LONGEST_DAYS = 5 * 366
MONTHS = [(str(n), calendar.month_name[n]) for n in range(1, 13)]
QUARTERS = [("1", "Q1 (January to March)"), ("2", "Q2 (April to June)"), ("3", "Q3 (July to September)"),
            ("4", "Q4 (October to December)")]  # fmt: skip


class ReturnFilterForm(forms.Form):
    """Always bound: the view fills in this month and the user's region where the address says nothing."""

    mark_optional = False

    region = forms.ChoiceField(label="Region")
    period = forms.ChoiceField(
        label="Period",
        choices=[("month", "A month"), ("quarter", "A quarter"), ("year", "A year"), ("dates", "Between two dates")],
        error_messages={"invalid_choice": "Choose a month, a quarter, a year or two dates"},
    )
    year = forms.IntegerField(
        label="Year",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="For a month, a quarter or a year. For example, 2026",
        error_messages={
            "invalid": "Year must be a number, like 2026",
            "min_value": "Year must be 2000 or later",
            "max_value": "Year must be 2100 or earlier",
        },
    )
    month = forms.ChoiceField(
        label="Month", required=False, choices=MONTHS, error_messages={"invalid_choice": "Choose a month from the list"}
    )
    quarter = forms.ChoiceField(
        label="Quarter",
        required=False,
        choices=QUARTERS,
        error_messages={"invalid_choice": "Choose a quarter from the list"},
    )
    start = DateField(label="From", required=False, help_text="Between two dates: the first day, included")
    end = DateField(label="To", required=False, help_text="Between two dates: the last day, included")

    def __init__(self, data: Any, *, regions: list[Region], national: bool) -> None:
        super().__init__(data)
        choices = [(region.code, region.name) for region in regions]
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = [(ENGLAND, "England (every region)"), *choices] if national else choices
        own = "your own region" if len(regions) == 1 else "the regions you lead"
        self.fields["region"].error_messages["invalid_choice"] = (
            f"Choose a region from the list: a lead sees the return of {own} only"
            if not national
            else "Choose England or a region from the list"
        )
        self.regions = {region.code: region for region in regions}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("period")
        year = data.get("year")
        if kind in ("month", "quarter", "year") and year is None and "year" not in self.errors:
            self.add_error("year", "Enter the year, like 2026")
        if kind == "dates":
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", "Enter the first day of the period")
            if end is None and "end" not in self.errors:
                self.add_error("end", "Enter the last day of the period")
            if start and end and start > end:
                self.add_error("end", "The “To” date must be the same as or after the “From” date")
            elif start and end and (end - start).days >= LONGEST_DAYS:
                self.add_error("end", "A return can cover 5 years at most: choose a later “From” date")
        return data

    def chosen_region(self) -> Region | None:
        """The region asked for; None for England."""
        code = self.cleaned_data["region"]
        return None if code == ENGLAND else self.regions[code]

    def chosen_period(self) -> Period:
        data = self.cleaned_data
        kind, year = data["period"], int(data.get("year") or 0)
        if kind == "month":
            month = int(data.get("month") or 1)
            last = calendar.monthrange(year, month)[1]
            start = dt.date(year, month, 1)
            return Period(start, dt.date(year, month, last), start.strftime("%B %Y"))
        if kind == "quarter":
            quarter = int(data.get("quarter") or 1)
            first = 3 * quarter - 2
            last_month = first + 2
            end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
            return Period(dt.date(year, first, 1), end, f"Q{quarter} {year}")
        if kind == "year":
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
        start, end = data["start"], data["end"]
        return Period(start, end, f"{_day(start)} to {_day(end)}")


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def filter_data(query: Any, *, today: dt.date, default_region: str) -> dict[str, Any]:
    """The address's filters over the defaults: this month, the user's (first) region or England."""
    data: dict[str, Any] = {
        "region": default_region,
        "period": "month",
        "year": str(today.year),
        "month": str(today.month),
        "quarter": str((today.month - 1) // 3 + 1),
    }
    for key in query:
        data[key] = query.get(key)
    return data
