"""The GOV.UK date input: day, month and year boxes, with GOV.UK's error wording.

People type dates in many ways, so the field also takes a whole date typed into one box
(`1/9/2027`, `01 09 2027`, `1 Sep 2027`, `2027-09-01`), which is also what a form posted by a
script or an older page sends as a single `name=value`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
WHOLE_DATE_FORMATS = ("%d %m %Y", "%Y %m %d", "%d %b %Y", "%d %B %Y")
SEPARATORS = re.compile(r"[\s/.,\-]+")


class DateInput(forms.MultiWidget):
    """Three text boxes named `<name>_day`, `<name>_month` and `<name>_year`."""

    template_name = "forms/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in PARTS
        }
        super().__init__(boxes, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["invalid"] = widget["attrs"].get("aria-invalid") == "true"
        birthday = widget["attrs"].get("autocomplete") == "bday"
        for part, box in zip(PARTS, widget["subwidgets"], strict=True):
            box["label"] = part.capitalize()
            box["width"] = 4 if part == "year" else 2
            box["autocomplete"] = f"bday-{part}" if birthday else ""
        return context

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, str):
            value = parse_whole_date(value) or value
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if value:
            return [str(value), "", ""]
        return ["", "", ""]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if name in data and not any(f"{name}_{part}" in data for part in PARTS):
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else ""


def parse_whole_date(text: str) -> date | None:
    """A whole date typed in one go, in the ways people in England write one; None if it is not one."""
    words = SEPARATORS.sub(" ", text).strip()
    for fmt in WHOLE_DATE_FORMATS:
        try:
            parsed = datetime.strptime(words, fmt).date()
        except ValueError:
            continue
        return parsed if parsed.year >= 1000 else None
    return None


class DateField(forms.Field):
    """A date entered in the GOV.UK date input. Errors name the field as GOV.UK's pattern does.

    `past` / `future` refuse dates on the wrong side of today with "<Label> must be in the past"
    (today counts as the past unless `past="strict"`).
    """

    widget = DateInput
    default_error_messages = {
        "required": "Enter {label}",
        "incomplete": "{Label} must include a {missing}",
        "invalid": "{Label} must be a real date",
        "year": "Year must include 4 numbers",
    }

    def __init__(self, *, label: str | None = None, **kwargs: Any) -> None:
        kwargs.pop("input_formats", None)
        super().__init__(label=label, **kwargs)

    def _message(self, code: str, **extra: str) -> str:
        label = str(self.label or "the date")
        words = {"label": label[0].lower() + label[1:] if not label[:2].isupper() else label}
        words["Label"] = label[0].upper() + label[1:]
        return str(self.error_messages[code]).format(**words, **extra)

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        if isinstance(value, (list, tuple)):
            return self._from_boxes([str(v or "").strip() for v in value])
        text = str(value or "").strip()
        if not text:
            return None
        parsed = parse_whole_date(text)
        if parsed is None:
            raise ValidationError(self._message("invalid"), code="invalid")
        return parsed

    def _from_boxes(self, boxes: list[str]) -> date | None:
        day, month, year = [*boxes, "", "", ""][:3]
        if not any((day, month, year)):
            return None
        if day and not month and not year:
            whole = parse_whole_date(day)
            if whole:
                return whole
        missing = [part for part, box in zip(PARTS, (day, month, year), strict=True) if not box]
        if missing:
            raise ValidationError(self._message("incomplete", missing=" and ".join(missing)), code="incomplete")
        if not (day.isdigit() and year.isdigit()):
            raise ValidationError(self._message("invalid"), code="invalid")
        if len(year) != 4:
            raise ValidationError(self._message("year"), code="year")
        number = _month_number(month)
        try:
            return date(int(year), number or 0, int(day))
        except ValueError:
            raise ValidationError(self._message("invalid"), code="invalid") from None

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise ValidationError(self._message("required"), code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (self.to_python(initial) if initial else None)
        except ValidationError:
            return True


def _month_number(text: str) -> int | None:
    """A month typed as a number or a name ("9", "09", "Sep", "September")."""
    if text.isdigit():
        return int(text)
    for fmt in ("%b", "%B"):
        try:
            return datetime.strptime(text[:3] if fmt == "%b" else text, fmt).month
        except ValueError:
            continue
    return None
